import { startFakeOdoo, type FakeOdoo } from '@ledgerflow/odoo';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { billFlow } from '../foundation/flows';
import { startInProcess, type InProcessServer } from '../support/in-process';

// Exactly-once under faults: 500 runs while a fifth of Odoo calls fail in
// every way the fake knows, including a committed create whose answer is lost.
const RUNS = 500;
let server: InProcessServer;
let odoo: FakeOdoo;

beforeAll(async () => {
  server = await startInProcess({ LEDGERFLOW_WORKERS: '16' });
  odoo = await startFakeOdoo({ port: 0, version: 17, randomSeed: 7 });
  // A fifth of calls failing at random is a sick server, not a down one: a short breaker cool-down keeps the test quick.
  await server.api('/api/connections', { body: { name: 'soak', type: 'odoo', url: odoo.url, database: odoo.database, login: odoo.login, apiKey: odoo.apiKey, protocol: 'jsonrpc', breaker: { threshold: 10, coolDownMs: 500 } } });
  await server.api('/api/flows', { body: billFlow('soak', 'soak', { maxAttempts: 20, initialDelayMs: 10, maxDelayMs: 100 }) });
});

afterAll(async () => {
  await server?.close();
  await odoo?.close();
});

it('posts 500 bills exactly once while 20% of Odoo calls fail', { timeout: 180_000 }, async () => {
  odoo.faults.set({ rate: 0.2, kinds: ['503', '502', '504', '429', 'drop', 'serialization', 'commit-then-drop'], retryAfterSeconds: 0 });
  const ids: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const res = await server.api('/hooks/soak-in', { body: { ref: `SOAK-${i}`, partner: 2, amount: 100 + i }, token: null });
    expect(res.status).toBe(202);
    ids.push(res.body.runId);
  }
  const runs = [];
  for (const id of ids) runs.push(await server.waitForRun(id, ['succeeded', 'failed', 'cancelled'], 120_000));
  const stats = { ...odoo.faults.stats };
  odoo.faults.clear();

  expect(runs.filter((r) => r.status !== 'succeeded').map((r) => r.error)).toEqual([]);
  const bills = odoo.records('account.move').filter((m) => String(m.ref).startsWith('SOAK-'));
  expect(bills).toHaveLength(RUNS);
  expect(new Set(bills.map((b) => b.ref)).size).toBe(RUNS);
  expect(bills.every((b) => b.state === 'posted')).toBe(true);
  // The faults really happened, the commit-then-drop kind included.
  expect(stats['commit-then-drop']).toBeGreaterThan(0);
  expect(stats['503'] + stats.drop + stats.serialization).toBeGreaterThan(0);
  const retried = runs.filter((r) => r.steps.some((s: { attempts: unknown[] }) => s.attempts.length > 1));
  expect(retried.length).toBeGreaterThan(0);
});
