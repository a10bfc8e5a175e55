import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../support/server';
import { startInProcess, type InProcessServer } from '../support/in-process';

let server: InProcessServer;
beforeAll(async () => {
  server = await startInProcess();
});
afterAll(() => server?.close());

it('lists the Odoo calls and messages a run would make, and changes nothing in Odoo', async () => {
  const sample = JSON.parse(readFileSync(`${ROOT}flows/samples/expense.json`, 'utf8'));
  const before = server.sandbox?.records('account.move').length;
  const callsBefore = server.sandbox?.callLog.length ?? 0;
  const res = await server.api('/api/flows/expense-to-vendor-bill/dry-run', { body: { input: sample } });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ dryRun: true, status: 'succeeded' });
  const upsert = res.body.held.find((h: { method: string }) => h.method === 'upsert');
  expect(upsert).toMatchObject({ target: 'odoo:sandbox', model: 'account.move', wouldCreate: true, payload: { key: { field: 'ref', value: 'EXP-2026-0042' }, then: ['action_post'] } });
  expect(upsert.payload.values.invoice_line_ids).toHaveLength(2);
  expect(res.body.held.find((h: { target: string }) => h.target.startsWith('mail:'))).toMatchObject({ payload: { to: ['ap@example.com'] } });
  expect(server.sandbox?.records('account.move').length).toBe(before);
  const writes = (server.sandbox?.callLog ?? []).slice(callsBefore).filter((c) => ['create', 'write', 'action_post', 'unlink'].includes(c.method));
  expect(writes).toEqual([]);
  expect((await server.api('/api/runs?flowId=expense-to-vendor-bill')).body.items).toEqual([]);
});
