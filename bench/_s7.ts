import { z } from 'zod';
import { startFakeOdooProcess, startServerProcess } from './support/processes';
import { RunEndWatcher } from './support/run-events';
import { quantile } from './support/stats';
const workers = process.argv[2] ?? '32';
const fake = await startFakeOdooProcess(5);
const server = await startServerProcess({ env: { LEDGERFLOW_WORKERS: workers, ...(process.argv[3] ? { NODE_OPTIONS: '--cpu-prof --cpu-prof-dir=/tmp/sprof' } : {}) } });
const any = z.unknown();
await server.api('/api/connections', any, { body: { name: 'bench-odoo', type: 'odoo', ...fake.connection } });
const billExpression = "{ 'move_type': 'in_invoice', 'partner_id': vendor.partnerId, 'ref': number, 'invoice_date': date, 'invoice_line_ids': [lines.[0, 0, { 'name': description, 'quantity': 1, 'price_unit': amount }]] }";
await server.api('/api/flows', any, { body: { schema: 'ledgerflow/flow@1', id: 'bench-expense', name: 'b', settings: { businessKey: 'number' }, nodes: [
  { id: 'in', type: 'trigger', config: { kind: 'webhook', path: 'bench/expenses' } }, { id: 'bill', type: 'map', config: { expression: billExpression } },
  { id: 'post', type: 'post-to-odoo', config: { connection: 'bench-odoo', model: 'account.move', operation: 'create', key: { field: 'ref', value: 'ref' }, then: ['action_post'] } }],
  edges: [{ from: 'in', to: 'bill' }, { from: 'bill', to: 'post' }] } });
const w = await RunEndWatcher.open(server.url, server.token, 'bench-expense');
const phases: Record<string, number[]> = {};
const push = (k: string, v: number) => (phases[k] ??= []).push(v);
for (let i = 0; i < 150; i++) {
  const sent = Date.now(); const t0 = performance.now();
  const r = await fetch(`${server.url}/hooks/bench/expenses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ number: `X-${i}`, date: '2026-11-20', currency: 'EUR', vendor: { partnerId: 2 }, lines: [{ description: 'a', amount: 1 }, { description: 'b', amount: 2 }] }) });
  const acc = performance.now();
  const { runId } = z.object({ runId: z.string() }).parse(await r.json());
  const end = await w.end(runId);
  push('total', end.at - t0); push('http 202', acc - t0);
  if (i >= 20) {
    const d = await server.api(`/api/runs/${runId}`, z.object({ createdAt: z.number(), startedAt: z.number(), finishedAt: z.number(), steps: z.array(z.object({ nodeId: z.string(), startedAt: z.number(), finishedAt: z.number() })) }));
    push('sent→created', d.createdAt - sent); push('created→started', d.startedAt - d.createdAt);
    let prev = d.startedAt;
    for (const s of d.steps) { push(`gap→${s.nodeId}`, s.startedAt - prev); push(`step ${s.nodeId}`, s.finishedAt - s.startedAt); prev = s.finishedAt; }
    push('lastStep→finished', d.finishedAt - prev);
    push('finished→seen', performance.timeOrigin + end.at - d.finishedAt);
  }
}
import { createOdooClient } from '@ledgerflow/odoo';
const c = createOdooClient(fake.connection);
for (let i = 0; i < 150; i++) { const t = performance.now(); await c.upsert('account.move', { key: { field: 'ref', value: `P-${i}` }, values: { move_type: 'in_invoice', partner_id: 2, ref: `P-${i}`, invoice_date: '2026-11-20', invoice_line_ids: [[0, 0, { name: 'a', quantity: 1, price_unit: 1 }], [0, 0, { name: 'b', quantity: 1, price_unit: 2 }]] }, then: ['action_post'] }); push('plain', performance.now() - t); }
for (const [k, v] of Object.entries(phases)) console.log(k.padEnd(22), quantile(v, 0.5).toFixed(1), quantile(v, 0.9).toFixed(1));
await w.close(); await server.stop(); await fake.stop();
