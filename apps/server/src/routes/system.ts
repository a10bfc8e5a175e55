import { nodeSpecs } from '@ledgerflow/nodes';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AuditLog } from '../audit';
import type { Env } from '../guard';
import { readQuery } from '../http-errors';
import type { RouteDeps } from './deps';

export const auditQuery = z.object({ action: z.string().max(100).optional(), actor: z.string().max(100).optional(), target: z.string().max(300).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100), before: z.coerce.number().int().optional() }).strict();

/** Health, node types and the audit log. */
export function systemRoutes({ db, route }: RouteDeps, auditLog: AuditLog, isReady: () => boolean) {
  const app = new Hono<Env>();
  route(app, 'GET', '/healthz', '', async (c) => {
    try {
      await sql`select 1`.execute(db.kysely);
      return c.json({ status: 'ok' });
    } catch {
      return c.json({ status: 'store unavailable' }, 503);
    }
  });
  route(app, 'GET', '/readyz', '', async (c) => (isReady() ? c.json({ status: 'ready' }) : c.json({ status: 'starting' }, 503)));

  route(app, 'GET', '/api/node-types', '', async (c) =>
    c.json({
      items: nodeSpecs.map((s) => ({ type: s.type, version: s.version, title: s.title, description: s.description, icon: s.icon, inputs: s.inputs, configSchema: z.toJSONSchema(s.configSchema, { unrepresentable: 'any' }) })),
    }),
  );

  route(app, 'GET', '/api/audit', '', async (c) => {
    const query = readQuery(c, auditQuery);
    return c.json({ items: await auditLog.list(query) });
  });
  return app;
}
