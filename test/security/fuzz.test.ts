/**
 * 10,000 random and malformed bodies (wrong types, huge strings, deep
 * nesting, `__proto__` keys) across every POST and PUT route, in-process.
 * Nothing may answer 5xx or leak a stack trace; afterwards the server still
 * answers /healthz and a flow saved before is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess, type InProcessServer } from '../support/in-process';

const REQUESTS = 10_000;
let server: InProcessServer;
let auth: Record<string, string>;

/** mulberry32: the same sequence on every run, so a failure can be replayed. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['id', 'name', 'type', 'schema', 'nodes', 'edges', 'config', 'input', 'version', 'roles', 'username', 'password', 'current', 'disabled', 'cron', 'timezone', 'active', 'decision', 'comment', 'from', 'url', 'apiKey', 'database', 'login', 'token', 'owner', 'flowId', 'runIds', 'kind', 'path', '__proto__', 'constructor', 'prototype', '', '💥', 'a'.repeat(300)];
const STRINGS = ['', ' ', 'admin', 'approve', 'reject', 'odoo', 'smtp', 'designer', 'ledgerflow/flow@1', '* * * * *', 'Europe/Brussels', 'not/a/zone', '0 0 31 2 *', '$eval("1")', "'; drop table users; --", '../../etc/passwd', '\u0000', '\ud800', 'http://127.0.0.1:1', '{{ run.url }}', 'x'.repeat(5000)];

function randomValue(rand: () => number, depth: number): unknown {
  const pick = Math.floor(rand() * (depth > 3 ? 6 : 9));
  switch (pick) {
    case 0: return null;
    case 1: return rand() < 0.5;
    case 2: return [0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 42][Math.floor(rand() * 8)];
    case 3:
    case 4: return STRINGS[Math.floor(rand() * STRINGS.length)];
    case 5: return Math.floor(rand() * 1e6);
    case 6: return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
    default: return randomObject(rand, depth + 1);
  }
}

function randomObject(rand: () => number, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 5); i > 0; i--) Object.defineProperty(out, KEYS[Math.floor(rand() * KEYS.length)] ?? 'k', { value: randomValue(rand, depth), enumerable: true, configurable: true, writable: true });
  return out;
}

/** Known good bodies, so mutations reach past the first check. */
function seeds(): unknown[] {
  const flow = { schema: 'ledgerflow/flow@1', id: 'fuzz-target', name: 'Fuzz', nodes: [{ id: 'in', type: 'trigger', config: { kind: 'manual' } }, { id: 'm', type: 'map', config: { expression: '{ "a": a }' } }], edges: [{ from: 'in', to: 'm' }] };
  return [
    flow,
    { input: { a: 1 } },
    { username: 'admin', password: 'wrong-password' },
    { username: 'fuzzed-user', password: 'a-long-enough-password', roles: ['viewer'] },
    { roles: ['viewer'], disabled: false },
    { name: 'fuzz-token', roles: ['viewer'] },
    { cron: '0 9 * * 1-5', timezone: 'Europe/Brussels', active: true },
    { decision: 'approve', comment: 'ok' },
    { from: 'm', input: { a: 2 }, version: 'latest' },
    { name: 'fuzz-conn', type: 'odoo', url: 'http://127.0.0.1:1', database: 'd', login: 'l', apiKey: 'k' },
    { version: 1, comment: 'publish' },
    { owner: 'admin' },
    { current: 'test-admin-password', password: 'short' },
  ];
}

function mutate(rand: () => number, value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return randomValue(rand, 2);
  const copy: Record<string, unknown> = Array.isArray(value) ? { ...value } : { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const key = rand() < 0.2 || keys.length === 0 ? (KEYS[Math.floor(rand() * KEYS.length)] ?? 'k') : (keys[Math.floor(rand() * keys.length)] ?? 'k');
  const child = copy[key];
  Object.defineProperty(copy, key, { value: rand() < 0.5 && typeof child === 'object' ? mutate(rand, child) : randomValue(rand, 2), enumerable: true, configurable: true, writable: true });
  return Array.isArray(value) ? Object.values(copy) : copy;
}

function body(rand: () => number): string {
  const r = rand();
  const all = seeds();
  if (r < 0.35) return JSON.stringify(mutate(rand, all[Math.floor(rand() * all.length)]));
  if (r < 0.6) return JSON.stringify(randomValue(rand, 0));
  if (r < 0.7) {
    const text = JSON.stringify(all[Math.floor(rand() * all.length)]);
    return text.slice(0, Math.floor(rand() * text.length)); // truncated
  }
  if (r < 0.75) return ['{', '}', '{"a":}', 'NaN', 'undefined', "{'a':1}", '\ufeff{}', '[1,]', '{"a":1}}', '\u0000', 'null', '"str"', '1e999'][Math.floor(rand() * 13)] ?? '';
  if (r < 0.8) {
    const depth = [100, 1000, 20_000, 200_000][Math.floor(rand() * 4)] ?? 100;
    return rand() < 0.5 ? '['.repeat(depth) + ']'.repeat(depth) : '{"input":'.repeat(depth) + '1' + '}'.repeat(depth);
  }
  if (r < 0.81) return JSON.stringify({ name: 'x'.repeat(rand() < 0.5 ? 900_000 : 1_100_000) });
  if (r < 0.9) return `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"name":"p","input":{"__proto__":{"isAdmin":true}},"roles":["viewer"]}`;
  return Array.from({ length: Math.floor(rand() * 200) }, () => String.fromCharCode(Math.floor(rand() * 0xffff))).join('');
}

function paramValue(rand: () => number, runId: string): string {
  const choices = ['fuzz-target', 'kept-out', runId, 'x', '..', '%2e%2e', '%00', 'a'.repeat(2000), 'ü', '1', '-1', 'admin', 'sandbox', 'null'];
  return choices[Math.floor(rand() * choices.length)] ?? 'x';
}

beforeAll(async () => {
  server = await startInProcess();
  const token = await server.api('/api/tokens', { body: { name: 'fuzzer', roles: ['admin'] } });
  auth = { authorization: `Bearer ${token.body.token}` };
}, 60_000);
afterAll(async () => server?.close());

describe('fuzzing every POST and PUT route', () => {
  it(`answers ${REQUESTS} random and malformed bodies without a 5xx and keeps saved data intact`, async () => {
    const kept = { schema: 'ledgerflow/flow@1', id: 'kept-flow', name: 'Kept', settings: { mask: ['employee.iban'] }, nodes: [{ id: 'in', type: 'trigger', config: { kind: 'manual' } }], edges: [] };
    expect((await server.api('/api/flows', { body: kept })).status).toBe(201);
    const before = await server.api('/api/flows/kept-flow');
    const beforeVersions = await server.api('/api/flows/kept-flow/versions');
    expect((await server.api('/api/flows', { body: seeds()[0] })).status).toBe(201);
    const run = await server.api('/api/flows/fuzz-target/runs', { body: { input: {} } });

    const routes = [...new Set(server.app.routes.filter((r) => r.method === 'POST' || r.method === 'PUT').map((r) => `${r.method} ${r.path}`))];
    expect(routes.length).toBeGreaterThan(20);
    const rand = prng(20_261_120);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < REQUESTS; i++) {
      const [method = 'POST', template = '/'] = (routes[i % routes.length] ?? '').split(' ');
      const path = template.replace(/:[A-Za-z_]+(\{[^}]*\})?/g, () => encodeURIComponent(paramValue(rand, run.body.id)).replace(/%25/g, '%'));
      const payload = body(rand);
      const type = rand() < 0.9 ? 'application/json' : rand() < 0.5 ? 'text/plain' : 'application/x-www-form-urlencoded';
      const response = await server.app.request(path, { method, headers: { ...auth, 'content-type': type }, body: payload });
      const text = await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status >= 500 || /\n\s+at |\.ts:\d+|node_modules/.test(text)) failures.push(`#${i} ${method} ${path.slice(0, 80)} ${response.status} ${text.slice(0, 160)} <- ${payload.slice(0, 120)}`);
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(statuses.get(413)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(1000);

    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect((await server.app.request('/healthz')).status).toBe(200);
    expect(await server.api('/api/flows/kept-flow')).toEqual(before);
    expect(await server.api('/api/flows/kept-flow/versions')).toEqual(beforeVersions);
  }, 120_000);
});
