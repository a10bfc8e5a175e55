import type { FlowDocument } from '@ledgerflow/flow';
import { flowDocumentSchema } from '@ledgerflow/flow';
import { FINAL_RUN_STATUSES, type AttemptRecord, type EngineStore, type RunCommit, type RunDetail, type RunRecord, type RunStatus, type StepRecord } from '@ledgerflow/engine';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from './connect';
import { fromJson, toJson } from './json';
import { attemptFromRow, runFromRow, stepFromRow } from './rows';
import type { Database } from './schema';

const OPEN = ['queued', 'running', 'waiting'];

/** The engine's durable state in SQL: every commit is one transaction guarded by the run lease. */
export class SqlEngineStore implements EngineStore {
  private readonly db: Kysely<Database>;
  private readonly versions = new Map<string, FlowDocument>();

  constructor(private readonly handle: Db) {
    this.db = handle.kysely;
  }

  async createRun(run: RunRecord, first: StepRecord): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.insertInto('runs').values(runRow(run, first.nextAttemptAt)).execute();
      await tx.insertInto('steps').values(stepRow(first)).execute();
    });
  }

  async claimRun(owner: string, now: number, leaseMs: number): Promise<string | undefined> {
    // Per-flow concurrency: a flow at its limit of leased runs is passed over.
    const underLimit = sql<boolean>`coalesce((select f.max_concurrency from flows f where f.id = runs.flow_id), 1000000) > (select count(*) from runs r2 where r2.flow_id = runs.flow_id and r2.lease_expires_at >= ${now})`;
    return this.db.transaction().execute(async (tx) => {
      let query = tx
        .selectFrom('runs')
        .select(['id', 'flow_id'])
        .where('next_due_at', '<=', now)
        // Wrapped so SQLite seeks runs_due instead of scanning every open run through runs_status_history:
        // with 20,000 waiting runs that scan took 30 ms per claim, blocking the event loop (bench/RESULTS.md).
        .where((eb) => eb(sql<string>`coalesce(status, '')`, 'in', OPEN))
        .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', now)]))
        .where(underLimit)
        .orderBy('next_due_at')
        .orderBy('created_at')
        .limit(1);
      if (this.handle.dialect === 'postgres') query = query.forUpdate().skipLocked();
      const row = await query.executeTakeFirst();
      if (!row) return undefined;
      if (this.handle.dialect === 'postgres' && !(await this.flowSlotFree(tx, row.flow_id, now))) return undefined;
      const claimed = await tx
        .updateTable('runs')
        .set({ lease_owner: owner, lease_expires_at: now + leaseMs })
        .where('id', '=', row.id)
        .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', now)]))
        .executeTakeFirst();
      return Number(claimed.numUpdatedRows) === 1 ? row.id : undefined;
    });
  }

  /**
   * On PostgreSQL two processes can each count the other's claim as not yet
   * made; locking the flow row serialises claims of a limited flow, and the
   * count is taken again once the lock is held.
   */
  private async flowSlotFree(tx: Transaction<Database>, flowId: string, now: number): Promise<boolean> {
    const limited = await tx.selectFrom('flows').select('max_concurrency').where('id', '=', flowId).executeTakeFirst();
    if (!limited || limited.max_concurrency === null) return true;
    const flow = await tx.selectFrom('flows').select('max_concurrency').where('id', '=', flowId).forUpdate().executeTakeFirst();
    if (!flow || flow.max_concurrency === null) return true;
    const leased = await tx
      .selectFrom('runs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('flow_id', '=', flowId)
      .where('lease_expires_at', '>=', now)
      .executeTakeFirst();
    return Number(leased?.n ?? 0) < flow.max_concurrency;
  }

  async renewLease(runId: string, owner: string, until: number): Promise<boolean> {
    const result = await this.db.updateTable('runs').set({ lease_expires_at: until }).where('id', '=', runId).where('lease_owner', '=', owner).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async releaseRun(runId: string, owner: string, status?: RunStatus): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const run = await tx.selectFrom('runs').select(['status', 'lease_owner']).where('id', '=', runId).executeTakeFirst();
      if (!run || run.lease_owner !== owner) return;
      const nextDue = FINAL_RUN_STATUSES.has(run.status as RunStatus) ? null : await nextDueAt(tx, runId);
      const keep = !status || FINAL_RUN_STATUSES.has(run.status as RunStatus);
      await tx
        .updateTable('runs')
        .set({ lease_owner: null, lease_expires_at: null, next_due_at: nextDue, ...(keep ? {} : { status }) })
        .where('id', '=', runId)
        .where('lease_owner', '=', owner)
        .execute();
    });
  }

  async commit(commit: RunCommit): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const run = await tx.selectFrom('runs').select(['status', 'lease_owner', 'lease_expires_at']).where('id', '=', commit.runId).executeTakeFirst();
      if (!run || run.lease_owner !== commit.owner || FINAL_RUN_STATUSES.has(run.status as RunStatus)) return false;
      for (const { id, patch } of commit.steps ?? []) {
        await tx.updateTable('steps').set(stepPatch(patch)).where('id', '=', id).execute();
      }
      for (const step of commit.newSteps ?? []) await tx.insertInto('steps').values(stepRow(step)).execute();
      if (commit.newAttempt) await tx.insertInto('attempts').values(attemptRow(commit.newAttempt)).execute();
      if (commit.attempt) {
        const { stepId, number, patch } = commit.attempt;
        const set: Partial<Database['attempts']> = {};
        if (patch.status !== undefined) set.status = patch.status;
        if (patch.finishedAt !== undefined) set.finished_at = patch.finishedAt;
        if (patch.error !== undefined) set.error = toJson(patch.error);
        if (patch.logs !== undefined) set.logs = JSON.stringify(patch.logs);
        await tx.updateTable('attempts').set(set).where('step_id', '=', stepId).where('number', '=', number).execute();
      }
      const final = commit.run?.status !== undefined && FINAL_RUN_STATUSES.has(commit.run.status);
      const runSet: Partial<Database['runs']> = { next_due_at: final ? null : await nextDueAt(tx, commit.runId) };
      if (commit.run) {
        const r = commit.run;
        if (r.status !== undefined) runSet.status = r.status;
        if (r.output !== undefined) runSet.output = toJson(r.output);
        if (r.error !== undefined) {
          runSet.error = toJson(r.error);
          runSet.error_signature = r.error ? errorSignature(r.error) : null;
        }
        if (r.startedAt !== undefined) runSet.started_at = r.startedAt;
        if (r.finishedAt !== undefined) runSet.finished_at = r.finishedAt;
      }
      await tx.updateTable('runs').set(runSet).where('id', '=', commit.runId).execute();
      return true;
    });
  }

  async loadRun(runId: string): Promise<RunDetail | undefined> {
    const row = await this.db.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirst();
    if (!row) return undefined;
    const [steps, attempts] = await Promise.all([
      this.db.selectFrom('steps').selectAll().where('run_id', '=', runId).orderBy('seq').execute(),
      this.db.selectFrom('attempts').selectAll().where('run_id', '=', runId).orderBy('started_at').execute(),
    ]);
    return { run: runFromRow(row), steps: steps.map(stepFromRow), attempts: attempts.map(attemptFromRow) };
  }

  async flowVersion(flowId: string, version: number): Promise<FlowDocument | undefined> {
    const key = `${flowId}@${version}`;
    const cached = this.versions.get(key);
    if (cached) return cached;
    const row = await this.db.selectFrom('flow_versions').select('document').where('flow_id', '=', flowId).where('version', '=', version).executeTakeFirst();
    if (!row) return undefined;
    const flow = flowDocumentSchema.parse(JSON.parse(row.document));
    this.versions.set(key, flow);
    return flow;
  }

  async resumeStep(runId: string, stepId: string, resume: unknown, now: number): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const result = await tx
        .updateTable('steps')
        .set({ status: 'ready', resume: toJson(resume), next_attempt_at: now })
        .where('id', '=', stepId)
        .where('run_id', '=', runId)
        .where('status', '=', 'waiting')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await tx.updateTable('runs').set({ next_due_at: now }).where('id', '=', runId).where('status', 'in', OPEN).execute();
      return true;
    });
  }

  async cancelRun(runId: string, now: number): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const result = await tx
        .updateTable('runs')
        .set({ status: 'cancelled', finished_at: now, next_due_at: null })
        .where('id', '=', runId)
        .where('status', 'in', OPEN)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await tx.updateTable('steps').set({ status: 'cancelled', finished_at: now, next_attempt_at: null }).where('run_id', '=', runId).where('status', 'in', ['ready', 'running', 'waiting']).execute();
      return true;
    });
  }
}

/**
 * When a run next needs a worker: now for an interrupted step, else its
 * earliest due step, and never later than its deadline while steps are open.
 */
async function nextDueAt(tx: Transaction<Database>, runId: string): Promise<number | null> {
  const row = await tx
    .selectFrom('steps')
    .select((eb) => [
      eb.fn.min<number>(eb.case().when('status', '=', 'running').then(0).else(eb.ref('next_attempt_at')).end()).as('due'),
      eb.fn.countAll<number>().as('open'),
    ])
    .where('run_id', '=', runId)
    .where('status', 'in', ['ready', 'waiting', 'running'])
    .executeTakeFirst();
  const due = row?.due === undefined || row.due === null ? null : Number(row.due);
  if (!row || Number(row.open) === 0) return due;
  const run = await tx.selectFrom('runs').select('deadline_at').where('id', '=', runId).executeTakeFirst();
  const deadline = run?.deadline_at ?? null;
  if (deadline === null) return due;
  return due === null ? Number(deadline) : Math.min(due, Number(deadline));
}

/** Groups failures: same node, same error class, message with numbers and ids blanked. */
export function errorSignature(error: { nodeId?: string; class: string; message: string }): string {
  const pattern = error.message.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, '<id>').replace(/\d+(\.\d+)?/g, '<n>').slice(0, 200);
  return `${error.nodeId ?? '-'}|${error.class}|${pattern}`;
}

function runRow(run: RunRecord, due: number | null): Database['runs'] {
  return {
    id: run.id, flow_id: run.flowId, flow_version: run.flowVersion, status: run.status, input: toJson(run.input), output: toJson(run.output),
    error: toJson(run.error), error_signature: null, trigger: JSON.stringify(run.trigger), business_key: run.businessKey,
    idempotency_key: run.idempotencyKey ?? null, replay_of: run.replayOf, root_run_id: run.rootRunId, replay_from: run.replayFrom,
    replay_input: toJson(run.replayInput), created_at: run.createdAt, started_at: run.startedAt, finished_at: run.finishedAt,
    deadline_at: run.deadlineAt, next_due_at: due, lease_owner: null, lease_expires_at: null, pruned_at: null,
  };
}

function stepRow(step: StepRecord): Database['steps'] {
  return {
    id: step.id, run_id: step.runId, node_id: step.nodeId, seq: step.seq, status: step.status, input: toJson(step.input), output: toJson(step.output),
    port: step.port, error: toJson(step.error), attempts: step.attempts, next_attempt_at: step.nextAttemptAt, resume: toJson(step.resume),
    reused: step.reused ? 1 : 0, created_at: step.createdAt, started_at: step.startedAt, finished_at: step.finishedAt,
  };
}

function attemptRow(a: AttemptRecord): Database['attempts'] {
  return { step_id: a.stepId, number: a.number, run_id: a.runId, status: a.status, started_at: a.startedAt, finished_at: a.finishedAt, error: toJson(a.error), logs: JSON.stringify(a.logs) };
}

function stepPatch(patch: NonNullable<RunCommit['steps']>[number]['patch']): Partial<Database['steps']> {
  const set: Partial<Database['steps']> = {};
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.input !== undefined) set.input = toJson(patch.input);
  if (patch.output !== undefined) set.output = toJson(patch.output);
  if (patch.port !== undefined) set.port = patch.port;
  if (patch.error !== undefined) set.error = toJson(patch.error);
  if (patch.attempts !== undefined) set.attempts = patch.attempts;
  if (patch.nextAttemptAt !== undefined) set.next_attempt_at = patch.nextAttemptAt;
  if (patch.resume !== undefined) set.resume = toJson(patch.resume);
  if (patch.reused !== undefined) set.reused = patch.reused ? 1 : 0;
  if (patch.startedAt !== undefined) set.started_at = patch.startedAt;
  if (patch.finishedAt !== undefined) set.finished_at = patch.finishedAt;
  return set;
}

export { fromJson };
