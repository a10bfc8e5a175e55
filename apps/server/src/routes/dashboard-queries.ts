import type { Db } from '@ledgerflow/store';
import { sql } from 'kysely';
import { z } from 'zod';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'] as const;

export interface DashboardOptions {
  flowId?: string | undefined;
  /** Days of history for the daily chart and the per-flow, retry and error tables. */
  days: number;
  /** Viewer's minutes east of UTC. */
  tzOffset: number;
  now: number;
}

type Counts = Record<(typeof STATUSES)[number], number>;

export interface Dashboard {
  generatedAt: number;
  since: number;
  totals: Counts & { runs: number; failureRate: number };
  hourly: Array<{ at: number; counts: Counts }>;
  daily: Array<{ at: number; counts: Counts }>;
  flows: Array<{ flowId: string; runs: number; finished: number; failed: number; failureRate: number; p50Ms: number | null; p95Ms: number | null }>;
  approvals: { pending: number; oldestAgeMs: number | null; items: Array<{ id: string; runId: string; flowId: string; nodeId: string; createdAt: number; ageMs: number }> };
  retries: Array<{ flowId: string; nodeId: string; retries: number; steps: number }>;
  odooErrors: Array<{ odooName: string; count: number; lastMessage: string; lastAt: number }>;
}

const odooDetails = z.object({ details: z.object({ odooName: z.string(), odooMessage: z.string().optional() }).loose() }).loose();

/** The dashboard's aggregates, all from the store so every process shows the same. */
export async function dashboard(db: Db, options: DashboardOptions): Promise<Dashboard> {
  const { now, tzOffset, flowId } = options;
  const offset = tzOffset * 60_000;
  // Bucket edges in the viewer's local time: the current hour and today's midnight.
  const hourStart = Math.floor(now / HOUR) * HOUR;
  const dayStart = Math.floor((now + offset) / DAY) * DAY - offset;
  const hoursSince = hourStart - 23 * HOUR;
  const since = dayStart - (options.days - 1) * DAY;
  const k = db.kysely;
  const flowFilter = flowId ? sql`and flow_id = ${flowId}` : sql``;

  const bucketed = async (width: number, from: number, count: number, offset: number) => {
    // Positional GROUP BY: PostgreSQL would see the repeated parameters as different expressions.
    const rows = await sql<{ bucket: number | string; status: string; n: number | string }>`
      select (created_at + ${offset}) / ${width} as bucket, status, count(*) as n
      from runs where created_at >= ${from} ${flowFilter}
      group by 1, 2`.execute(k);
    const buckets = Array.from({ length: count }, (_, i) => ({ at: from + i * width, counts: emptyCounts() }));
    for (const row of rows.rows) {
      const at = Math.floor(Number(row.bucket)) * width - offset;
      const bucket = buckets[Math.round((at - from) / width)];
      if (bucket && isStatus(row.status)) bucket.counts[row.status] += Number(row.n);
    }
    return buckets;
  };

  const [hourly, daily, perFlow, durations, approvals, retries, errors] = await Promise.all([
    bucketed(HOUR, hoursSince, 24, 0),
    bucketed(DAY, since, options.days, offset),
    sql<{ flow_id: string; status: string; n: number | string }>`
      select flow_id, status, count(*) as n from runs where created_at >= ${since} ${flowFilter} group by flow_id, status`.execute(k),
    sql<{ flow_id: string; d: number | string }>`
      select flow_id, finished_at - started_at as d from runs
      where created_at >= ${since} and started_at is not null and finished_at is not null and status in ('succeeded', 'failed') ${flowFilter}`.execute(k),
    k.selectFrom('approvals').select(['id', 'run_id', 'flow_id', 'node_id', 'created_at']).where('status', '=', 'pending').$if(flowId !== undefined, (q) => q.where('flow_id', '=', flowId ?? '')).orderBy('created_at').execute(),
    sql<{ flow_id: string; node_id: string; retries: number | string; steps: number | string }>`
      select r.flow_id, s.node_id, sum(s.attempts - 1) as retries, count(*) as steps
      from runs r join steps s on s.run_id = r.id
      where r.created_at >= ${since} and s.attempts > 1 and s.reused = 0 ${flowId ? sql`and r.flow_id = ${flowId}` : sql``}
      group by r.flow_id, s.node_id order by sum(s.attempts - 1) desc limit 50`.execute(k),
    sql<{ error: string; at: number | string }>`
      select s.error, coalesce(s.finished_at, s.created_at) as at
      from runs r join steps s on s.run_id = r.id
      where r.created_at >= ${since} and s.error like ${'%"odooName"%'} ${flowId ? sql`and r.flow_id = ${flowId}` : sql``}`.execute(k),
  ]);

  const totals = { ...emptyCounts(), runs: 0, failureRate: 0 };
  const flows = new Map<string, { runs: number; finished: number; failed: number; durations: number[] }>();
  for (const row of perFlow.rows) {
    const n = Number(row.n);
    const flow = flows.get(row.flow_id) ?? { runs: 0, finished: 0, failed: 0, durations: [] };
    flow.runs += n;
    if (row.status === 'succeeded' || row.status === 'failed' || row.status === 'cancelled') flow.finished += n;
    if (row.status === 'failed') flow.failed += n;
    flows.set(row.flow_id, flow);
    totals.runs += n;
    if (isStatus(row.status)) totals[row.status] += n;
  }
  for (const row of durations.rows) flows.get(row.flow_id)?.durations.push(Number(row.d));
  const finished = totals.succeeded + totals.failed + totals.cancelled;
  totals.failureRate = finished === 0 ? 0 : totals.failed / finished;

  const odoo = new Map<string, { count: number; lastMessage: string; lastAt: number }>();
  for (const row of errors.rows) {
    const parsed = odooDetails.safeParse(safeJson(row.error));
    if (!parsed.success) continue;
    const { odooName, odooMessage } = parsed.data.details;
    const at = Number(row.at);
    const seen = odoo.get(odooName) ?? { count: 0, lastMessage: '', lastAt: 0 };
    seen.count += 1;
    if (at >= seen.lastAt) {
      seen.lastAt = at;
      seen.lastMessage = odooMessage ?? '';
    }
    odoo.set(odooName, seen);
  }

  return {
    generatedAt: now,
    since,
    totals,
    hourly,
    daily,
    flows: [...flows.entries()]
      .map(([id, f]) => {
        const sorted = f.durations.sort((a, b) => a - b);
        return { flowId: id, runs: f.runs, finished: f.finished, failed: f.failed, failureRate: f.finished === 0 ? 0 : f.failed / f.finished, p50Ms: percentile(sorted, 0.5), p95Ms: percentile(sorted, 0.95) };
      })
      .sort((a, b) => b.runs - a.runs),
    approvals: {
      pending: approvals.length,
      oldestAgeMs: approvals[0] ? now - approvals[0].created_at : null,
      items: approvals.slice(0, 20).map((a) => ({ id: a.id, runId: a.run_id, flowId: a.flow_id, nodeId: a.node_id, createdAt: a.created_at, ageMs: now - a.created_at })),
    },
    retries: retries.rows.map((r) => ({ flowId: r.flow_id, nodeId: r.node_id, retries: Number(r.retries), steps: Number(r.steps) })),
    odooErrors: [...odoo.entries()].map(([odooName, e]) => ({ odooName, ...e })).sort((a, b) => b.count - a.count),
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] ?? null;
}

function emptyCounts(): Counts {
  return { queued: 0, running: 0, waiting: 0, succeeded: 0, failed: 0, cancelled: 0 };
}

function isStatus(value: string): value is (typeof STATUSES)[number] {
  return (STATUSES as readonly string[]).includes(value);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
