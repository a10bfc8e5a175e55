import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOdoo, type FakeOdoo } from '@ledgerflow/odoo';
import { afterAll, expect, it } from 'vitest';
import { billFlow } from '../foundation/flows';
import { freePort, startChildServer, type ChildServer } from '../support/server';

// kill -9 the real server three times while 300 webhook runs post vendor
// bills to a slow fake Odoo; afterwards every run must have succeeded and
// Odoo must hold exactly one bill per run.
const RUNS = 300;
const KILLS = 3;
const LEASE_MS = 2000;

let odoo: FakeOdoo | undefined;
let server: ChildServer | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'lf-crash-'));

afterAll(async () => {
  await server?.stop('SIGKILL');
  await odoo?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('survives three SIGKILLs: 300 runs all succeed, 300 bills, none twice', { timeout: 150_000 }, async () => {
  const began = Date.now();
  odoo = await startFakeOdoo({ port: 0, version: 17 });
  odoo.faults.set({ latencyMs: 20 });
  const port = await freePort();
  const env = { LEDGERFLOW_LEASE_MS: String(LEASE_MS), LEDGERFLOW_SANDBOX: '0', LEDGERFLOW_WORKERS: '8' };
  const boot = () => startChildServer({ dataDir, port, env });
  server = await boot();
  const token = await server.login();
  const live = () => {
    if (!server) throw new Error('no server');
    return server;
  };
  expect((await live().api('/api/connections', { token, body: { name: 'crash-odoo', type: 'odoo', url: odoo.url, database: odoo.database, login: odoo.login, apiKey: odoo.apiKey, protocol: 'jsonrpc' } })).status).toBe(201);
  expect((await live().api('/api/flows', { token, body: billFlow('crash', 'crash-odoo') })).status).toBe(201);

  // Webhook senders retry until accepted, with an Idempotency-Key so a request whose answer died with the server makes no second run.
  const runIds = new Map<number, string>();
  async function send(i: number): Promise<void> {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/hooks/crash-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `crash-${i}` },
          body: JSON.stringify({ ref: `CRASH-${i}`, partner: 2, amount: 100 + i }),
        });
        if (res.status === 202) {
          const body: { runId: string } = await res.json();
          runIds.set(i, body.runId);
          return;
        }
      } catch {
        /* the server is down: try again */
      }
      await sleep(50);
    }
  }
  const senders = (async () => {
    const queue = Array.from({ length: RUNS }, (_, i) => i);
    await Promise.all(Array.from({ length: 8 }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) await send(i);
    }));
  })();

  let kills = 0;
  for (; kills < KILLS; kills++) {
    await sleep(300 + Math.random() * 900);
    await live().stop('SIGKILL');
    server = await boot();
  }
  await senders;
  const accepted = Date.now();

  // Every run reaches a final status (taken over after its dead owner's lease expired).
  const deadline = Date.now() + 90_000;
  let statuses: Record<string, number> = {};
  for (;;) {
    const page = await live().api('/api/runs?flowId=crash&limit=500', { token });
    statuses = {};
    for (const r of page.body.items) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    if ((statuses.succeeded ?? 0) + (statuses.failed ?? 0) + (statuses.cancelled ?? 0) >= RUNS || Date.now() > deadline) break;
    await sleep(200);
  }
  const drained = Date.now();
  expect(statuses).toEqual({ succeeded: RUNS });
  expect(new Set(runIds.values()).size).toBe(RUNS);

  const bills = odoo.records('account.move').filter((m) => String(m.ref).startsWith('CRASH-'));
  expect(bills).toHaveLength(RUNS);
  expect(new Set(bills.map((b) => b.ref)).size).toBe(RUNS);
  expect(bills.every((b) => b.state === 'posted')).toBe(true);

  // Attempts tell the truth: each step has at least one, numbered 1..n; every attempt but the
  // last is failed or interrupted (never a second success); interrupted ones say the worker was lost.
  let interrupted = 0;
  for (const id of runIds.values()) {
    const run = (await live().api(`/api/runs/${id}`, { token })).body;
    expect(run.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual(['in', 'post']);
    for (const step of run.steps) {
      expect(step.status).toBe('succeeded');
      const attempts: Array<{ number: number; status: string; error: { code: string } | null }> = step.attempts;
      expect(attempts.length).toBeGreaterThanOrEqual(1);
      expect(attempts.map((a) => a.number)).toEqual(attempts.map((_, n) => n + 1));
      expect(attempts.at(-1)?.status).toBe('succeeded');
      for (const a of attempts.slice(0, -1)) expect(['failed', 'interrupted']).toContain(a.status);
      for (const a of attempts.filter((x) => x.status === 'interrupted')) expect(a.error?.code).toBe('worker_lost');
      interrupted += attempts.filter((a) => a.status === 'interrupted').length;
    }
  }
  // The kills really landed mid-step.
  expect(interrupted).toBeGreaterThan(0);
  console.log(`crash test: ${RUNS} runs, ${kills} SIGKILLs, ${interrupted} interrupted attempts; accepted in ${accepted - began} ms, all final after ${drained - began} ms`);
});
