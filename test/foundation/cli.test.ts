import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ROOT } from '../support/server';

const run = promisify(execFile);
const BIN = join(ROOT, 'apps/server/bin/ledgerflow.mjs');

async function cli(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ODOO_URL: '' } });
    void input;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

it('validates the example flows', async () => {
  const result = await cli(['validate', join(ROOT, 'flows/expense-to-vendor-bill.json')]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('✓');
});

it('refuses a flow with an edge to a missing node, naming the edge and node, with exit code 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lf-cli-'));
  const file = join(dir, 'broken.json');
  writeFileSync(file, JSON.stringify({ schema: 'ledgerflow/flow@1', id: 'broken', name: 'Broken', nodes: [{ id: 'in', type: 'trigger', config: {} }], edges: [{ from: 'in', to: 'ghost' }] }));
  const result = await cli(['validate', file]);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain('edges.0.to');
  expect(result.stdout).toContain('"ghost"');
});

it('runs a flow in-process against a sandbox Odoo and prints JSON', async () => {
  const result = await cli(['run', join(ROOT, 'flows/expense-to-vendor-bill.json'), '--input', join(ROOT, 'flows/samples/expense.json'), '--json']);
  expect(result.code).toBe(0);
  const out = JSON.parse(result.stdout);
  expect(out.status).toBe('succeeded');
  expect(out.steps.find((s: { nodeId: string }) => s.nodeId === 'post').output).toMatchObject({ model: 'account.move', created: true, key: 'EXP-2026-0042' });
});

it('exits 1 when the run fails, listing every problem of a validate node with no invalid edge', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lf-cli-'));
  const flow = join(dir, 'strict.json');
  writeFileSync(flow, JSON.stringify({
    schema: 'ledgerflow/flow@1', id: 'strict', name: 'Strict',
    nodes: [
      { id: 'in', type: 'trigger', config: {} },
      { id: 'check', type: 'validate', config: { schema: { type: 'object', required: ['ref'] }, rules: [{ name: 'positive', assert: 'amount > 0', message: 'amount must be positive', path: 'amount' }] } },
    ],
    edges: [{ from: 'in', to: 'check', port: 'out' }],
  }));
  const input = join(dir, 'bad.json');
  writeFileSync(input, JSON.stringify({ amount: -5 }));
  const result = await cli(['run', flow, '--input', input]);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain('run failed');
  expect(result.stdout).toContain('ref');
  expect(result.stdout).toContain('amount must be positive');
});
