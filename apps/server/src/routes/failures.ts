import { FailureQueries } from '@ledgerflow/store';
import { Hono } from 'hono';
import { z } from 'zod';
import { callerName, param, type Env } from '../guard';
import { notFound, readBody, readQuery } from '../http-errors';
import type { RouteDeps } from './deps';

export const listQuery = z.object({ flowId: z.string().max(100).optional() }).strict();

export const replayRequest = z
  .object({
    flowId: z.string().min(1).max(100).optional(),
    signature: z.string().min(1).max(300).optional(),
    runIds: z.array(z.string().min(1).max(64)).min(1).max(10_000).optional(),
  })
  .strict()
  .refine((r) => r.flowId !== undefined || r.signature !== undefined || r.runIds !== undefined, { message: 'name flowId, signature or runIds: replaying every failure at once needs a filter', path: ['flowId'] });

/** A bulk replay as stored in `kv`: what it found, skipped and started. Outcomes are read live from the runs. */
const jobRecord = z.object({
  id: z.string(),
  by: z.string(),
  createdAt: z.number(),
  filter: z.object({ flowId: z.string().optional(), signature: z.string().optional(), runIds: z.array(z.string()).optional() }),
  total: z.number(),
  skipped: z.array(z.string()),
  /** Original run id → its replay's id. */
  replays: z.record(z.string(), z.string()),
  /** Runs whose replay could not be started, with why. */
  errors: z.record(z.string(), z.string()),
  startedAll: z.boolean(),
});
type JobRecord = z.infer<typeof jobRecord>;

const FINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** The failed-run queue: failures grouped by flow and cause, and bulk replay of them. */
export function failureRoutes({ runtime, db, route, audit, now }: RouteDeps) {
  const app = new Hono<Env>();
  const at = '/api/failures';
  const failures = new FailureQueries(db.kysely);

  const save = async (job: JobRecord) => {
    const value = JSON.stringify(job);
    const key = `failure-replay:${job.id}`;
    const updated = await db.kysely.updateTable('kv').set({ value }).where('key', '=', key).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) await db.kysely.insertInto('kv').values({ key, value }).execute();
  };
  const load = async (id: string): Promise<JobRecord | undefined> => {
    const row = await db.kysely.selectFrom('kv').select('value').where('key', '=', `failure-replay:${id}`).executeTakeFirst();
    return row ? jobRecord.parse(JSON.parse(row.value)) : undefined;
  };

  route(app, 'GET', '/', at, async (c) => {
    const { flowId } = readQuery(c, listQuery);
    const groups = await failures.groups(flowId);
    return c.json({ items: groups, total: groups.reduce((n, g) => n + g.count, 0) });
  });

  route(app, 'POST', '/replay', at, async (c) => {
    const filter = await readBody(c, replayRequest);
    const by = callerName(c);
    const candidates = filter.runIds ? [...new Set(filter.runIds)] : await failures.openRunIds(filter);
    // Explicit ids still have to be failed runs of the flow/signature asked for.
    const open = new Set(filter.runIds ? await failures.openRunIds(filter) : candidates);
    const job: JobRecord = { id: crypto.randomUUID(), by, createdAt: now(), filter, total: candidates.length, skipped: [], replays: {}, errors: {}, startedAll: false };
    await save(job);
    await audit('failures.replay', by, filter.flowId ? `flow:${filter.flowId}` : null, { job: job.id, total: job.total, ...filter });
    void (async () => {
      for (const runId of candidates) {
        try {
          if (!open.has(runId) || (await failures.handled(runId))) job.skipped.push(runId);
          else job.replays[runId] = (await runtime.replay(runId, { by: `${by} (bulk ${job.id.slice(0, 8)})` })).id;
        } catch (error) {
          job.errors[runId] = error instanceof Error ? error.message : String(error);
        }
        await save(job);
      }
      job.startedAll = true;
      await save(job);
    })().catch(() => undefined);
    return c.json({ id: job.id, total: job.total }, 202);
  });

  route(app, 'GET', '/jobs/:id', at, async (c) => {
    const job = await load(param(c, 'id'));
    if (!job) throw notFound(`replay job ${param(c, 'id')}`);
    const statuses = await failures.statuses(Object.values(job.replays));
    const outcomes = [...statuses.values()];
    const succeeded = outcomes.filter((s) => s === 'succeeded').length;
    const failed = outcomes.filter((s) => s === 'failed' || s === 'cancelled').length + Object.keys(job.errors).length;
    const started = Object.keys(job.replays).length;
    return c.json({
      id: job.id,
      by: job.by,
      createdAt: job.createdAt,
      filter: job.filter,
      total: job.total,
      started,
      skipped: job.skipped.length,
      succeeded,
      failed,
      done: job.startedAll && outcomes.every((s) => FINAL.has(s)) && outcomes.length === started,
      replays: Object.entries(job.replays).map(([runId, replayId]) => ({ runId, replayId, status: statuses.get(replayId) ?? 'unknown' })),
      errors: Object.entries(job.errors).map(([runId, message]) => ({ runId, message })),
    });
  });
  return app;
}
