import type { FlowDocument } from '@ledgerflow/flow';
import { startFakeOdoo, type FakeOdoo } from '@ledgerflow/odoo';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startInProcess, type InProcessServer } from '../support/in-process';

let server: InProcessServer;
let odoo: FakeOdoo;

/** Journal lines in, one vendor bill out; control totals over the lines. */
function ledgerFlow(id: string, valuesExtra = ''): FlowDocument {
  return {
    schema: 'ledgerflow/flow@1',
    id,
    name: `Ledger ${id}`,
    nodes: [
      { id: 'in', type: 'trigger', config: { kind: 'manual' } },
      { id: 'shape', type: 'map', config: { expression: "{ 'ref': ref, 'partner': partner, 'amount': $sum(lines.debit), 'lines': lines }" } },
      {
        id: 'post',
        type: 'post-to-odoo',
        config: { connection: 'ops-odoo', model: 'account.move', operation: 'create', values: `{ 'move_type': 'in_invoice', 'partner_id': partner, 'ref': ref${valuesExtra}, 'invoice_line_ids': [[0, 0, { 'name': 'Line', 'quantity': 1, 'price_unit': amount }]] }`, key: { field: 'ref', value: 'ref' } },
        retry: { maxAttempts: 3, backoff: 'fixed', initialDelayMs: 20, maxDelayMs: 50, timeoutMs: 5000 },
      },
    ],
    edges: [
      { from: 'in', to: 'shape' },
      { from: 'shape', to: 'post' },
    ],
    settings: {
      businessKey: 'ref',
      totals: [
        { name: 'records', node: 'in', of: 'output', expression: '$count(lines)' },
        { name: 'debits', node: 'shape', of: 'output', expression: '$sum(lines.debit)' },
        { name: 'credits', node: 'shape', of: 'output', expression: '$sum(lines.credit)' },
        { name: 'debitsByCurrency', node: 'shape', of: 'output', expression: 'lines{ currency: $sum(debit) }' },
      ],
    },
  };
}

const lines = (ref: string, debit: number) => ({ ref, partner: 2, lines: [{ debit, credit: 0, currency: 'EUR' }, { debit: 0.1, credit: debit + 0.1, currency: 'USD' }] });

/** Prometheus text → `name{labels}` → value (labels as printed). */
async function scrape(): Promise<Map<string, number>> {
  const response = await fetch(`${server.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  const out = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    const match = line.match(/^([a-z_:]+(?:\{[^}]*\})?) (\S+)$/);
    if (match?.[1] && match[2]) out.set(match[1], Number(match[2]));
  }
  return out;
}
const delta = (before: Map<string, number>, after: Map<string, number>, key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);

async function start(flowId: string, input: unknown): Promise<string> {
  const started = await server.api(`/api/flows/${flowId}/runs`, { body: { input } });
  expect(started.status).toBe(202);
  return started.body.id;
}

beforeAll(async () => {
  server = await startInProcess({ LEDGERFLOW_SANDBOX: '0' });
  odoo = await startFakeOdoo({ port: 0, version: 17 });
  expect((await server.api('/api/connections', { body: { name: 'ops-odoo', type: 'odoo', url: odoo.url, database: odoo.database, login: odoo.login, apiKey: odoo.apiKey, protocol: 'jsonrpc' } })).status).toBe(201);
  expect((await server.api('/api/flows', { body: ledgerFlow('ledger') })).status).toBe(201);
  expect((await server.api('/api/flows', { body: ledgerFlow('ledger-broken', ", 'no_such_field': 1") })).status).toBe(201);
});

afterAll(async () => {
  await server?.close();
  await odoo?.close();
});

it('moves the Prometheus counters by what the runs did', async () => {
  const before = await scrape();
  const good = [];
  for (let i = 0; i < 3; i++) good.push(await start('ledger', lines(`M-${i}`, 100 + i)));
  for (const id of good) expect((await server.waitForRun(id)).status).toBe('succeeded');
  // One 503 from Odoo: the step is retried once and the run still succeeds.
  odoo.faults.next('503', 1, { model: 'account.move' });
  const retried = await start('ledger', lines('M-retry', 50));
  const retriedRun = await server.waitForRun(retried);
  expect(retriedRun.status).toBe('succeeded');
  expect(retriedRun.steps.find((s: { nodeId: string }) => s.nodeId === 'post').attempts).toHaveLength(2);
  const broken = await server.waitForRun(await start('ledger-broken', lines('M-bad', 1)));
  expect(broken.status).toBe('failed');

  const after = await scrape();
  expect(delta(before, after, 'ledgerflow_runs_total{flow="ledger",status="succeeded"}')).toBe(4);
  expect(delta(before, after, 'ledgerflow_runs_total{flow="ledger-broken",status="failed"}')).toBe(1);
  expect(delta(before, after, 'ledgerflow_step_retries_total{flow="ledger",node="post"}')).toBe(1);
  expect(delta(before, after, 'ledgerflow_odoo_calls_total{method="upsert",outcome="ok"}')).toBe(4);
  expect(delta(before, after, 'ledgerflow_odoo_calls_total{method="upsert",outcome="retryable"}')).toBe(1);
  expect(delta(before, after, 'ledgerflow_odoo_calls_total{method="upsert",outcome="error"}')).toBe(1);
  // Five attempts of post on `ledger` (4 runs, one retried), each timed.
  expect(delta(before, after, 'ledgerflow_step_duration_seconds_count{flow="ledger",node="post",type="post-to-odoo"}')).toBe(5);
  expect(delta(before, after, 'ledgerflow_step_duration_seconds_count{flow="ledger",node="shape",type="map"}')).toBe(4);
  expect(after.get('ledgerflow_queue_depth')).toBe(0);
  expect(after.has('ledgerflow_approvals_pending')).toBe(true);

  // Cancelling a run counts as cancelled.
  const parked = await server.api('/api/flows/ledger/runs', { body: { input: lines('M-cancel', 1) } });
  const cancel = await server.api(`/api/runs/${parked.body.id}/cancel`, { body: {} });
  const cancelled = await scrape();
  if (cancel.status === 200) expect(delta(after, cancelled, 'ledgerflow_runs_total{flow="ledger",status="cancelled"}')).toBe(1);
  else expect(delta(after, cancelled, 'ledgerflow_runs_total{flow="ledger",status="succeeded"}')).toBe(1);
});

it('computes control totals when a run finishes and sums them over a filter', async () => {
  const from = Date.now();
  const a = await server.waitForRun(await start('ledger', lines('T-1', 200)));
  const b = await server.waitForRun(await start('ledger', lines('T-2', 300.25)));
  expect([a.status, b.status]).toEqual(['succeeded', 'succeeded']);
  const detail = await server.api(`/api/runs/${a.id}`);
  expect(detail.body.totals).toEqual({ records: 2, debits: 200.1, credits: 200.1, debitsByCurrency: { EUR: 200, USD: 0.1 } });

  const sum = await server.api(`/api/runs/totals?flowId=ledger&status=succeeded&from=${from}`);
  expect(sum.status).toBe(200);
  expect(sum.body.runs).toBe(2);
  const byName = Object.fromEntries(sum.body.totals.map((t: { name: string; value: unknown }) => [t.name, t.value]));
  expect(byName).toEqual({ records: 4, debits: 500.45, credits: 500.45, debitsByCurrency: { EUR: 500.25, USD: 0.2 } });

  const bad = await server.api('/api/runs/totals?status=finished');
  expect(bad.status).toBe(400);
  expect(bad.body.error.issues[0].path).toBe('query.status');
});

it('finds runs by business key and filters by flow, status and time', async () => {
  const byKey = await server.api('/api/runs?q=T-2');
  expect(byKey.body.items).toHaveLength(1);
  expect(byKey.body.items[0]).toMatchObject({ flowId: 'ledger', businessKey: 'T-2', status: 'succeeded' });
  const failed = await server.api('/api/runs?status=failed&flowId=ledger-broken');
  expect(failed.body.items.map((r: { businessKey: string }) => r.businessKey)).toEqual(['M-bad']);
  const none = await server.api(`/api/runs?from=${Date.now() + 60_000}`);
  expect(none.body.items).toEqual([]);
});

it('streams run changes as server-sent events', async () => {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/api/events?flowId=ledger`, { headers: { authorization: `Bearer ${server.token}` }, signal: controller.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no body');
  const decoder = new TextDecoder();
  let text = '';
  const read = async (until: (t: string) => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!until(text) && Date.now() < deadline) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
  };
  await read((t) => t.includes('event: ready'));
  await start('ledger-broken', lines('SSE-other-flow', 1));
  const id = await start('ledger', lines('SSE-1', 7));
  const parse = (t: string) =>
    t
      .split('\n\n')
      .filter((block) => block.includes('event: run') && block.includes('\ndata: '))
      .map((block) => JSON.parse(block.split('\n').find((l) => l.startsWith('data: '))?.slice(6) ?? '{}'));
  await read((t) => t.endsWith('\n\n') && parse(t).some((e) => e.id === id && e.status === 'succeeded'));
  controller.abort();
  const events = parse(text);
  const mine = events.filter((e) => e.id === id);
  expect(mine[0]).toMatchObject({ status: 'queued', businessKey: 'SSE-1', flowId: 'ledger' });
  expect(mine.map((e) => e.status)).toContain('running');
  expect(mine.at(-1)).toMatchObject({ status: 'succeeded' });
  expect(events.every((e) => e.flowId === 'ledger')).toBe(true);
});

it('aggregates the dashboard: runs by status, failure rate, durations, retries and Odoo errors by class', async () => {
  const answer = await server.api(`/api/dashboard?tzOffset=${-new Date().getTimezoneOffset()}`);
  expect(answer.status).toBe(200);
  const d = answer.body;
  expect(d.hourly).toHaveLength(24);
  expect(d.daily).toHaveLength(7);
  const hourSum = d.hourly.reduce((n: number, h: { counts: Record<string, number> }) => n + Object.values(h.counts).reduce((a, b) => a + b, 0), 0);
  expect(hourSum).toBe(d.totals.runs);
  const ledger = d.flows.find((f: { flowId: string }) => f.flowId === 'ledger');
  expect(ledger.failed).toBe(0);
  expect(ledger.p50Ms).toBeGreaterThanOrEqual(0);
  expect(ledger.p95Ms).toBeGreaterThanOrEqual(ledger.p50Ms);
  const broken = d.flows.find((f: { flowId: string }) => f.flowId === 'ledger-broken');
  expect(broken.failureRate).toBe(1);
  expect(d.retries).toContainEqual({ flowId: 'ledger', nodeId: 'post', retries: 1, steps: 1 });
  const failedRun = (await server.api('/api/runs?status=failed&flowId=ledger-broken')).body.items[0];
  const detail = await server.api(`/api/runs/${failedRun.id}`);
  const odooName = detail.body.steps.find((s: { status: string }) => s.status === 'failed').error.details.odooName;
  expect(d.odooErrors.find((e: { odooName: string }) => e.odooName === odooName)?.count).toBeGreaterThanOrEqual(1);
  expect(d.approvals).toMatchObject({ pending: 0, items: [] });

  const bad = await server.api('/api/dashboard?days=0');
  expect(bad.status).toBe(400);
  expect(bad.body.error.issues[0].path).toBe('query.days');
});
