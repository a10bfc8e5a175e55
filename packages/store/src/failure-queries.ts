import { sql, type Kysely } from 'kysely';
import { fromJson } from './json';
import type { Database } from './schema';

/** Failed runs of one flow that failed the same way. */
export interface FailureGroup {
  flowId: string;
  signature: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
  /** The newest run's error message and node, to read without opening a run. */
  sample: { runId: string; message: string; nodeId: string | null; code: string | null };
}

export interface FailureFilter {
  flowId?: string;
  signature?: string;
  runIds?: string[];
}

/**
 * The failed-run queue. A failed run is open until it is replayed: once a
 * replay exists, the queue follows the replay instead (so each business
 * event shows once, at its latest failure).
 */
export class FailureQueries {
  constructor(private readonly db: Kysely<Database>) {}

  /** Open failed runs grouped by flow and error signature, most recent group first. */
  async groups(flowId?: string): Promise<FailureGroup[]> {
    let query = this.open()
      .select((eb) => [
        'r.flow_id',
        'r.error_signature',
        eb.fn.countAll<number>().as('n'),
        eb.fn.min('r.finished_at').as('first_seen'),
        eb.fn.max('r.finished_at').as('last_seen'),
      ])
      .groupBy(['r.flow_id', 'r.error_signature']);
    if (flowId) query = query.where('r.flow_id', '=', flowId);
    const rows = await query.execute();
    const groups: FailureGroup[] = [];
    for (const row of rows) {
      const signature = row.error_signature ?? '';
      let newest = this.open().select(['r.id', 'r.error']).where('r.flow_id', '=', row.flow_id).orderBy('r.finished_at', 'desc').limit(1);
      newest = row.error_signature === null ? newest.where('r.error_signature', 'is', null) : newest.where('r.error_signature', '=', row.error_signature);
      const sample = await newest.executeTakeFirst();
      const error = errorFields(fromJson(sample?.error ?? null));
      groups.push({
        flowId: row.flow_id,
        signature,
        count: Number(row.n),
        firstSeen: Number(row.first_seen ?? 0),
        lastSeen: Number(row.last_seen ?? 0),
        sample: { runId: sample?.id ?? '', ...error },
      });
    }
    return groups.sort((a, b) => b.lastSeen - a.lastSeen);
  }

  /** Ids of open failed runs matching the filter, oldest first. */
  async openRunIds(filter: FailureFilter): Promise<string[]> {
    let query = this.open().select('r.id').orderBy('r.created_at').orderBy('r.id');
    if (filter.flowId) query = query.where('r.flow_id', '=', filter.flowId);
    if (filter.signature) query = query.where('r.error_signature', '=', filter.signature);
    if (filter.runIds) query = query.where('r.id', 'in', filter.runIds.length > 0 ? filter.runIds : ['']);
    return (await query.execute()).map((r) => r.id);
  }

  /** Whether a later run of the same replay chain succeeded or is still under way. */
  async handled(runId: string): Promise<boolean> {
    const run = await this.db.selectFrom('runs').select(['root_run_id', 'created_at', 'status']).where('id', '=', runId).executeTakeFirst();
    if (!run || run.status !== 'failed') return true;
    const later = await this.db
      .selectFrom('runs')
      .select('id')
      .where('root_run_id', '=', run.root_run_id)
      .where('id', '<>', runId)
      .where('created_at', '>=', run.created_at)
      .where('status', 'in', ['succeeded', 'queued', 'running', 'waiting'])
      .limit(1)
      .executeTakeFirst();
    return later !== undefined;
  }

  /** Status of each run id given (missing ids are left out). */
  async statuses(runIds: string[]): Promise<Map<string, string>> {
    if (runIds.length === 0) return new Map();
    const rows = await this.db.selectFrom('runs').select(['id', 'status']).where('id', 'in', runIds).execute();
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  private open() {
    return this.db
      .selectFrom('runs as r')
      .where('r.status', '=', 'failed')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('runs as x').select(sql.lit(1).as('one')).whereRef('x.replay_of', '=', 'r.id'))));
  }
}

function errorFields(value: unknown): { message: string; nodeId: string | null; code: string | null } {
  if (typeof value !== 'object' || value === null) return { message: '', nodeId: null, code: null };
  const message = 'message' in value && typeof value.message === 'string' ? value.message : '';
  const nodeId = 'nodeId' in value && typeof value.nodeId === 'string' ? value.nodeId : null;
  const code = 'code' in value && typeof value.code === 'string' ? value.code : null;
  return { message, nodeId, code };
}
