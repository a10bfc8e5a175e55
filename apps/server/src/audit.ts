import { createHash } from 'node:crypto';
import { canonicalJson } from '@ledgerflow/flow';
import type { Database } from '@ledgerflow/store';
import type { Kysely } from 'kysely';
import { z } from 'zod';

const GENESIS = '0'.repeat(64);
/** The kv key holding the newest entry's seq and hash, so removing entries from the end is noticed too. */
export const AUDIT_HEAD_KEY = 'audit.head';
const head = z.object({ seq: z.number().int(), hash: z.string() });

export interface AuditEntry {
  seq: number;
  at: number;
  actor: string;
  action: string;
  target: string | null;
  detail: unknown;
  prevHash: string;
  hash: string;
}

function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(canonicalJson([e.seq, e.at, e.actor, e.action, e.target, e.detail, e.prevHash])).digest('hex');
}

/** The append-only audit log; each entry is chained by hash to the one before. */
export class AuditLog {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Kysely<Database>) {}

  /** Appends an entry. Appends are serialised in-process; the seq primary key guards across processes. */
  append(action: string, actor: string, target: string | null, detail: unknown, at: number): Promise<void> {
    const next = this.tail.then(() => this.write(action, actor, target, detail, at));
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async write(action: string, actor: string, target: string | null, detail: unknown, at: number): Promise<void> {
    for (let tries = 0; ; tries++) {
      try {
        await this.db.transaction().execute(async (tx) => {
          const last = await tx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
          const entry = { seq: (last?.seq ?? 0) + 1, at, actor, action, target, detail: detail ?? null, prevHash: last?.hash ?? GENESIS };
          await tx
            .insertInto('audit_log')
            .values({ seq: entry.seq, at, actor, action, target, detail: JSON.stringify(entry.detail), prev_hash: entry.prevHash, hash: entryHash(entry) })
            .execute();
          const value = JSON.stringify({ seq: entry.seq, hash: entryHash(entry) });
          await tx.insertInto('kv').values({ key: AUDIT_HEAD_KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
        });
        return;
      } catch (error) {
        if (tries >= 5) throw error; // another process took the same seq: read the new tail and try again
      }
    }
  }

  async list(filter: { action?: string; actor?: string; target?: string; limit: number; before?: number }): Promise<AuditEntry[]> {
    let query = this.db.selectFrom('audit_log').selectAll();
    if (filter.action) query = query.where('action', '=', filter.action);
    if (filter.actor) query = query.where('actor', '=', filter.actor);
    if (filter.target) query = query.where('target', '=', filter.target);
    if (filter.before) query = query.where('seq', '<', filter.before);
    const rows = await query.orderBy('seq', 'desc').limit(filter.limit).execute();
    return rows.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, target: r.target, detail: parseDetail(r.detail).value ?? r.detail, prevHash: r.prev_hash, hash: r.hash }));
  }

  /** Re-computes the chain; names the first entry that was edited, removed or reordered. */
  async verify(): Promise<{ ok: true; entries: number } | { ok: false; seq: number; problem: string }> {
    const rows = await this.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    let prev = GENESIS;
    let expectedSeq = 1;
    for (const r of rows) {
      if (r.seq !== expectedSeq) return { ok: false, seq: expectedSeq, problem: `entry ${expectedSeq} is missing` };
      if (r.prev_hash !== prev) return { ok: false, seq: r.seq, problem: `entry ${r.seq} does not follow entry ${r.seq - 1}` };
      const detail = parseDetail(r.detail);
      const hash = detail.ok ? entryHash({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, target: r.target, detail: detail.value, prevHash: r.prev_hash }) : undefined;
      if (hash !== r.hash) return { ok: false, seq: r.seq, problem: `entry ${r.seq} was altered (${r.action} by ${r.actor})` };
      prev = r.hash;
      expectedSeq += 1;
    }
    const last = rows.at(-1);
    const stored = await this.db.selectFrom('kv').select('value').where('key', '=', AUDIT_HEAD_KEY).executeTakeFirst();
    const anchor = stored ? head.safeParse(parseDetail(stored.value).value) : undefined;
    if (stored && !anchor?.success) return { ok: false, seq: last?.seq ?? 0, problem: 'the record of the newest entry was altered' };
    if (anchor?.success && (anchor.data.seq !== (last?.seq ?? 0) || anchor.data.hash !== last?.hash)) {
      return anchor.data.seq > (last?.seq ?? 0)
        ? { ok: false, seq: (last?.seq ?? 0) + 1, problem: `entries ${(last?.seq ?? 0) + 1} to ${anchor.data.seq} were removed from the end` }
        : { ok: false, seq: last?.seq ?? 0, problem: `entry ${last?.seq ?? 0} is not the newest entry that was written` };
    }
    return { ok: true, entries: rows.length };
  }
}

function parseDetail(text: string | null): { ok: boolean; value: unknown } {
  if (text === null) return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, value: undefined };
  }
}
