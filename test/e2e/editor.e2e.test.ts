/**
 * The flow editor in a real browser against the real server: build the
 * expense flow from an empty canvas, configure it, see a wrong connection
 * refused, save, run it with the sample, open a node's output, and restore
 * an earlier version. Screenshots of each stage go to test-results/e2e/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connect, dropNode, handle, selectNode } from './canvas';
import { ROOT, startHarness, type Harness } from './harness';

const sample = readFileSync(join(ROOT, 'flows/samples/expense.json'), 'utf8');
const MAPPING = `{
  'total': $sum(lines.amount),
  'currency': currency,
  'employee': employee.name,
  'bill': {
    'move_type': 'in_invoice',
    'partner_id': vendor.partnerId,
    'ref': number,
    'invoice_date': date,
    'invoice_line_ids': [lines.[0, 0, { 'name': description, 'quantity': 1, 'price_unit': amount }]]
  }
}`;

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
}, 120_000);

afterAll(async () => {
  await h?.close();
});

/** Fills a generated config field of the selected node. */
async function fill(nodeId: string, key: string, value: string): Promise<void> {
  await page.locator(`#cfg-${nodeId}-${key.replace(/\./g, '-')}`).fill(value);
}

async function toast(): Promise<string> {
  return (await page.getByTestId('toast').textContent()) ?? '';
}

/** Closes the message (if any) and lets animations end, for a calm screenshot. */
async function settle(): Promise<void> {
  const close = page.locator('.lf-toast-close');
  if (await close.count()) await close.click();
  await page.waitForTimeout(250);
}

describe('flow editor', () => {
  it('builds, checks, saves, runs and restores the expense flow', async () => {
    await page.goto('/flows/expense-to-vendor-bill');
    await page.waitForURL('**/login?next=*');
    await page.getByLabel('User name').waitFor();
    await h.screenshot('00-login');
    await h.login('/');
    await page.getByTestId('flow-list').waitFor();
    await h.screenshot('01-flow-list');

    // A new, empty flow.
    await page.getByTestId('new-flow').click();
    await page.locator('input[name=flow-name]').fill('Expenses to vendor bills (e2e)');
    await page.getByRole('button', { name: 'Create and open' }).click();
    await page.getByTestId('canvas-empty').waitFor();
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);
    await h.screenshot('02-empty-canvas');

    // Drag six nodes from the palette, two rows of three (icons-only palette: room to keep
    // handles away from the canvas edge, where React Flow pans while connecting).
    await page.getByTestId('palette-toggle').click();
    const grid: Array<[string, number, number]> = [
      ['trigger', 0, 0],
      ['map', 1, 0],
      ['validate', 2, 0],
      ['approve', 0, 1],
      ['post-to-odoo', 1, 1],
      ['notify', 2, 1],
    ];
    for (const [type, col, row] of grid) await dropNode(page, type, 40 + 100 + col * 270, 50 + 45 + row * 210);
    for (const id of ['trigger', 'map', 'validate', 'approve', 'post', 'notify']) await page.getByTestId(`node-${id}`).waitFor();
    await h.screenshot('03-nodes-dropped');

    // Connect them port to port.
    await connect(page, 'trigger', 'out', 'map');
    await connect(page, 'map', 'out', 'validate');
    await connect(page, 'validate', 'valid', 'approve');
    await connect(page, 'approve', 'approved', 'post');
    await connect(page, 'post', 'out', 'notify');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(5);

    // Wrong connections are refused, with the reason.
    await connect(page, 'validate', 'invalid', 'post');
    await expect.poll(toast).toMatch(/Cannot connect "validate" \(invalid\) to "post": the "invalid" port sends validation problems, not an Odoo record/);
    await page.waitForTimeout(250);
    await h.screenshot('04-wrong-connection-refused');
    await connect(page, 'notify', 'out', 'trigger');
    await expect.poll(toast).toMatch(/"trigger" is a trigger: it starts the flow and takes no input/);
    expect(await page.locator('.react-flow__edge').count()).toBe(5);

    // Problems are listed while drawing; Publish says why it is disabled.
    await expect.poll(() => page.getByTestId('node-notify').locator('.lf-node-badge').textContent()).toBe('1');
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);
    expect(await page.getByTestId('publish-reason').textContent()).toMatch(/Fix 1 problem before publishing/);

    // Configure: the trigger with its sample input.
    await selectNode(page, 'trigger');
    await page.getByTestId('node-name').fill('Expense received');
    await page.locator('#cfg-trigger-kind').selectOption('webhook');
    await fill('trigger', 'path', 'expenses-e2e');
    await fill('trigger', 'sample', sample);

    // The mapping: a syntax error shows inline, then the live preview on the sample.
    await selectNode(page, 'map');
    await page.getByTestId('node-name').fill('Expense → vendor bill');
    await page.getByTestId('expr-cfg-map-expression').fill("{ 'total': $sum(lines.amount) ");
    await expect.poll(() => page.getByTestId('syntax-cfg-map-expression').textContent()).toMatch(/Line 1, column \d+: Expected "}"/);
    await page.getByTestId('expr-cfg-map-expression').fill(MAPPING);
    await expect.poll(() => page.getByTestId('preview-cfg-map-expression').textContent()).toMatch(/"total": 420/);
    expect(await page.getByTestId('fields-cfg-map-expression').textContent()).toContain('vendor.partnerId');
    await settle();
    await page.getByTestId('preview-cfg-map-expression').scrollIntoViewIfNeeded();
    await h.screenshot('05-mapping-preview');

    // Validate: one business rule.
    await selectNode(page, 'validate');
    await page.getByTestId('node-name').fill('Check the bill');
    await page.getByTestId('cfg-validate-rules-add').click();
    await page.locator('#cfg-validate-rules-0-name').fill('positive');
    await page.getByTestId('expr-cfg-validate-rules-0-assert').fill('total > 0');
    await page.locator('#cfg-validate-rules-0-message').fill('the expense total must be positive');
    await expect.poll(() => page.getByTestId('preview-cfg-validate-rules-0-assert').textContent()).toContain('true');

    // Approve above 1,000 only.
    await selectNode(page, 'approve');
    await page.getByTestId('node-name').fill('Approval over 1,000');
    await page.getByTestId('expr-cfg-approve-when').fill('total > 1000');
    await expect.poll(() => page.getByTestId('preview-cfg-approve-when').textContent()).toContain('false');

    // Post to Odoo: fields from fields_get, required ones checked against the mapping.
    await selectNode(page, 'post');
    await page.getByTestId('node-name').fill('Post the vendor bill');
    await page.getByTestId('odoo-fields').waitFor();
    await page.getByTestId('expr-cfg-post-values').fill("{ 'ref': bill.ref }");
    await expect.poll(() => page.getByTestId('odoo-fields').textContent()).toMatch(/refReferencecharmapped/);
    await page.getByTestId('expr-cfg-post-values').fill('bill');
    await page.locator('#cfg-post-key-field').fill('ref');
    await page.getByTestId('expr-cfg-post-key-value').fill('bill.ref');
    await page.locator('#cfg-post-then').fill('action_post');
    await expect.poll(() => page.getByTestId('odoo-fields').textContent()).toMatch(/✓ move_type/);
    expect(await page.getByTestId('odoo-fields').textContent()).toMatch(/partner_id/);
    await page.getByRole('button', { name: 'About partner_id' }).click();
    expect(await page.getByTestId('odoo-fields').textContent()).toMatch(/many2one → res\.partner: give the id/);
    await settle();
    await h.screenshot('06-post-to-odoo-fields');

    // Notify AP.
    await selectNode(page, 'notify');
    await page.getByTestId('node-name').fill('Tell AP');
    await fill('notify', 'to', 'ap@example.com');
    await fill('notify', 'subject', 'Vendor bill {{ key }} posted');

    // No problems left: tidy up, save, publish is possible.
    await expect.poll(() => page.getByTestId('issues').textContent()).toMatch(/No problems/);
    await page.getByTestId('auto-layout').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('save').click();
    await expect.poll(toast).toMatch(/Saved version 2/);
    await expect.poll(() => page.getByTestId('save-status').textContent()).toBe('Saved · v2');
    expect(await page.getByTestId('publish').isDisabled()).toBe(false);
    await page.getByTestId('publish').click();
    await expect.poll(toast).toMatch(/Published version 2/);
    await expect.poll(() => page.getByTestId('save-status').textContent()).toBe('Published · v2');
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);
    await settle();
    await h.screenshot('07-saved-and-published');

    // Test run with the sample: every node succeeds.
    await page.keyboard.press('f');
    await page.getByTestId('open-run').click();
    expect(JSON.parse(await page.getByTestId('run-input').inputValue())).toEqual(JSON.parse(sample));
    await page.getByTestId('run-start').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toBe('Succeeded');
    for (const id of ['trigger', 'map', 'validate', 'approve', 'post', 'notify']) {
      expect(await page.getByTestId(`node-${id}`).getAttribute('data-status')).toBe('succeeded');
      expect(await page.getByTestId(`node-run-${id}`).textContent()).toMatch(/Succeeded\s*1× · \d+ ms/);
    }
    await settle();
    await h.screenshot('08-run-succeeded');

    // A node's input and output.
    await selectNode(page, 'post');
    const output = JSON.parse((await page.getByTestId('step-output').textContent()) ?? '{}');
    expect(output).toMatchObject({ model: 'account.move', created: true, key: 'EXP-2026-0042' });
    expect(typeof output.id).toBe('number');
    await h.screenshot('09-node-output');

    // A run Odoo refuses: the failed node shows the error in Odoo's own words.
    const unknownVendor = { ...JSON.parse(sample), number: 'EXP-2026-0043', vendor: { partnerId: 99999, name: 'Nobody' } };
    await page.getByTestId('run-input').fill(JSON.stringify(unknownVendor, null, 2));
    await page.getByTestId('run-start').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toBe('Failed');
    expect(await page.getByTestId('node-post').getAttribute('data-status')).toBe('failed');
    await selectNode(page, 'post');
    expect(await page.getByTestId('step-post').getByTestId('odoo-message').textContent()).toMatch(/Odoo says \(ValidationError\).*account_move_partner_id_fkey/s);
    expect(await page.getByTestId('step-post').getByTestId('step-error').textContent()).toMatch(/permanent/);
    await settle();
    await page.getByTestId('step-post').scrollIntoViewIfNeeded();
    await h.screenshot('09b-node-failed-odoo-message');

    // A change makes version 3; the versions list shows a readable diff.
    await page.getByTestId('tab-inspect').click();
    await selectNode(page, 'notify');
    await fill('notify', 'subject', 'Bill {{ key }} is in Odoo');
    await page.getByTestId('save').click();
    await expect.poll(toast).toMatch(/Saved version 3/);
    expect(await page.getByTestId('published-version').textContent()).toBe('runs use v2');
    await page.getByTestId('open-versions').click();
    await page.getByTestId('version-3').locator('.lf-version-row').click();
    await expect.poll(() => page.getByTestId('version-diff').textContent()).toContain('Node "notify": changed config.subject from "Vendor bill {{ key }} posted" to "Bill {{ key }} is in Odoo"');
    expect(await page.getByTestId('version-3').textContent()).toContain('admin');
    await settle();
    await h.screenshot('10-version-diff');

    // Restore version 2: loaded and saved as version 4.
    await page.getByTestId('version-2').locator('.lf-version-row').click();
    await page.getByTestId('restore-2').click();
    await expect.poll(toast).toMatch(/Restored version 2 as version 4/);
    await expect.poll(() => page.getByTestId('version-4').count()).toBe(1);
    await selectNode(page, 'notify');
    await page.getByTestId('tab-inspect').click();
    expect(await page.locator('#cfg-notify-subject').inputValue()).toBe('Vendor bill {{ key }} posted');
    await settle();
    await h.screenshot('11-restored');

    expect(h.consoleErrors).toEqual([]);
  }, 240_000);

  it('shows problems on nodes and keeps Publish disabled for a draft', async () => {
    await page.goto('/flows/expense-to-vendor-bill');
    await page.getByTestId('node-bill').waitFor();
    await selectNode(page, 'bill');
    await page.getByTestId('expr-cfg-bill-expression').fill("{ 'total': ");
    await expect.poll(() => page.getByTestId('node-bill').locator('.lf-node-badge').textContent()).toBe('1');
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);
    expect(await page.getByTestId('save').textContent()).toBe('Save draft');
    await page.getByTestId('issues').getByRole('button').first().click();
    expect(await page.getByTestId('issues').textContent()).toMatch(/invalid JSONata/);
    await page.getByTestId('publish').hover({ force: true });
    await page.waitForTimeout(250);
    await h.screenshot('12-draft-with-problem');
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('issues').textContent()).toMatch(/No problems/);
    expect(await handle(page, 'in', 'in').getAttribute('class')).toContain('lf-handle-closed');
    expect(h.consoleErrors).toEqual([]);
  }, 120_000);
});
