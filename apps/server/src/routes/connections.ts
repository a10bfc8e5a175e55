import { NodeRunError } from '@ledgerflow/flow';
import { Hono } from 'hono';
import { callerName, param, type Env } from '../guard';
import { connectionInput } from '../connections';
import { notFound, readBody, HttpError } from '../http-errors';
import type { RouteDeps } from './deps';

/** Connections: secrets go in, never out. */
export function connectionRoutes({ connections, route, audit, now }: RouteDeps) {
  const app = new Hono<Env>();
  const at = '/api/connections';
  const fieldsCache = new Map<string, { at: number; fields: unknown }>();

  route(app, 'GET', '/', at, async (c) => c.json({ items: await connections.list() }));

  route(app, 'POST', '/', at, async (c) => {
    const input = await readBody(c, connectionInput);
    const { created } = await connections.save(input, now());
    await audit(created ? 'connection.create' : 'connection.update', callerName(c), `connection:${input.name}`, { type: input.type });
    const view = (await connections.list()).find((v) => v.name === input.name);
    return c.json(view, created ? 201 : 200);
  });

  route(app, 'POST', '/:name/circuit/close', at, async (c) => {
    const name = param(c, 'name');
    if (!(await connections.get(name))) throw notFound(`connection ${name}`);
    connections.resetCircuit(name);
    await audit('connection.circuit_close', callerName(c), `connection:${name}`);
    return c.json({ name, circuit: connections.circuit(name) });
  });

  route(app, 'POST', '/:name/test', at, async (c) => {
    const name = param(c, 'name');
    const connection = await connections.get(name);
    if (!connection) throw notFound(`connection ${name}`);
    if (connection.type !== 'odoo') throw new HttpError(400, 'bad_request', 'only Odoo connections can be tested here');
    try {
      const client = await connections.odoo(name);
      const version = await client.version();
      const uid = await client.authenticate();
      return c.json({ ok: true, serverVersion: version.serverVersion, protocol: version.protocol, uid });
    } catch (error) {
      const details = error instanceof NodeRunError ? error.details : undefined;
      return c.json({ ok: false, error: { message: error instanceof Error ? error.message : String(error), odooName: details?.odooName ?? null } });
    }
  });

  route(app, 'GET', '/:name/odoo/models/:model/fields', at, async (c) => {
    const key = `${param(c, 'name')}/${param(c, 'model')}`;
    const cached = fieldsCache.get(key);
    if (cached && now() - cached.at < 5 * 60_000) return c.json({ fields: cached.fields });
    const client = await connections.odoo(param(c, 'name')).catch((error: unknown) => {
      throw new HttpError(404, 'not_found', error instanceof Error ? error.message : String(error));
    });
    try {
      const fields = await client.fieldsGet(param(c, 'model'), ['type', 'string', 'required', 'relation', 'readonly', 'selection', 'help']);
      fieldsCache.set(key, { at: now(), fields });
      return c.json({ fields });
    } catch (error) {
      throw new HttpError(502, 'odoo_error', error instanceof Error ? error.message : String(error));
    }
  });
  return app;
}
