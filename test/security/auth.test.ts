/** Sessions, CSRF, API tokens, login limits, one-time passwords and user changes, through the API. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../apps/server/src/config';
import { startServer, type RunningServer } from '../../apps/server/src/server';
import { startInProcess, type InProcessServer } from '../support/in-process';
import { cookieLogin, USER_PASSWORD } from './actors';

let server: InProcessServer;
let admin: Record<string, string>;

const json = { 'content-type': 'application/json' };
async function req(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  const response = await server.app.request(path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...json, ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

async function createUser(username: string, roles: string[], extra: Record<string, unknown> = {}) {
  const created = await req('/api/users', { headers: admin, body: { username, password: USER_PASSWORD, roles, ...extra } });
  expect(created.status).toBe(201);
}

beforeAll(async () => {
  server = await startInProcess();
  admin = { authorization: `Bearer ${server.token}` };
}, 60_000);
afterAll(async () => server?.close());

describe('sessions', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie, Secure behind TLS', async () => {
    const plain = await server.app.request('/api/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ username: 'admin', password: 'test-admin-password' }) });
    const session = plain.headers.getSetCookie().find((c) => c.startsWith('lf_session='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).not.toMatch(/Secure/);
    const tls = await server.app.request('/api/auth/login', { method: 'POST', headers: { ...json, 'x-forwarded-proto': 'https' }, body: JSON.stringify({ username: 'admin', password: 'test-admin-password' }) });
    expect(tls.headers.getSetCookie().find((c) => c.startsWith('lf_session='))).toMatch(/Secure/);
  });

  it('refuses a cookie write without the CSRF header, accepts it with the header, and reads need none', async () => {
    await createUser('csrf-designer', ['designer']);
    const browser = await cookieLogin(server.app.request, 'csrf-designer', USER_PASSWORD);
    const flow = { schema: 'ledgerflow/flow@1', id: 'csrf-flow', name: 'CSRF', nodes: [{ id: 'in', type: 'trigger', config: { kind: 'manual' } }], edges: [] };
    const forged = await req('/api/flows', { headers: { cookie: browser.cookie ?? '' }, body: flow });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('csrf');
    const wrong = await req('/api/flows', { headers: { cookie: browser.cookie ?? '', 'x-csrf-token': 'csrf_guess' }, body: flow });
    expect(wrong.status).toBe(403);
    // A non-Bearer Authorization header must not switch the check off.
    const basic = await req('/api/flows', { headers: { cookie: browser.cookie ?? '', authorization: 'Basic eDp5' }, body: flow });
    expect(basic.status).toBe(403);
    expect((await req('/api/flows', { headers: browser, body: flow })).status).toBe(201);
    expect((await req('/api/flows', { headers: { cookie: browser.cookie ?? '' } })).status).toBe(200);
  });

  it('gives a bearer token at login, and logout ends the session', async () => {
    await createUser('leaver', ['viewer']);
    const login = await req('/api/auth/login', { body: { username: 'leaver', password: USER_PASSWORD } });
    const bearer = { authorization: `Bearer ${login.body.token}` };
    expect((await req('/api/auth/me', { headers: bearer })).body.user).toMatchObject({ username: 'leaver', roles: ['viewer'], mustChangePassword: false });
    expect((await req('/api/auth/logout', { method: 'POST', headers: bearer })).status).toBe(200);
    expect((await req('/api/flows', { headers: bearer })).status).toBe(401);
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const wrong = await req('/api/auth/login', { headers: { 'x-forwarded-for': '10.9.9.9' }, body: { username: 'admin', password: 'nope' } });
    const unknown = await req('/api/auth/login', { headers: { 'x-forwarded-for': '10.9.9.9' }, body: { username: 'nobody-at-all', password: 'nope' } });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });
});

describe('login limits', () => {
  it('blocks a user after 10 failures from any address, even with the right password', async () => {
    await createUser('target', ['viewer']);
    for (let i = 0; i < 10; i++) {
      const r = await req('/api/auth/login', { headers: { 'x-forwarded-for': `10.1.0.${i}` }, body: { username: 'target', password: `guess-${i}` } });
      expect(r.status).toBe(401);
    }
    const blocked = await req('/api/auth/login', { headers: { 'x-forwarded-for': '10.1.1.1' }, body: { username: 'target', password: USER_PASSWORD } });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other users are not affected.
    expect((await req('/api/auth/login', { headers: { 'x-forwarded-for': '10.1.1.1' }, body: { username: 'admin', password: 'test-admin-password' } })).status).toBe(200);
  });

  it('blocks an address that tries many usernames, and only that address', async () => {
    for (let i = 0; i < 50; i++) {
      const r = await req('/api/auth/login', { headers: { 'x-forwarded-for': '10.2.0.1' }, body: { username: `spray-${i}`, password: 'Winter2026!' } });
      expect(r.status).toBe(401);
    }
    expect((await req('/api/auth/login', { headers: { 'x-forwarded-for': '10.2.0.1' }, body: { username: 'admin', password: 'test-admin-password' } })).status).toBe(429);
    expect((await req('/api/auth/login', { headers: { 'x-forwarded-for': '10.2.0.2' }, body: { username: 'admin', password: 'test-admin-password' } })).status).toBe(200);
  }, 30_000);
});

describe('API tokens', () => {
  it('are shown once, stored hashed, scoped to their roles, record their last use and can be revoked', async () => {
    const created = await req('/api/tokens', { headers: admin, body: { name: 'ci-viewer', roles: ['viewer'] } });
    expect(created.status).toBe(201);
    const token: string = created.body.token;
    const listed = await req('/api/tokens', { headers: admin });
    expect(JSON.stringify(listed.body)).not.toContain(token);
    const stored = await server.db.kysely.selectFrom('api_tokens').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.last_used_at).toBeNull();

    const bearer = { authorization: `Bearer ${token}` };
    expect((await req('/api/flows', { headers: bearer })).status).toBe(200);
    expect((await req('/api/flows', { headers: bearer, body: {} })).status).toBe(403);
    expect((await req('/api/users', { headers: bearer })).status).toBe(403);
    const used = (await req('/api/tokens', { headers: admin })).body.items.find((t: { id: string }) => t.id === created.body.id);
    expect(used.lastUsedAt).toEqual(expect.any(Number));

    expect((await req(`/api/tokens/${created.body.id}`, { method: 'DELETE', headers: admin })).status).toBe(200);
    expect((await req('/api/flows', { headers: bearer })).status).toBe(401);
    expect((await req(`/api/tokens/${created.body.id}`, { method: 'DELETE', headers: admin })).status).toBe(404);
  });
});

describe('users', () => {
  it('role changes apply to open sessions; disabling ends them and refuses login', async () => {
    await createUser('shifting', ['viewer']);
    const login = await req('/api/auth/login', { body: { username: 'shifting', password: USER_PASSWORD } });
    const bearer = { authorization: `Bearer ${login.body.token}` };
    expect((await req('/api/runs/x/cancel', { headers: bearer, body: {} })).status).toBe(403);
    const changed = await req('/api/users/shifting', { method: 'PUT', headers: admin, body: { roles: ['operator'] } });
    expect(changed.body).toMatchObject({ username: 'shifting', roles: ['operator'], disabled: false });
    expect((await req('/api/runs/x/cancel', { headers: bearer, body: {} })).status).toBe(404);
    expect((await req('/api/users/shifting', { method: 'PUT', headers: admin, body: { disabled: true } })).status).toBe(200);
    expect((await req('/api/auth/me', { headers: bearer })).status).toBe(401);
    expect((await req('/api/auth/login', { headers: { 'x-forwarded-for': '10.3.0.1' }, body: { username: 'shifting', password: USER_PASSWORD } })).status).toBe(401);
    const listed = (await req('/api/users', { headers: admin })).body.items.find((u: { username: string }) => u.username === 'shifting');
    expect(listed).toMatchObject({ roles: ['operator'], disabled: true });
    expect(JSON.stringify((await req('/api/users', { headers: admin })).body)).not.toMatch(/scrypt|password_hash/);
  });

  it('names the field of a bad change, 404s an unknown user and keeps the last admin', async () => {
    const bad = await req('/api/users/admin', { method: 'PUT', headers: admin, body: { roles: ['root'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('body.roles.0');
    expect((await req('/api/users/admin', { method: 'PUT', headers: admin, body: {} })).status).toBe(400);
    expect((await req('/api/users/ghost', { method: 'PUT', headers: admin, body: { disabled: true } })).status).toBe(404);
    const last = await req('/api/users/admin', { method: 'PUT', headers: admin, body: { roles: ['viewer'] } });
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('last_admin');
  });

  it('a user created with a one-time password may only change it, then works normally', async () => {
    await createUser('newcomer', ['designer'], { mustChangePassword: true });
    const login = await req('/api/auth/login', { body: { username: 'newcomer', password: USER_PASSWORD } });
    expect(login.body.user.mustChangePassword).toBe(true);
    const bearer = { authorization: `Bearer ${login.body.token}` };
    const refused = await req('/api/flows', { headers: bearer });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('password_change_required');
    expect((await req('/api/auth/me', { headers: bearer })).body.user.mustChangePassword).toBe(true);
    const wrong = await req('/api/auth/password', { headers: bearer, body: { current: 'not-it-at-all', password: 'a-brand-new-password' } });
    expect(wrong.status).toBe(403);
    expect((await req('/api/auth/password', { headers: bearer, body: { current: USER_PASSWORD, password: 'short' } })).body.error.issues[0].path).toBe('body.password');
    expect((await req('/api/auth/password', { headers: bearer, body: { current: USER_PASSWORD, password: 'a-brand-new-password' } })).status).toBe(200);
    expect((await req('/api/flows', { headers: bearer })).status).toBe(200);
    expect((await req('/api/auth/login', { body: { username: 'newcomer', password: 'a-brand-new-password' } })).status).toBe(200);
  });
});

describe('first start without LEDGERFLOW_ADMIN_PASSWORD', () => {
  let first: RunningServer;
  const printed: string[] = [];
  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lf-first-'));
    first = await startServer(loadSettings({ LOG_LEVEL: 'silent' }, { port: 0, dataDir }), (line) => printed.push(line));
  }, 60_000);
  afterAll(async () => first?.close());

  it('prints a one-time admin password once, which must be changed before anything else', async () => {
    const password = printed.join('\n').match(/password: (\S+)/)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    const login = await first.app.request('/api/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ username: 'admin', password }) });
    const { token, user } = await login.json();
    expect(user.mustChangePassword).toBe(true);
    const bearer = { authorization: `Bearer ${token}`, ...json };
    const users = await first.app.request('/api/users', { headers: bearer });
    expect(users.status).toBe(403);
    expect((await users.json()).error.message).toMatch(/change it first/);
    expect((await first.app.request('/api/auth/password', { method: 'POST', headers: bearer, body: JSON.stringify({ current: password, password: 'my-own-admin-password' }) })).status).toBe(200);
    expect((await first.app.request('/api/users', { headers: bearer })).status).toBe(200);
  });
});
