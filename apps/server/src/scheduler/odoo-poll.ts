import { createHash } from 'node:crypto';
import type { RunRecord, RunTrigger } from '@ledgerflow/engine';
import { canonicalJson } from '@ledgerflow/flow';
import type { OdooClient, OdooDomain, OdooRecord } from '@ledgerflow/odoo';
import type { Database } from '@ledgerflow/store';
import type { Kysely } from 'kysely';
import { z } from 'zod';

/** The trigger config keys an Odoo poll reads (the trigger node schema documents them). */
export const odooPollConfig = z.object({
  connection: z.string().min(1),
  model: z.string().min(1),
  domain: z.array(z.union([z.string(), z.array(z.unknown())])).default([]),
  fields: z.array(z.string()).optional(),
  mode: z.enum(['batch', 'record']).default('batch'),
  limit: z.number().int().min(1).max(1000).default(100),
  startFrom: z.enum(['now', 'beginning']).default('now'),
});
export type OdooPollConfig = z.infer<typeof odooPollConfig>;

/**
 * Where the last poll stopped: the newest `write_date` it handled and, for
 * records stamped in that same second, a fingerprint of each. Odoo's
 * write_date has one-second resolution, so that second is read again on the
 * next poll: a record changed within it shows a new fingerprint, one already
 * handled does not, and nothing is skipped or read twice.
 */
const cursorSchema = z.object({ writeDate: z.string().nullable(), seen: z.record(z.string(), z.string()).default({}) });
type Cursor = z.infer<typeof cursorSchema>;

/** At most this many batches per fire, so one poll cannot run forever. */
const MAX_PAGES = 20;

export interface OdooPollDeps {
  db: Kysely<Database>;
  odoo: (connection: string) => Promise<OdooClient>;
  startRun: (flowId: string, input: unknown, trigger: RunTrigger, options: { idempotencyKey: string }) => Promise<RunRecord>;
}

/**
 * Reads records changed since a persisted cursor (`write_date`, then `id`)
 * and starts one run per batch or per record. The cursor moves only after
 * the run is accepted, so a crash re-reads (and the idempotency key dedupes)
 * rather than skips.
 */
export class OdooPoller {
  constructor(private readonly deps: OdooPollDeps) {}

  /** One poll for a flow's trigger; returns the ids of the runs it started. */
  async poll(flowId: string, nodeId: string, config: OdooPollConfig, fire: { fireAt: string }): Promise<string[]> {
    const key = `odoo-poll:${flowId}:${nodeId}`;
    const client = await this.deps.odoo(config.connection);
    const domain: OdooDomain = config.domain.map((term) => (typeof term === 'string' ? term : [...term]));
    const fields = config.fields ? [...new Set([...config.fields, 'id', 'write_date'])] : undefined;
    const read = (extra: OdooDomain, limit?: number) => client.searchRead(config.model, [...extra, ...domain], { ...(fields ? { fields } : {}), order: 'write_date asc, id asc', ...(limit ? { limit } : {}) });
    let cursor = await this.readCursor(key);
    if (!cursor) {
      cursor = { writeDate: null, seen: {} };
      if (config.startFrom === 'now') {
        // Start after what exists: the newest second, with its records marked as seen.
        const [last] = await client.searchRead(config.model, domain, { fields: ['id', 'write_date'], order: 'write_date desc, id desc', limit: 1 });
        const second = writeDateOf(last);
        if (second !== null) cursor = advance(cursor, await read([['write_date', '>=', second], ['write_date', '<', nextSecond(second)]]));
        await this.writeCursor(key, cursor);
        return [];
      }
    }
    const runIds: string[] = [];
    const handle = async (records: OdooRecord[]) => {
      if (records.length === 0) return;
      const trigger = (detail: Record<string, unknown>): RunTrigger => ({ kind: 'odoo-poll', detail: { fireAt: fire.fireAt, model: config.model, ...detail } });
      if (config.mode === 'record') {
        for (const record of records) {
          const print = fingerprint(record);
          const run = await this.deps.startRun(flowId, record, trigger({ recordId: record.id, writeDate: writeDateOf(record) }), { idempotencyKey: `odoo-poll:${nodeId}:${record.id}#${print}` });
          runIds.push(run.id);
          cursor = advance(cursor ?? { writeDate: null, seen: {} }, [record]);
          await this.writeCursor(key, cursor);
        }
      } else {
        const print = fingerprint(records.map((r) => `${r.id}#${fingerprint(r)}`));
        const run = await this.deps.startRun(flowId, { model: config.model, records }, trigger({ count: records.length, ids: records.map((r) => r.id) }), { idempotencyKey: `odoo-poll:${nodeId}:batch#${print}` });
        runIds.push(run.id);
        cursor = advance(cursor ?? { writeDate: null, seen: {} }, records);
        await this.writeCursor(key, cursor);
      }
    };

    // The cursor's own second again, for what changed in it after the last poll.
    if (cursor.writeDate !== null) {
      const seen = cursor.seen;
      const boundary = await read([['write_date', '>=', cursor.writeDate], ['write_date', '<', nextSecond(cursor.writeDate)]]);
      const fresh = boundary.filter((r) => seen[String(r.id)] !== fingerprint(r));
      for (let i = 0; i < fresh.length; i += config.limit) await handle(fresh.slice(i, i + config.limit));
    }
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const current: Cursor = cursor;
      const second = current.writeDate;
      const maxSeen = Math.max(0, ...Object.keys(current.seen).map(Number));
      // Later seconds, or the rest of the cursor's second past the ids already handled.
      const since: OdooDomain = second === null ? [] : ['|', ['write_date', '>=', nextSecond(second)], '&', '&', ['write_date', '>=', second], ['write_date', '<', nextSecond(second)], ['id', '>', maxSeen]];
      const records = await read(since, config.limit);
      const fresh = records.filter((r) => writeDateOf(r) !== current.writeDate || current.seen[String(r.id)] !== fingerprint(r));
      await handle(fresh);
      if (records.length < config.limit) break;
    }
    return runIds;
  }

  private async readCursor(key: string): Promise<Cursor | undefined> {
    const row = await this.deps.db.selectFrom('kv').select('value').where('key', '=', key).executeTakeFirst();
    if (!row) return undefined;
    const parsed = cursorSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : undefined;
  }

  private async writeCursor(key: string, cursor: Cursor): Promise<void> {
    const value = JSON.stringify(cursor);
    await this.deps.db.insertInto('kv').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
  }
}

/** The second a record was last written (Odoo sends "YYYY-MM-DD HH:MM:SS", maybe with a fraction). */
function writeDateOf(record: OdooRecord | undefined): string | null {
  return typeof record?.write_date === 'string' ? record.write_date.slice(0, 19) : null;
}

/** "2026-06-01 10:00:05" → "2026-06-01 10:00:06" (Odoo datetimes are UTC strings). */
function nextSecond(writeDate: string): string {
  const at = Date.parse(`${writeDate.replace(' ', 'T')}Z`);
  return Number.isFinite(at) ? new Date(Math.floor(at / 1000) * 1000 + 1000).toISOString().slice(0, 19).replace('T', ' ') : writeDate;
}

/** The cursor after `records` (ordered by write_date) were accepted. */
function advance(cursor: Cursor, records: OdooRecord[]): Cursor {
  let next = cursor;
  for (const record of records) {
    const second = writeDateOf(record);
    const seen = second !== null && second === next.writeDate ? { ...next.seen } : {};
    seen[String(record.id)] = fingerprint(record);
    next = { writeDate: second, seen };
  }
  return next;
}

function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);
}
