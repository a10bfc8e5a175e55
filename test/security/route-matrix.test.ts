/**
 * Every registered route × every role (session cookie and API token) and
 * anonymous: the answer is 401/403 exactly when ROUTE_ACCESS says so, and
 * never a 5xx. A route missing from the table, or a table entry with no
 * route, fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_ACCESS, type Access, type Role } from '../../apps/server/src/auth/roles';
import { startInProcess, type InProcessServer } from '../support/in-process';
import { makeActors, type Actor } from './actors';

let server: InProcessServer;
let actors: Actor[];

/** The editor's static files: served to anyone, no API behind them. */
const STATIC = new Set(['GET /*', 'GET /']);
/** Routes that only read, validate or preview, which any signed-in reader may call. */
const HARMLESS_WRITES = new Set(['POST /api/flows/validate', 'POST /api/schedules/preview', 'POST /api/auth/logout', 'POST /api/auth/password']);

function registeredRoutes(): string[] {
  const keys = server.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
  return [...new Set(keys)].filter((k) => !STATIC.has(k)).sort();
}

function expectedDenial(access: Access, role: Role | undefined): 401 | 403 | undefined {
  if (access === 'public') return undefined;
  if (role === undefined) return 401;
  if (access === 'any' || role === 'admin' || access.includes(role)) return undefined;
  return 403;
}

function concretePath(path: string): string {
  return path.replace(/:[A-Za-z_]+(\{[^}]*\})?/g, 'matrix-x');
}

async function call(key: string, actor: Actor): Promise<{ status: number; body: string }> {
  const [method = 'GET', path = '/'] = key.split(' ');
  const headers: Record<string, string> = { ...actor.headers, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) };
  const response = await server.app.request(concretePath(path), { method, headers, ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }) });
  // Server-sent events never end: the status is all we need.
  if (response.headers.get('content-type')?.includes('text/event-stream')) {
    await response.body?.cancel();
    return { status: response.status, body: '' };
  }
  return { status: response.status, body: await response.text() };
}

beforeAll(async () => {
  server = await startInProcess();
  actors = await makeActors(server.app.request, server.token);
}, 60_000);
afterAll(async () => server?.close());

describe('the route table', () => {
  it('has an entry for every registered route and a route for every entry', () => {
    const routes = registeredRoutes();
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => !(r in ROUTE_ACCESS)), 'registered but not in ROUTE_ACCESS').toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((k) => !routes.includes(k)), 'in ROUTE_ACCESS but not registered').toEqual([]);
  });

  it('serves no API data through the static editor routes', async () => {
    const response = await server.app.request('/api/no-such-thing');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('gives each role only the writes the issue grants it', () => {
    const writes = (role: Role) =>
      Object.entries(ROUTE_ACCESS)
        .filter(([key, access]) => !key.startsWith('GET ') && !HARMLESS_WRITES.has(key) && access !== 'public' && expectedDenial(access, role) === undefined)
        .map(([key]) => key);
    expect(writes('viewer')).toEqual([]);
    expect(writes('scheduler').filter((k) => !/schedule|pause|resume/.test(k))).toEqual([]);
    expect(writes('scheduler')).toContain('PUT /api/flows/:id/schedule');
    expect(writes('approver')).toEqual(['POST /api/approvals/:id/decision']);
    expect(writes('operator').filter((k) => !/\/runs|replay|cancel|failures|dry-run|circuit/.test(k))).toEqual([]);
    expect(writes('operator')).toEqual(expect.arrayContaining(['POST /api/runs/:id/replay', 'POST /api/runs/:id/cancel']));
    expect(writes('designer')).toEqual(expect.arrayContaining(['PUT /api/flows/:id', 'POST /api/flows/:id/publish', 'POST /api/connections']));
    for (const role of ['designer', 'scheduler', 'operator', 'approver', 'viewer'] as const) {
      expect(writes(role).filter((k) => /\/api\/(users|tokens|audit)/.test(k)), role).toEqual([]);
    }
  });
});

describe('every route with every role', () => {
  it('answers 401/403 exactly when the table says so, and never 5xx', async () => {
    const routes = registeredRoutes();
    // Logging out ends the session: walk it last.
    const ordered = [...routes.filter((r) => r !== 'POST /api/auth/logout'), 'POST /api/auth/logout'];
    const wrong: string[] = [];
    let checked = 0;
    for (const actor of actors) {
      for (const key of ordered) {
        const access = ROUTE_ACCESS[key];
        if (access === undefined) continue;
        const { status, body } = await call(key, actor);
        const denied = expectedDenial(access, actor.role);
        checked += 1;
        if (status >= 500) wrong.push(`${key} as ${actor.label}: ${status} ${body.slice(0, 200)}`);
        else if (denied !== undefined && status !== denied) wrong.push(`${key} as ${actor.label}: expected ${denied}, got ${status} ${body.slice(0, 120)}`);
        else if (denied === undefined && (status === 401 || status === 403)) wrong.push(`${key} as ${actor.label}: expected access, got ${status} ${body.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(40 * 13);
  }, 60_000);
});
