/**
 * Editing by keyboard in the flow editor: copy/paste, delete, undo/redo,
 * sticky notes, the help panel, and export/import of a flow file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dropNode, selectNode } from './canvas';
import { startHarness, type Harness } from './harness';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  await h.login('/flows/expense-to-vendor-bill');
  await page.getByTestId('node-bill').waitFor();
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const nodeCount = () => page.locator('.react-flow__node-flow').count();

describe('flow editor shortcuts', () => {
  it('copies, pastes, deletes, undoes and redoes', async () => {
    const before = await nodeCount();
    await selectNode(page, 'bill');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await page.getByTestId('node-bill-2').waitFor();
    expect(await nodeCount()).toBe(before + 1);

    await page.keyboard.press('Delete');
    await expect.poll(nodeCount).toBe(before);
    await page.keyboard.press('Control+z');
    await expect.poll(nodeCount).toBe(before + 1);
    await page.keyboard.press('Control+z');
    await expect.poll(nodeCount).toBe(before);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(nodeCount).toBe(before + 1);
    await page.getByTestId('undo').click();
    await expect.poll(nodeCount).toBe(before);

    // Deleting a node takes its edges along; undo brings both back.
    const edges = await page.locator('.react-flow__edge').count();
    await selectNode(page, 'check');
    await page.keyboard.press('Backspace');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(edges - 3);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(edges);
    expect(await page.getByTestId('save-status').textContent()).toMatch(/(Saved|Published) · v1/);
  }, 60_000);

  it('adds a sticky note, lists shortcuts and lays out', async () => {
    await page.keyboard.press('l');
    await page.waitForTimeout(300);
    await dropNode(page, 'note', 140, 60);
    const note = page.getByTestId('note-note');
    await note.waitFor();
    await note.locator('textarea').fill('Amounts above 1,000 wait for a manager.');
    await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
    await page.keyboard.press('?');
    await page.getByTestId('help-panel').waitFor();
    expect(await page.getByTestId('help-panel').textContent()).toContain('Undo');
    await page.waitForTimeout(300);
    await h.screenshot('20-note-help-layout');
    await page.getByTestId('save').click();
    await expect.poll(() => page.getByTestId('save-status').textContent()).toMatch(/Saved · v2/);
    expect(h.consoleErrors).toEqual([]);
  }, 60_000);

  it('exports the flow as JSON and imports a file into a new flow', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    const path = join(tmpdir(), `lf-export-${Date.now()}.json`);
    await download.saveAs(path);
    const exported = JSON.parse(readFileSync(path, 'utf8'));
    expect(exported).toMatchObject({ schema: 'ledgerflow/flow@1', id: 'expense-to-vendor-bill' });
    expect(exported.notes?.[0]?.text).toBe('Amounts above 1,000 wait for a manager.');
    for (const node of exported.nodes) expect(Object.keys(node).filter((k) => !['id', 'type', 'name', 'config', 'retry', 'ui'].includes(k))).toEqual([]);

    writeFileSync(path, JSON.stringify({ ...exported, id: 'imported-expenses', name: 'Imported expenses' }));
    await page.goto('/');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import JSON…' }).click()]);
    await chooser.setFiles(path);
    await page.waitForURL('**/flows/imported-expenses');
    await page.getByTestId('node-post').waitFor();
    expect(await page.getByTestId('save-status').textContent()).toMatch(/(Saved|Published) · v1/);
    expect(h.consoleErrors).toEqual([]);
  }, 60_000);
});
