import { triggerSpec } from '@ledgerflow/nodes';
import { Hono } from 'hono';
import type { z } from 'zod';
import { param, type Env } from '../guard';
import { HttpError } from '../http-errors';
import { parseHookBody } from '../webhooks/body';
import { sameSecret, SIGNATURE_HEADER, verifyHookSignature } from '../webhooks/signature';
import { waitForRun } from '../webhooks/wait-for-run';
import type { RouteDeps } from './deps';

const DEFAULT_WAIT_SECONDS = 30;

type TriggerConfig = z.infer<typeof triggerSpec.configSchema>;

/**
 * Webhook triggers: POST /hooks/<path> starts the flow whose trigger listens
 * there. The trigger may require a bearer token and an HMAC signature (both
 * name server secrets, LEDGERFLOW_SECRET_<name>), and may answer with the run's output.
 */
export function hookRoutes({ runtime, route, now }: RouteDeps) {
  const app = new Hono<Env>();
  route(app, 'POST', '/:path{.+}', '/hooks', async (c) => {
    const path = param(c, 'path');
    const hook = await findWebhook(runtime, path);
    if (!hook) throw new HttpError(404, 'not_found', `no flow listens on /hooks/${path}`);
    const { flowId, config } = hook;
    const raw = Buffer.from(await c.req.arrayBuffer());

    if (config.token) {
      const expected = secretFrom(runtime, config.token, path);
      const given = c.req.header('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
      if (!given || !sameSecret(given, expected)) throw new HttpError(401, 'unauthenticated', `this webhook needs Authorization: Bearer <token>${given ? '; the token given is wrong' : ''}`);
    }
    if (config.secret) {
      const check = verifyHookSignature(c.req.header(SIGNATURE_HEADER), raw, secretFrom(runtime, config.secret, path), Math.floor(now() / 1000));
      if (!check.ok) throw new HttpError(401, 'invalid_signature', check.reason);
    }

    const input = parseHookBody(raw.toString('utf8'), c.req.header('content-type'));
    const idempotencyKey = c.req.header('idempotency-key')?.slice(0, 300);
    const run = await runtime.startRun(flowId, input, { kind: 'webhook', detail: { path } }, idempotencyKey ? { idempotencyKey } : {});
    if (config.response !== 'respond') return c.json({ runId: run.id, status: run.status }, 202);

    const done = await waitForRun(async (id) => (await runtime.store.loadRun(id))?.run, run.id, (config.waitSeconds ?? DEFAULT_WAIT_SECONDS) * 1000, c.req.raw.signal);
    const status = done?.status ?? run.status;
    if (status === 'succeeded') return c.json({ runId: run.id, status, output: done?.output ?? null }, 200);
    if (status === 'failed') {
      const error = done?.error;
      return c.json({ runId: run.id, status, error: { code: 'run_failed', message: error?.message ?? 'the run failed', nodeId: error?.nodeId ?? null, issues: [] } }, 422);
    }
    if (status === 'cancelled') return c.json({ runId: run.id, status, error: { code: 'run_cancelled', message: 'the run was cancelled', issues: [] } }, 409);
    // Still running, or waiting for an approval: the caller can follow the run by id.
    return c.json({ runId: run.id, status, message: status === 'waiting' ? 'the run waits for a decision' : 'the run did not finish in time; it goes on' }, 202);
  });
  return app;
}

function secretFrom(runtime: RouteDeps['runtime'], name: string, path: string): string {
  const value = runtime.services.secret?.(name);
  // Fail closed: a webhook configured for a secret never runs unchecked.
  if (!value) throw new HttpError(503, 'webhook_not_configured', `the webhook /hooks/${path} needs the server secret ${name} (environment variable LEDGERFLOW_SECRET_${name}); ask your administrator to set it`);
  return value;
}

async function findWebhook(runtime: RouteDeps['runtime'], path: string): Promise<{ flowId: string; config: TriggerConfig } | undefined> {
  for (const summary of await runtime.flows.list()) {
    const flow = await runtime.flows.get(summary.id, summary.version);
    for (const node of flow?.document.nodes ?? []) {
      if (node.type !== 'trigger') continue;
      const parsed = triggerSpec.configSchema.safeParse(node.config);
      if (parsed.success && parsed.data.kind === 'webhook' && parsed.data.path === path) return { flowId: summary.id, config: parsed.data };
    }
  }
  return undefined;
}
