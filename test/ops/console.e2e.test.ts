import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FlowDocument } from '@ledgerflow/flow';
import { startFakeOdoo, type FakeOdoo } from '@ledgerflow/odoo';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, ROOT, startHarness, type Harness } from '../e2e/harness';

const SHOTS = join(ROOT, 'test-results/ops');
let h: Harness;
let odoo: FakeOdoo;
let token: string;

async function api(path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${h.server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

async function waitFor(id: string, statuses = ['succeeded', 'failed', 'cancelled']): Promise<any> {
  for (let i = 0; i < 200; i++) {
    const run = (await api(`/api/runs/${id}`)).body;
    if (statuses.includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${id} did not finish`);
}

/** Expense lines → vendor bill in Odoo; `extra` fields in the input go straight into the bill (a typo there makes Odoo refuse it). */
function billsFlow(id: string): FlowDocument {
  return {
    schema: 'ledgerflow/flow@1',
    id,
    name: id === 'ops-bills' ? 'Expense claims to vendor bills' : 'Card statements to Odoo',
    nodes: [
      { id: 'receive', type: 'trigger', config: { kind: 'manual' } },
      { id: 'shape', type: 'map', config: { expression: "{ 'ref': ref, 'partner': partner, 'amount': $sum(lines.amount), 'lines': lines, 'extra': extra }" } },
      {
        id: 'post',
        type: 'post-to-odoo',
        config: { connection: 'ops-odoo', model: 'account.move', operation: 'create', values: "$merge([{ 'move_type': 'in_invoice', 'partner_id': partner, 'ref': ref, 'invoice_line_ids': [[0, 0, { 'name': 'Expenses', 'quantity': 1, 'price_unit': amount }]] }, extra ? extra : {}])", key: { field: 'ref', value: 'ref' } },
        retry: { maxAttempts: 1 },
      },
    ],
    edges: [
      { from: 'receive', to: 'shape' },
      { from: 'shape', to: 'post' },
    ],
    settings: {
      businessKey: 'ref',
      totals: [
        { name: 'lines', node: 'receive', of: 'output', expression: '$count(lines)' },
        { name: 'amount', node: 'shape', of: 'output', expression: 'amount' },
      ],
    },
  };
}

const claim = (ref: string, amounts: number[], extra?: Record<string, unknown>) => ({ ref, partner: 2, lines: amounts.map((amount, i) => ({ amount, memo: `line ${i + 1}` })), ...(extra ? { extra } : {}) });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await startHarness({ viewport: { width: 1360, height: 900 } });
  odoo = await startFakeOdoo({ port: 0, version: 17 });
  token = (await api('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).body.token;
  expect((await api('/api/connections', { name: 'ops-odoo', type: 'odoo', url: odoo.url, database: odoo.database, login: odoo.login, apiKey: odoo.apiKey, protocol: 'jsonrpc' })).status).toBe(201);
  for (const flow of [billsFlow('ops-bills'), billsFlow('ops-cards')]) expect((await api('/api/flows', flow)).status).toBe(201);

  const started: string[] = [];
  for (let i = 1; i <= 6; i++) started.push((await api('/api/flows/ops-bills/runs', { input: claim(`EXP-2025-01${i}`, [120 * i, 35.5]) })).body.id);
  started.push((await api('/api/flows/ops-bills/runs', { input: claim('EXP-2025-042', [980, 15.25], { x_cost_centre: 'CC-7' }) })).body.id);
  for (const id of started) await waitFor(id);
  // Odoo down for a while: three card statements fail alike, a group for the failure queue.
  odoo.faults.down(true);
  for (let i = 1; i <= 3; i++) await waitFor((await api('/api/flows/ops-cards/runs', { input: claim(`CARD-77${i}`, [40 * i]) })).body.id);
  odoo.faults.down(false);
}, 120_000);

afterAll(async () => {
  await h?.close();
  await odoo?.close();
});

it('finds a failed run by its business key, reads Odoo’s message and replays from the failed node with edited input', async () => {
  const { page } = h;
  await h.login('/runs');
  await page.waitForURL('**/runs');
  await page.getByTestId('runs-table').locator('tbody tr[data-run-id]').first().waitFor();
  await page.locator('.ops-live.is-on').waitFor();

  // Live: a run started elsewhere shows up without a reload.
  const live = (await api('/api/flows/ops-bills/runs', { input: claim('EXP-2025-live', [12]) })).body.id;
  await page.locator(`tr[data-run-id="${live}"] [data-status="succeeded"]`).waitFor({ timeout: 10_000 });
  await page.screenshot({ path: join(SHOTS, 'runs-list.png') });

  await page.getByLabel('Business key or run id').fill('EXP-2025-042');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL('**/runs?q=EXP-2025-042');
  const rows = page.getByTestId('runs-table').locator('tbody tr[data-run-id]');
  await expect.poll(() => rows.count()).toBe(1);
  await expect.poll(() => rows.first().textContent()).toContain('failed');
  await rows.first().getByRole('link', { name: 'EXP-2025-042' }).click();

  await page.getByTestId('run-detail').waitFor();
  const odooMessage = page.getByTestId('odoo-message').first();
  await odooMessage.waitFor();
  expect(await odooMessage.textContent()).toContain('x_cost_centre');
  await page.getByTestId('run-canvas').locator('[data-node-status="failed"]').waitFor();
  await page.getByTestId('step-post').getByTestId('step-post-input').waitFor();
  await page.screenshot({ path: join(SHOTS, 'run-detail.png'), fullPage: true });

  await page.getByRole('button', { name: 'Replay from node…' }).click();
  const dialog = page.getByRole('dialog');
  expect(await dialog.getByLabel('Start at node').inputValue()).toBe('post');
  const editor = dialog.getByLabel('Replay input');
  const recorded = JSON.parse(await editor.inputValue());
  expect(recorded.extra).toEqual({ x_cost_centre: 'CC-7' });
  await editor.fill(JSON.stringify({ ...recorded, extra: null }, null, 2));
  await page.screenshot({ path: join(SHOTS, 'replay-dialog.png') });
  const original = new URL(page.url()).pathname;
  await dialog.getByRole('button', { name: 'Start replay' }).click();

  // The new run opens and turns green as the worker finishes it, with no reload.
  await page.waitForURL((url) => url.pathname.startsWith('/runs/') && url.pathname !== original);
  await page.locator('[data-testid="run-detail"][data-run-status="succeeded"]').waitFor({ timeout: 15_000 });
  expect(await page.locator('.ops-replay-link').textContent()).toContain('from post');
  expect(await page.getByTestId('run-totals').textContent()).toContain('995.25');
  expect(odoo.records('account.move').filter((m) => m.ref === 'EXP-2025-042')).toHaveLength(1);
});

it('bulk-replays a failure group and shows the progress reach 100%', async () => {
  const { page } = h;
  await page.goto('/failures');
  const group = page.locator('[data-testid="failure-group"][data-flow="ops-cards"]');
  await group.waitFor();
  expect(await group.locator('.ops-failure-count').textContent()).toBe('3');
  await page.screenshot({ path: join(SHOTS, 'failures.png') });
  await group.getByRole('button', { name: 'Replay 3 runs' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Replay all' }).click();
  const progress = page.locator('[data-testid="replay-progress"][data-done="true"]');
  await progress.waitFor({ timeout: 20_000 });
  expect(await progress.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
  expect(await progress.textContent()).toContain('3 succeeded');
  await page.screenshot({ path: join(SHOTS, 'failures-replayed.png') });
  expect(odoo.records('account.move').filter((m) => String(m.ref).startsWith('CARD-77'))).toHaveLength(3);
});

it('shows the dashboard with runs by status, flows and Odoo errors', async () => {
  const { page } = h;
  await page.goto('/dashboard');
  await page.getByTestId('runs-chart').waitFor();
  const flows = page.getByTestId('flow-stats');
  await flows.getByRole('link', { name: 'ops-cards' }).waitFor();
  expect(await page.getByTestId('odoo-errors').textContent()).toContain('ValueError');
  await page.screenshot({ path: join(SHOTS, 'dashboard.png'), fullPage: true });
  expect(h.consoleErrors.filter((e) => !e.includes('401'))).toEqual([]);
});
