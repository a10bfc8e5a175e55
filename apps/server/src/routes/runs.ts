import { maskValue } from '@ledgerflow/flow';
import { runView } from '@ledgerflow/store';
import { Hono } from 'hono';
import { z } from 'zod';
import { callerName, param, type Env } from '../guard';
import { HttpError, notFound, readBody, readQuery } from '../http-errors';
import type { RouteDeps } from './deps';

const STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'] as const;
const time = z.union([z.coerce.number().int(), z.string().datetime({ offset: true }).transform((t) => Date.parse(t))]);

export const listQuery = z
  .object({
    flowId: z.string().max(100).optional(),
    status: z.enum(STATUSES).optional(),
    from: time.optional(),
    to: time.optional(),
    q: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();

export const totalsQuery = z
  .object({
    flowId: z.string().max(100).optional(),
    status: z.enum(STATUSES).optional(),
    from: time.optional(),
    to: time.optional(),
  })
  .strict();

export const replayRequest = z
  .object({
    from: z.string().min(1).max(100).optional(),
    input: z.unknown().optional(),
    version: z.enum(['original', 'latest']).default('original'),
  })
  .strict();

/** Run history, run detail, replay and cancel. */
/**
 * The run's own input is kept whole (a whole-run replay needs it), but it is
 * shown masked by the same rules as the step data.
 */
export function runRoutes({ runtime, route, audit, now }: RouteDeps) {
  const app = new Hono<Env>();
  const maskInput = async (flowId: string, version: number, input: unknown) => maskValue(input, (await runtime.store.flowVersion(flowId, version))?.settings?.mask ?? []);
  const at = '/api/runs';

  route(app, 'GET', '/', at, async (c) => {
    const { limit, ...filter } = readQuery(c, listQuery);
    const page = await runtime.runs.list({ ...filter, limit });
    const items = await Promise.all(page.items.map(async ({ replayInput: _, ...run }) => ({ ...run, input: await maskInput(run.flowId, run.flowVersion, run.input) })));
    return c.json({ items, nextCursor: page.nextCursor });
  });

  // Before '/:id', which would otherwise take "totals" for a run id.
  route(app, 'GET', '/totals', at, async (c) => {
    const { flowId, status, from, to } = readQuery(c, totalsQuery);
    return c.json({ filter: { flowId: flowId ?? null, status: status ?? null, from: from ?? null, to: to ?? null }, ...(await runtime.totals.sum({ flowId, status, from, to })) });
  });

  route(app, 'GET', '/:id', at, async (c) => {
    const detail = await runtime.store.loadRun(param(c, 'id'));
    if (!detail) throw notFound(`run ${param(c, 'id')}`);
    const replays = await runtime.runs.replaysOf(detail.run.id);
    const totals = await runtime.totals.forRun(detail.run.id);
    const view = runView(detail);
    return c.json({ ...view, input: await maskInput(view.flowId, view.flowVersion, view.input), totals, replays: replays.map((r) => ({ id: r.id, status: r.status, createdAt: r.createdAt, replayFrom: r.replayFrom })) });
  });

  route(app, 'POST', '/:id/replay', at, async (c) => {
    const body = await readBody(c, replayRequest);
    const run = await runtime.replay(param(c, 'id'), { ...body, by: callerName(c) });
    await audit('run.replay', callerName(c), `run:${param(c, 'id')}`, { newRun: run.id, from: run.replayFrom, version: body.version, editedInput: body.input !== undefined });
    return c.json({ id: run.id, status: run.status, replayOf: run.replayOf, replayFrom: run.replayFrom, flowVersion: run.flowVersion }, 202);
  });

  route(app, 'POST', '/:id/cancel', at, async (c) => {
    const id = param(c, 'id');
    const detail = await runtime.store.loadRun(id);
    if (!detail) throw notFound(`run ${id}`);
    const when = now();
    const cancelled = await runtime.store.cancelRun(id, when);
    if (!cancelled) throw new HttpError(409, 'conflict', `run ${id} is ${detail.run.status} and cannot be cancelled`);
    runtime.events.publish({ kind: 'cancelled', run: { ...detail.run, status: 'cancelled', finishedAt: when } });
    await audit('run.cancel', callerName(c), `run:${id}`);
    return c.json({ id, status: 'cancelled' });
  });
  return app;
}
