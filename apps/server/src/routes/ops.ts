import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { eventView, type RunEventView } from '../events';
import type { Env } from '../guard';
import { readQuery } from '../http-errors';
import type { Metrics } from '../metrics';
import { dashboard } from './dashboard-queries';
import type { RouteDeps } from './deps';

const HEARTBEAT_MS = 15_000;
const QUEUE_LIMIT = 1000;

export const eventsQuery = z
  .object({
    flowId: z.string().max(100).optional(),
    runId: z.string().max(64).optional(),
  })
  .strict();

export const dashboardQuery = z
  .object({
    flowId: z.string().max(100).optional(),
    days: z.coerce.number().int().min(1).max(90).default(7),
    /** Minutes east of UTC of the viewer, so days start at their midnight. */
    tzOffset: z.coerce.number().int().min(-840).max(840).default(0),
  })
  .strict();

/** The operations console's API: Prometheus metrics, live run events and dashboard aggregates. */
export function opsRoutes(deps: RouteDeps, metrics: Metrics) {
  const { route, runtime, db, now } = deps;
  const app = new Hono<Env>();
  metrics.watch(runtime.events);

  route(app, 'GET', '/metrics', '', async (c) => {
    const { contentType, body } = await metrics.render();
    return c.body(body, 200, { 'content-type': contentType });
  });

  route(app, 'GET', '/api/events', '', (c) => {
    const filter = readQuery(c, eventsQuery);
    return streamSSE(c, async (stream) => {
      const queue: RunEventView[] = [];
      let wake: (() => void) | undefined;
      let closed = false;
      const off = runtime.events.subscribe((change) => {
        if (filter.flowId && change.run.flowId !== filter.flowId) return;
        if (filter.runId && change.run.id !== filter.runId) return;
        // A reader that stopped reading loses old changes, not the server's memory; it reloads on `ready`.
        if (queue.length >= QUEUE_LIMIT) queue.shift();
        queue.push(eventView(change));
        wake?.();
      });
      stream.onAbort(() => {
        closed = true;
        off();
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ at: now() }), retry: 2000 });
      while (!closed) {
        if (queue.length === 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, HEARTBEAT_MS);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = undefined;
          // Proxies close quiet connections; a comment line keeps this one open.
          if (queue.length === 0 && !closed) await stream.write(': keep-alive\n\n');
          continue;
        }
        const next = queue.shift();
        if (next) await stream.writeSSE({ event: 'run', id: `${next.id}:${next.status}`, data: JSON.stringify(next) });
      }
      off();
    });
  });

  route(app, 'GET', '/api/dashboard', '', async (c) => {
    const query = readQuery(c, dashboardQuery);
    return c.json(await dashboard(db, { ...query, now: now() }));
  });
  return app;
}
