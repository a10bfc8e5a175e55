import { Hono } from 'hono';
import { param, type Env } from '../guard';
import { HttpError, refusePrototypeKeys } from '../http-errors';
import type { RouteDeps } from './deps';

/** Webhook triggers: POST /hooks/<path> starts the flow whose trigger listens there. */
export function hookRoutes({ runtime, route }: RouteDeps) {
  const app = new Hono<Env>();
  route(app, 'POST', '/:path{.+}', '/hooks', async (c) => {
    const path = param(c, 'path');
    const flowId = await findWebhookFlow(runtime, path);
    if (!flowId) throw new HttpError(404, 'not_found', `no flow listens on /hooks/${path}`);
    const text = await c.req.text();
    let input: unknown;
    try {
      input = text.trim() === '' ? {} : JSON.parse(text, refusePrototypeKeys);
    } catch (error) {
      throw new HttpError(400, 'invalid_json', `the body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const idempotencyKey = c.req.header('idempotency-key')?.slice(0, 300);
    const run = await runtime.startRun(flowId, input, { kind: 'webhook', detail: { path } }, idempotencyKey ? { idempotencyKey } : {});
    return c.json({ runId: run.id, status: run.status }, 202);
  });
  return app;
}

async function findWebhookFlow(runtime: RouteDeps['runtime'], path: string): Promise<string | undefined> {
  for (const summary of await runtime.flows.list()) {
    const flow = await runtime.flows.get(summary.id, summary.version);
    const listens = flow?.document.nodes.some((n) => n.type === 'trigger' && n.config.kind === 'webhook' && n.config.path === path);
    if (listens) return summary.id;
  }
  return undefined;
}
