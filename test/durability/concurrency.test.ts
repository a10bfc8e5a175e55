import { startFakeOdoo, type FakeOdoo } from '@ledgerflow/odoo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billFlow } from '../foundation/flows';
import { startInProcess, type InProcessServer } from '../support/in-process';

const WORKERS = 3;
let server: InProcessServer;
let odoo: FakeOdoo;

beforeAll(async () => {
  server = await startInProcess({ LEDGERFLOW_SANDBOX: '0', LEDGERFLOW_WORKERS: String(WORKERS) });
  odoo = await startFakeOdoo({ port: 0, version: 17 });
  // A slow Odoo: each bill takes ~100 ms (four calls), so runs overlap unless something stops them.
  odoo.faults.set({ latencyMs: 25 });
  await server.api('/api/connections', { body: { name: 'slow', type: 'odoo', url: odoo.url, database: odoo.database, login: odoo.login, apiKey: odoo.apiKey, protocol: 'jsonrpc' } });
});

afterAll(async () => {
  await server?.close();
  await odoo?.close();
});

interface Listed {
  id: string;
  status: string;
  createdAt: number;
  startedAt: number | null;
}

/** Queues `n` runs, then samples how many are running at once until all are final. */
async function drain(flowId: string, n: number): Promise<{ maxRunning: number; runs: Listed[] }> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await server.api(`/api/flows/${flowId}/runs`, { body: { input: { ref: `${flowId}-${i}`, partner: 2, amount: i + 1 } } });
    expect(res.status).toBe(202);
    ids.push(res.body.id);
  }
  let maxRunning = 0;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const page = await server.api(`/api/runs?flowId=${flowId}&limit=500`);
    const runs: Listed[] = page.body.items;
    maxRunning = Math.max(maxRunning, runs.filter((r) => r.status === 'running').length);
    if (runs.every((r) => r.status === 'succeeded' || r.status === 'failed')) return { maxRunning, runs };
    if (Date.now() > deadline) throw new Error(`runs of ${flowId} did not finish`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('concurrency', () => {
  it('a flow with concurrency 1 never has two runs running, and queued runs start in order', { timeout: 40_000 }, async () => {
    await server.api('/api/flows', { body: { ...billFlow('one-at-a-time', 'slow'), settings: { concurrency: 1 } } });
    const { maxRunning, runs } = await drain('one-at-a-time', 20);
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
    expect(maxRunning).toBe(1);
    // Sorted by when they started, they were created in the same order.
    const byStart = [...runs].sort((a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0));
    for (let i = 1; i < byStart.length; i++) expect(byStart[i]?.createdAt).toBeGreaterThanOrEqual(byStart[i - 1]?.createdAt ?? 0);
    // Each started only after the one before it finished.
    const detail = await Promise.all(byStart.map(async (r) => (await server.api(`/api/runs/${r.id}`)).body));
    for (let i = 1; i < detail.length; i++) expect(detail[i].startedAt).toBeGreaterThanOrEqual(detail[i - 1].finishedAt);
  });

  it(`a flow without a limit runs in parallel, up to the ${WORKERS} workers of the process`, { timeout: 40_000 }, async () => {
    await server.api('/api/flows', { body: billFlow('parallel', 'slow') });
    const { maxRunning, runs } = await drain('parallel', 20);
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
    expect(maxRunning).toBeGreaterThan(1);
    expect(maxRunning).toBeLessThanOrEqual(WORKERS);
  });
});

describe('webhook idempotency', () => {
  it('a repeated Idempotency-Key returns the same run; another key or none makes a new one', async () => {
    await server.api('/api/flows', { body: billFlow('idem', 'slow') });
    const send = (key?: string) => server.api('/hooks/idem-in', { body: { ref: 'IDEM-1', partner: 2, amount: 5 }, token: null, ...(key ? { headers: { 'idempotency-key': key } } : {}) });
    const first = await send('order-77');
    const again = await send('order-77');
    const parallel = await Promise.all([send('order-78'), send('order-78'), send('order-78')]);
    const other = await send('order-79');
    const none = await send();
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body.runId).toBe(first.body.runId);
    expect(new Set(parallel.map((p) => p.body.runId)).size).toBe(1);
    expect(new Set([first.body.runId, parallel[0]?.body.runId, other.body.runId, none.body.runId]).size).toBe(4);
    const all = await server.api('/api/runs?flowId=idem&limit=50');
    expect(all.body.items).toHaveLength(4);
  });
});

describe('cancel', () => {
  it('cancels a run waiting for approval; it never resumes and posts nothing', async () => {
    const flow = billFlow('guarded', 'slow');
    await server.api('/api/flows', {
      body: {
        ...flow,
        nodes: [flow.nodes[0], { id: 'ok', type: 'approve', config: { approvers: { role: 'approver' } } }, flow.nodes[1]],
        edges: [{ from: 'in', to: 'ok' }, { from: 'ok', port: 'approved', to: 'post' }],
      },
    });
    const start = await server.api('/api/flows/guarded/runs', { body: { input: { ref: 'GUARD-1', partner: 2, amount: 9000 } } });
    const waiting = await server.waitForRun(start.body.id, ['waiting']);
    const step = waiting.steps.find((s: { nodeId: string }) => s.nodeId === 'ok');
    expect(step.status).toBe('waiting');

    const cancel = await server.api(`/api/runs/${start.body.id}/cancel`, { body: {} });
    expect(cancel.status).toBe(200);
    expect((await server.api(`/api/runs/${start.body.id}/cancel`, { body: {} })).status).toBe(409);
    // A decision arriving afterwards finds nothing to resume.
    expect(await server.runtime.store.resumeStep(start.body.id, step.id, { decision: 'approve', by: 'ann' }, Date.now())).toBe(false);
    server.runtime.worker.wake();
    await new Promise((r) => setTimeout(r, 500));
    const after = (await server.api(`/api/runs/${start.body.id}`)).body;
    expect(after.status).toBe('cancelled');
    expect(after.steps.map((s: { nodeId: string; status: string }) => [s.nodeId, s.status])).toEqual([['in', 'succeeded'], ['ok', 'cancelled']]);
    expect(odoo.records('account.move').filter((m) => m.ref === 'GUARD-1')).toHaveLength(0);
  });
});
