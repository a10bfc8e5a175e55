import type { RunDetail, RunRecord } from '@ledgerflow/engine';
import type { Kysely } from 'kysely';
import { runFromRow } from './rows';
import type { Database } from './schema';

export interface RunFilter {
  flowId?: string;
  status?: string;
  from?: number;
  to?: number;
  /** Business key or run id prefix. */
  q?: string;
  limit: number;
  cursor?: string;
}

export interface RunPage {
  items: RunRecord[];
  nextCursor: string | null;
}

/** Reads over run history for the API and the console; keyset-paged, newest first. */
export class RunQueries {
  constructor(private readonly db: Kysely<Database>) {}

  async list(filter: RunFilter): Promise<RunPage> {
    let query = this.db.selectFrom('runs').selectAll();
    if (filter.flowId) query = query.where('flow_id', '=', filter.flowId);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.from !== undefined) query = query.where('created_at', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('created_at', '<', filter.to);
    if (filter.q) {
      const q = filter.q;
      query = query.where((eb) => eb.or([eb('business_key', '=', q), eb('id', '=', q)]));
    }
    const cursor = filter.cursor ? decodeCursor(filter.cursor) : undefined;
    if (cursor) {
      // The `<=` is implied by the OR below, but without it SQLite scans the index from the newest run down to the cursor (bench/RESULTS.md, history).
      query = query.where('created_at', '<=', cursor.at).where((eb) => eb.or([eb('created_at', '<', cursor.at), eb.and([eb('created_at', '=', cursor.at), eb('id', '<', cursor.id)])]));
    }
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1).execute();
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return { items: page.map(runFromRow), nextCursor: rows.length > filter.limit && last ? encodeCursor(last.created_at, last.id) : null };
  }

  async findByIdempotencyKey(flowId: string, key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('runs').select('id').where('flow_id', '=', flowId).where('idempotency_key', '=', key).executeTakeFirst();
    return row?.id;
  }

  async setIdempotencyKey(runId: string, key: string): Promise<void> {
    await this.db.updateTable('runs').set({ idempotency_key: key }).where('id', '=', runId).execute();
  }

  /** Replays of a run, newest first. */
  async replaysOf(runId: string): Promise<RunRecord[]> {
    const rows = await this.db.selectFrom('runs').selectAll().where('replay_of', '=', runId).orderBy('created_at', 'desc').execute();
    return rows.map(runFromRow);
  }

  async counts(): Promise<Record<string, number>> {
    const rows = await this.db.selectFrom('runs').select((eb) => ['status', eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}

/** A run as the API returns it: the run with its steps, each with its attempts. */
export function runView(detail: RunDetail) {
  const { run } = detail;
  return {
    id: run.id,
    flowId: run.flowId,
    flowVersion: run.flowVersion,
    status: run.status,
    input: run.input,
    output: run.output,
    error: run.error,
    trigger: run.trigger,
    businessKey: run.businessKey,
    replayOf: run.replayOf,
    replayFrom: run.replayFrom,
    rootRunId: run.rootRunId,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    prunedAt: run.prunedAt ?? null,
    steps: detail.steps.map((step) => ({
      id: step.id,
      nodeId: step.nodeId,
      status: step.status,
      input: step.input,
      output: step.output,
      port: step.port,
      error: step.error,
      reused: step.reused,
      nextAttemptAt: step.nextAttemptAt,
      startedAt: step.startedAt,
      finishedAt: step.finishedAt,
      attempts: detail.attempts
        .filter((a) => a.stepId === step.id)
        .sort((a, b) => a.number - b.number)
        .map((a) => ({ number: a.number, status: a.status, startedAt: a.startedAt, finishedAt: a.finishedAt, error: a.error, logs: a.logs })),
    })),
  };
}

function encodeCursor(at: number, id: string): string {
  return Buffer.from(`${at}:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: number; id: string } | undefined {
  const [at, ...rest] = Buffer.from(cursor, 'base64url').toString().split(':');
  const n = Number(at);
  return Number.isFinite(n) && rest.length > 0 ? { at: n, id: rest.join(':') } : undefined;
}
