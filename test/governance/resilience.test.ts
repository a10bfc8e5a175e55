import { startFakeOdoo, type FakeOdoo } from '@ledgerflow/odoo';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { billFlow } from '../foundation/flows';
import { startInProcess, type InProcessServer } from '../support/in-process';

let server: InProcessServer;
let odoo: FakeOdoo;

beforeAll(async () => {
  server = await startInProcess({ LEDGERFLOW_WORKERS: '8' });
  odoo = await startFakeOdoo({ port: 0, version: 17 });
});
afterAll(async () => {
  await server?.close();
  await odoo?.close();
});

async function startRuns(flowId: string, count: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await server.api(`/hooks/${flowId}-in`, { body: { ref: `${prefix}-${i}`, partner: 2, amount: 10 }, token: null })).body.runId);
  return ids;
}

it('opens the circuit while Odoo is down, probes once per cool-down, and finishes every run once it is back', { timeout: 180_000 }, async () => {
  const COOL_DOWN = 1500;
  const THRESHOLD = 3;
  await server.api('/api/connections', { body: { name: 'down', type: 'odoo', url: odoo.url, database: odoo.database, login: odoo.login, apiKey: odoo.apiKey, protocol: 'jsonrpc', breaker: { threshold: THRESHOLD, coolDownMs: COOL_DOWN } } });
  await server.api('/api/flows', { body: billFlow('breaker', 'down', { maxAttempts: 4, initialDelayMs: 50, maxDelayMs: 200 }) });

  odoo.faults.down(true);
  const downSince = Date.now();
  const ids = await startRuns('breaker', 200, 'CB');
  await new Promise((r) => setTimeout(r, 5000));
  const open = (await server.api('/api/connections')).body.items.find((c: { name: string }) => c.name === 'down');
  expect(open.circuit.state).toBe('open');
  odoo.faults.down(false);
  const downMs = Date.now() - downSince;
  const callsWhileDown = odoo.faults.stats.down;

  const runs = [];
  for (const id of ids) runs.push(await server.waitForRun(id, ['succeeded', 'failed', 'cancelled'], 150_000));
  expect(runs.filter((r) => r.status !== 'succeeded')).toEqual([]);
  // While down, the fake saw the calls that opened the circuit (at most one per worker in flight)
  // and then at most one probe per cool-down — not 200 runs hammering it with retries.
  expect(callsWhileDown).toBeLessThanOrEqual(THRESHOLD + 8 + Math.ceil(downMs / COOL_DOWN) + 1);
  const bills = odoo.records('account.move').filter((m) => String(m.ref).startsWith('CB-'));
  expect(bills).toHaveLength(200);
  expect(new Set(bills.map((b) => b.ref)).size).toBe(200);
  // Waiting on an open circuit did not use up retries: no step needed more than its 4 real failures.
  const deferred = runs.flatMap((r) => r.steps.flatMap((s: { attempts: Array<{ status: string }> }) => s.attempts)).filter((a: { status: string }) => a.status === 'deferred');
  expect(deferred.length).toBeGreaterThan(0);
});

it('holds a connection to 20 calls per second, measured at Odoo', { timeout: 150_000 }, async () => {
  await server.api('/api/connections', { body: { name: 'limited', type: 'odoo', url: odoo.url, database: odoo.database, login: odoo.login, apiKey: odoo.apiKey, protocol: 'jsonrpc', limits: { rps: 20 } } });
  await server.api('/api/flows', { body: billFlow('limited', 'limited') });
  const before = odoo.callLog.length;
  const ids = await startRuns('limited', 100, 'RL');
  for (const id of ids) expect((await server.waitForRun(id, ['succeeded', 'failed'], 60_000)).status).toBe('succeeded');
  const times = odoo.callLog.slice(before).map((c) => new Date(c.at).getTime()).sort((a, b) => a - b);
  expect(times.length).toBeGreaterThan(100);
  let busiest = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] ?? 0) - (times[j] ?? 0) >= 1000) j++;
    busiest = Math.max(busiest, i - j + 1);
  }
  // Calls leave at least 50 ms apart; arrival jitter on a busy machine can bunch a few, so
  // the busiest second gets a small allowance while the average must hold exactly.
  const average = (times.length - 1) / (((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000);
  expect(average).toBeLessThanOrEqual(20.5);
  expect(average).toBeGreaterThanOrEqual(12);
  expect(busiest).toBeLessThanOrEqual(28);
});
