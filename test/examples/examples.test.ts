import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateFlow } from '@ledgerflow/flow';
import { specs } from '@ledgerflow/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROOT } from '../support/server';
import { startInProcess, type InProcessServer } from '../support/in-process';

// The example flows are regression tests: each runs against the sandbox (fake) Odoo
// and must produce its expected output, in the order of flows/samples/examples.json.
const manifest = z.object({ examples: z.array(z.object({ flow: z.string(), sample: z.string(), expected: z.string() })) }).parse(JSON.parse(readFileSync(join(ROOT, 'flows/samples/examples.json'), 'utf8')));
const expectation = z.object({ status: z.string(), path: z.array(z.string()), steps: z.record(z.string(), z.unknown()) });
const read = (file: string): unknown => JSON.parse(readFileSync(join(ROOT, 'flows', file), 'utf8'));

let server: InProcessServer;
beforeAll(async () => {
  server = await startInProcess();
});
afterAll(() => server?.close());

it('every flow file validates and is listed as an example', () => {
  const files = readdirSync(join(ROOT, 'flows')).filter((f) => f.endsWith('.json') && true);
  for (const file of files) expect(validateFlow(read(file), specs).issues, file).toEqual([]);
  expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual(manifest.examples.map((e) => e.flow).sort());
});

describe.each(manifest.examples)('example $flow', ({ flow, sample, expected }) => {
  it('produces its expected output against the sandbox Odoo', async () => {
    const want = expectation.parse(read(expected));
    const start = await server.api(`/api/flows/${flow}/runs`, { body: { input: read(sample) } });
    expect(start.status).toBe(202);
    const run = await server.waitForRun(start.body.id);
    expect(run.error).toBeNull();
    expect(run.status).toBe(want.status);
    expect(run.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual(want.path);
    for (const [nodeId, output] of Object.entries(want.steps)) {
      expect(run.steps.find((s: { nodeId: string }) => s.nodeId === nodeId)?.output, nodeId).toMatchObject(output as object);
    }
  });
});

it('does not post a payroll that does not balance, and lists every problem', async () => {
  const payroll = z.object({ lines: z.array(z.record(z.string(), z.unknown())) }).passthrough().parse(read('samples/payroll.json'));
  const lines = payroll.lines.map((line, i) => (i === 1 ? { ...line, credit: 41000 } : line));
  const start = await server.api('/api/flows/payroll-journal-entry/runs', { body: { input: { ...payroll, period: '2026-10', lines: [...lines, { label: 'Bonus', account: '999999', costCentre: 'OFF', debit: 0, credit: 0 }] } } });
  const run = await server.waitForRun(start.body.id);
  expect(run.status).toBe('failed');
  expect(run.error.nodeId).toBe('balanced');
  expect(run.error.message).toContain('debits must equal credits');
  expect(run.error.message).toContain('every cost centre must balance');
  expect(run.error.message).toContain('every account code must exist in Odoo');
  expect(server.sandbox?.records('account.move').some((m) => m.ref === 'PAY-2026-10')).toBe(false);
});

it('upserts a known supplier instead of creating a second partner', async () => {
  const supplier = z.record(z.string(), z.unknown()).parse(read('samples/supplier.json'));
  const start = await server.api('/api/flows/supplier-sync/runs', { body: { input: { ...supplier, email: 'new-ap@nordic-office.example' } } });
  const run = await server.waitForRun(start.body.id);
  expect(run.steps.at(-1).output).toMatchObject({ created: false });
  const partners = server.sandbox?.records('res.partner').filter((p) => p.vat === supplier.vat) ?? [];
  expect(partners).toHaveLength(1);
  expect(partners[0]?.email).toBe('new-ap@nordic-office.example');
});

it('raises an exception to operators for a payment that matches no bill', async () => {
  const start = await server.api('/api/flows/payment-status/runs', { body: { input: { reference: 'NO-SUCH-BILL', amount: 1, date: '2026-11-25' } } });
  const run = await server.waitForRun(start.body.id);
  expect(run.status).toBe('succeeded');
  expect(run.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual(['in', 'find', 'match', 'exception']);
  expect(run.steps.at(-1).output).toMatchObject({ channel: 'email', to: ['finance-ops@example.com'] });
});
