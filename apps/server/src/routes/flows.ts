import { flowDocumentSchema, validateFlow, zodIssues } from '@ledgerflow/flow';
import { specs } from '@ledgerflow/nodes';
import { Hono } from 'hono';
import { z } from 'zod';
import { callerName, param, type Env } from '../guard';
import { badRequest, HttpError, notFound, readBody } from '../http-errors';
import type { RouteDeps } from './deps';
import { dryRun } from '../dry-run';

export const runRequest = z.object({ input: z.unknown().default({}), version: z.number().int().min(1).optional() }).strict();

/** Flow documents, their versions, and starting runs. */
export function flowRoutes({ runtime, route, audit, now }: RouteDeps) {
  const app = new Hono<Env>();
  const at = '/api/flows';

  route(app, 'GET', '/', at, async (c) => c.json({ items: await runtime.flows.list() }));

  route(app, 'POST', '/validate', at, async (c) => {
    const body = await readBody(c, z.unknown());
    const check = validateFlow(body, specs);
    return c.json({ ok: check.ok, issues: check.issues });
  });

  const save = async (c: Parameters<Parameters<typeof route>[4]>[0], id?: string) => {
    const body = await readBody(c, z.unknown());
    const check = validateFlow(body, specs);
    if (!check.flow) {
      const parsed = flowDocumentSchema.safeParse(body);
      throw badRequest('the flow document is invalid', parsed.success ? check.issues : zodIssues(parsed.error, ['body']));
    }
    const flow = check.flow;
    // A node type we do not know cannot even be drawn: refuse it. Other problems save as a draft.
    const unknown = check.issues.filter((i) => /^nodes\.\d+\.type$/.test(i.path));
    if (unknown.length > 0) throw badRequest('the flow uses unknown node types', unknown.map((i) => ({ ...i, path: `body.${i.path}` })));
    if (id !== undefined && flow.id !== id) throw new HttpError(400, 'invalid_request', `the document's id "${flow.id}" differs from the URL's "${id}"`, [{ path: 'body.id', message: `must be "${id}"` }]);
    if (id === undefined && (await runtime.flows.exists(flow.id))) throw new HttpError(409, 'conflict', `flow ${flow.id} exists already; PUT /api/flows/${flow.id} saves a new version`);
    if (id !== undefined && !(await runtime.flows.exists(id))) throw notFound(`flow ${id}`);
    const saved = await runtime.flows.save(flow, callerName(c), now());
    if (saved.changed) await audit('flow.save', callerName(c), `flow:${flow.id}`, { version: saved.version, hash: saved.hash, draft: !check.ok });
    return c.json({ id: flow.id, ...saved, valid: check.ok, issues: check.issues }, id === undefined ? 201 : 200);
  };
  route(app, 'POST', '/', at, (c) => save(c));
  route(app, 'PUT', '/:id', at, (c) => save(c, param(c, 'id')));

  route(app, 'GET', '/:id', at, async (c) => {
    const flow = await runtime.flows.get(param(c, 'id'));
    if (!flow) throw notFound(`flow ${param(c, 'id')}`);
    const check = validateFlow(flow.document, specs);
    const state = await runtime.publishing.state(flow.flowId);
    return c.json({ id: flow.flowId, name: flow.document.name, version: flow.version, hash: flow.hash, document: flow.document, updatedAt: flow.createdAt, createdBy: flow.createdBy, issues: check.issues, publishedVersion: state?.publishedVersion ?? null, owner: state?.owner ?? null });
  });

  route(app, 'GET', '/:id/versions', at, async (c) => {
    if (!(await runtime.flows.exists(param(c, 'id')))) throw notFound(`flow ${param(c, 'id')}`);
    return c.json({ items: await runtime.flows.versions(param(c, 'id')) });
  });

  route(app, 'GET', '/:id/versions/:version', at, async (c) => {
    const version = Number(param(c, 'version'));
    if (!Number.isInteger(version) || version < 1) throw badRequest('version must be a positive whole number', [{ path: 'version', message: 'not a version number' }]);
    const flow = await runtime.flows.get(param(c, 'id'), version);
    if (!flow) throw notFound(`version ${version} of flow ${param(c, 'id')}`);
    return c.json(flow);
  });

  route(app, 'POST', '/:id/dry-run', at, async (c) => {
    const body = await readBody(c, runRequest);
    const flow = await runtime.flows.get(param(c, 'id'), body.version);
    if (!flow) throw notFound(`flow ${param(c, 'id')}`);
    return c.json(await dryRun(flow.document, body.input, runtime.services));
  });

  route(app, 'POST', '/:id/runs', at, async (c) => {
    const body = await readBody(c, runRequest);
    const run = await runtime.startRun(param(c, 'id'), body.input, { kind: 'manual', by: callerName(c) }, body.version === undefined ? {} : { version: body.version });
    return c.json({ id: run.id, status: run.status, flowVersion: run.flowVersion }, 202);
  });
  return app;
}
