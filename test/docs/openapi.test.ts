import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROUTE_ACCESS } from '../../apps/server/src/auth/roles';
import { openApiPath } from '../../apps/server/src/openapi/document';
import { ROUTE_DOCS } from '../../apps/server/src/openapi/schemas';
import { startInProcess, type InProcessServer } from '../support/in-process';

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);
// The built editor's pages and files (`GET /*`), or the "not built" notice (`GET /`): not API.
const EDITOR = new Set(['GET /*', 'GET /']);

const operation = z.object({
  summary: z.string(),
  description: z.string(),
  security: z.array(z.record(z.string(), z.array(z.string()))),
  'x-roles': z.union([z.string(), z.array(z.string())]),
  parameters: z.array(z.object({ name: z.string(), in: z.string(), required: z.boolean(), schema: z.record(z.string(), z.unknown()) })).optional(),
  requestBody: z.object({ content: z.object({ 'application/json': z.object({ schema: z.record(z.string(), z.unknown()) }) }) }).optional(),
  responses: z.record(z.string(), z.unknown()),
});
const openApi = z.object({ openapi: z.string(), paths: z.record(z.string(), z.record(z.string(), operation)) });
type OpenApi = z.infer<typeof openApi>;

let server: InProcessServer;
let doc: OpenApi;

/** What the server registers, as `METHOD /openapi/{path}`: every route a request can reach, minus the editor. */
function registeredApiRoutes(): string[] {
  const keys = new Set(server.app.routes.filter((r) => METHODS.has(r.method)).map((r) => `${r.method} ${r.path}`));
  return [...keys].filter((k) => !EDITOR.has(k)).map((k) => {
    const [method = '', path = ''] = k.split(' ');
    return `${method} ${openApiPath(path)}`;
  }).sort();
}

function documentedOperations(): string[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
}

function op(method: string, path: string) {
  const found = doc.paths[path]?.[method.toLowerCase()];
  if (!found) throw new Error(`${method} ${path} is not in the OpenAPI document`);
  return found;
}

beforeAll(async () => {
  server = await startInProcess();
  const res = await server.api('/api/openapi.json', { token: null });
  expect(res.status).toBe(200);
  doc = openApi.parse(res.body);
}, 30_000);

afterAll(async () => {
  await server?.close();
});

describe('GET /api/openapi.json', () => {
  it('is public OpenAPI 3.1 and lists exactly the routes the server registers', () => {
    expect(doc.openapi).toBe('3.1.0');
    const registered = registeredApiRoutes();
    expect(registered.length).toBeGreaterThan(40);
    // Both directions: nothing registered is missing, nothing documented is invented.
    expect(documentedOperations()).toEqual(registered);
  });

  it('describes every registered route in the schema registry, and nothing that is gone', () => {
    const keys = [...new Set(server.app.routes.filter((r) => METHODS.has(r.method)).map((r) => `${r.method} ${r.path}`))].filter((k) => !EDITOR.has(k));
    expect(keys.filter((k) => ROUTE_ACCESS[k] === undefined), 'routes without access rule').toEqual([]);
    expect(keys.filter((k) => ROUTE_DOCS[k] === undefined), 'add these to apps/server/src/openapi/schemas.ts').toEqual([]);
    expect(Object.keys(ROUTE_DOCS).filter((k) => !keys.includes(k)), 'documented but not registered').toEqual([]);
  });

  it('carries the request body schemas the routes validate with', () => {
    const flow = op('POST', '/api/flows').requestBody?.content['application/json'].schema;
    expect(flow?.required).toEqual(expect.arrayContaining(['schema', 'id', 'name', 'nodes']));
    expect(Object.keys(z.record(z.string(), z.unknown()).parse(flow?.properties))).toEqual(expect.arrayContaining(['nodes', 'edges', 'settings']));

    const connection = JSON.stringify(op('POST', '/api/connections').requestBody?.content['application/json'].schema);
    for (const key of ['"odoo"', '"smtp"', '"apiKey"', '"database"', '"host"']) expect(connection).toContain(key);

    const runs = op('GET', '/api/runs').parameters ?? [];
    expect(runs.map((p) => p.name)).toEqual(['flowId', 'status', 'from', 'to', 'q', 'limit', 'cursor']);
    expect(runs.find((p) => p.name === 'status')?.schema.enum).toContain('failed');
  });

  it('names the same required fields the server then asks for', async () => {
    const schema = op('POST', '/api/tokens').requestBody?.content['application/json'].schema;
    const required = z.array(z.string()).parse(schema?.required);
    const refused = await server.api('/api/tokens', { body: {} });
    expect(refused.status).toBe(400);
    const paths = z.object({ error: z.object({ issues: z.array(z.object({ path: z.string() })) }) }).parse(refused.body).error.issues.map((i) => i.path);
    expect(paths.sort()).toEqual(required.map((k) => `body.${k}`).sort());
  });

  it('states who may call each operation', () => {
    expect(op('POST', '/api/flows')['x-roles']).toEqual(['admin', 'designer']);
    expect(op('POST', '/api/flows').security).toEqual([{ bearer: [] }, { cookie: [] }]);
    expect(op('POST', '/api/flows').description).toContain('admin, designer');
    expect(op('GET', '/healthz').security).toEqual([]);
    expect(op('POST', '/hooks/{path}')['x-roles']).toBe('public');
    expect(op('GET', '/api/auth/me')['x-roles']).toBe('any');
    expect(op('GET', '/api/flows/{id}').parameters?.[0]).toMatchObject({ name: 'id', in: 'path', required: true });
  });
});

describe('GET /api/reference', () => {
  it('is a script-free HTML page listing every operation with its roles and the error shape', async () => {
    const res = await fetch(`${server.url}/api/reference`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    for (const route of registeredApiRoutes()) expect(html, route).toContain(`data-route="${route}"`);
    expect(html).toContain('id="error-shape"');
    expect(html).toMatch(/&#34;issues&#34;/);
    const flows = html.slice(html.indexOf('data-route="POST /api/flows"'));
    expect(flows.slice(0, 4000)).toContain('Roles: admin, designer');
    expect(flows.slice(0, 4000)).toContain('Request body (JSON Schema)');
  });
});
