/** Body limits, strict JSON, security headers, no stack traces, parameterised SQL. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess, type InProcessServer } from '../support/in-process';
import { ROOT } from '../support/server';

let server: InProcessServer;
let auth: Record<string, string>;

beforeAll(async () => {
  server = await startInProcess();
  auth = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
}, 60_000);
afterAll(async () => server?.close());

describe('request bodies', () => {
  it('refuses a body over 1 MiB with 413 on the API and on webhooks', async () => {
    const big = JSON.stringify({ input: { blob: 'x'.repeat(1024 * 1024) } });
    for (const path of ['/api/flows/expense-to-vendor-bill/runs', '/hooks/expenses']) {
      const response = await server.app.request(path, { method: 'POST', headers: auth, body: big });
      expect(response.status, path).toBe(413);
      expect((await response.json()).error.code).toBe('body_too_large');
    }
  });

  it('drops __proto__, constructor and prototype keys instead of letting them reach objects', async () => {
    const body = '{"username":"proto-user","password":"proto-password-1","roles":["viewer"],"__proto__":{"roles":["admin"],"polluted":true},"constructor":{"prototype":{"polluted":true}}}';
    const created = await server.app.request('/api/users', { method: 'POST', headers: auth, body });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ username: 'proto-user', roles: ['viewer'] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const login = await server.api('/api/auth/login', { body: { username: 'proto-user', password: 'proto-password-1' }, token: null });
    expect(login.body.user.roles).toEqual(['viewer']);
  });

  it('answers malformed JSON with 400 and a message, not a stack trace', async () => {
    const response = await server.app.request('/api/flows', { method: 'POST', headers: auth, body: '{"id": "x",' });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text).error.code).toBe('invalid_json');
    expect(text).not.toMatch(/\n\s+at |\.ts:\d+/);
  });

  it('names the field of a wrong type', async () => {
    const response = await server.app.request('/api/tokens', { method: 'POST', headers: auth, body: JSON.stringify({ name: 7, roles: 'admin' }) });
    expect(response.status).toBe(400);
    const paths = (await response.json()).error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.roles']));
  });
});

describe('security headers', () => {
  it('sends a CSP and the usual hardening headers on the editor and the API', async () => {
    for (const path of ['/', '/flows/x', '/api/flows', '/healthz']) {
      const response = await server.app.request(path, { headers: { authorization: auth.authorization ?? '' } });
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain("'unsafe-eval'");
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('strict-transport-security'), path).toMatch(/max-age=\d+/);
      expect(response.headers.get('x-powered-by'), path).toBeNull();
    }
  });
});

describe('SQL', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (name === 'node_modules' || name === 'dist') return [];
      return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
    });

  it('is parameterised everywhere: no raw SQL built from strings', () => {
    const files = ['apps/server/src', 'packages/store/src', 'packages/engine/src', 'nodes'].flatMap((d) => sources(join(ROOT, d)));
    expect(files.length).toBeGreaterThan(50);
    const unsafe = [/sql\.raw\s*\(/, /sql\.(lit|id|ref|table)\s*\((?!\s*(\d+|'[a-z_.]+')\s*\))/, /\.(prepare|exec|query)\s*\(\s*`[^`]*\$\{/, /sql`[^`]*'\$\{/];
    const hits = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (unsafe.some((p) => p.test(line)) ? [`${file.slice(ROOT.length)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });
});
