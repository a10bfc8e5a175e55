import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { startChildServer, waitForRun, type ChildServer } from '../support/server';

// Screenshots to look at after a run (kept out of the repository).
const SHOTS = join(tmpdir(), 'ledgerflow-screenshots', 'approvals');

describe('the approvals inbox in a browser', () => {
  let server: ChildServer | undefined;
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an approver opens the inbox, approves with a comment and sees the run finish', async () => {
    server = await startChildServer();
    const admin = await server.login();
    await server.api('/api/users', { token: admin, body: { username: 'sam', password: 'sam-password-1', roles: ['operator'] } });
    await server.api('/api/users', { token: admin, body: { username: 'ann', password: 'ann-password-1', roles: ['approver'] } });
    const sam = await server.login('sam', 'sam-password-1');
    const input = { number: 'EXP-UI-1', date: '2026-11-20', currency: 'EUR', employee: { id: 'E-7', name: 'Marc Demo' }, vendor: { partnerId: 2 }, lines: [{ description: 'Laptop', amount: 4200 }, { description: 'Dock', amount: 800 }] };
    const { body } = await server.api('/api/flows/expense-to-vendor-bill/runs', { token: sam, body: { input } });
    await waitForRun(server, admin, body.id, ['waiting']);

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/login?next=/approvals`);
    await page.fill('input[name=username]', 'ann');
    await page.fill('input[name=password]', 'ann-password-1');
    await page.click('button[type=submit]');
    await page.waitForURL('**/approvals');
    mkdirSync(SHOTS, { recursive: true });
    const row = page.getByTestId('approval-row');
    await row.waitFor({ timeout: 10_000 }).catch(async (error: unknown) => {
      await page.screenshot({ path: join(SHOTS, 'failure.png'), fullPage: true });
      throw error;
    });
    expect(await row.count()).toBe(1);
    const rowText = await row.innerText();
    expect(rowText).toContain('5,000.00');
    expect(rowText).toContain('Expense EXP-UI-1 of Marc Demo');
    await page.screenshot({ path: join(SHOTS, 'inbox.png'), fullPage: true });

    await row.click();
    await page.getByTestId('approval-detail').waitFor();
    await page.fill('textarea[name=comment]', 'Within the IT budget');
    await page.getByTestId('approve').click();
    await page.getByText('ann approved').waitFor();
    expect(await page.getByTestId('approval-status').innerText()).toBe('approved');
    expect(await page.getByTestId('decisions').first().innerText()).toContain('Within the IT budget');

    const run = await waitForRun(server, admin, body.id);
    expect(run.status).toBe('succeeded');
    await page.reload();
    await page.getByTestId('run-link').filter({ hasText: 'succeeded' }).waitFor();
    expect(await page.getByTestId('run-link').getAttribute('href')).toBe(`/runs/${body.id}`);
    await page.screenshot({ path: join(SHOTS, 'decided.png'), fullPage: true });
  }, 60_000);
});
