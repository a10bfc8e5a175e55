/** The Schedules page in Chromium: change a schedule, see the new next runs, reload, still there. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startHarness, type Harness } from '../e2e/harness';
import { triggerFlow } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  const api = async (path: string, method: string, body: unknown, token?: string) => {
    const answer = await fetch(`${h.server.url}${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    return { status: answer.status, body: await answer.json() };
  };
  const token: string = (await api('/api/auth/login', 'POST', { username: 'admin', password: ADMIN_PASSWORD })).body.token;
  expect((await api('/api/flows', 'POST', { ...triggerFlow('nightly-sync', { kind: 'schedule', cron: '0 7 * * 1-5', timezone: 'Europe/Paris' }), name: 'Nightly bank sync' }, token)).status).toBe(201);
  expect((await api('/api/flows/nightly-sync/schedule', 'PUT', { cron: '0 7 * * 1-5', timezone: 'Europe/Paris' }, token)).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await h?.close();
});

it('changes a schedule with a live preview, and the change survives a reload', async () => {
  const { page } = h;
  await h.login('/schedules');
  const row = page.getByTestId('schedule-nightly-sync');
  await expect.poll(() => row.getByTestId('schedule-description').textContent()).toBe('At 07:00, Monday through Friday (Europe/Paris)');

  await row.getByTestId('schedule-edit').click();
  const editor = page.getByTestId('schedule-editor');
  const cron = editor.getByTestId('schedule-cron');
  await cron.fill('0 25 * * *');
  await expect.poll(() => editor.getByTestId('schedule-preview').textContent()).toContain("the hour field '25' must be between 0 and 23");
  expect(await editor.getByTestId('schedule-save').isDisabled()).toBe(true);

  await cron.fill('30 18 * * 5');
  await editor.getByTestId('schedule-timezone').selectOption('America/New_York');
  await expect.poll(() => editor.getByTestId('schedule-preview').textContent()).toContain('At 18:30, only on Friday (America/New_York)');
  expect(await editor.locator('li').count()).toBe(5);
  await h.screenshot('schedules-editor');
  await editor.getByTestId('schedule-save').click();

  const description = () => page.getByTestId('schedule-nightly-sync').getByTestId('schedule-description').textContent();
  await expect.poll(description).toBe('At 18:30, only on Friday (America/New_York)');
  const nextRuns = async () => (await page.getByTestId('schedule-nightly-sync').getByTestId('schedule-next-runs').textContent()) ?? '';
  expect(await nextRuns()).toMatch(/^(Fri, \d{1,2} \w{3} \d{4}, 18:30 \(-0[45]:00\)){3}$/);

  await page.reload();
  await expect.poll(description).toBe('At 18:30, only on Friday (America/New_York)');
  expect(await nextRuns()).toMatch(/Fri, .*18:30 \(-0[45]:00\)/);

  // Pausing from the switch, and the page says so.
  await page.getByTestId('schedule-nightly-sync').getByTestId('schedule-active').click();
  await expect.poll(nextRuns).toBe('Paused');
  await page.reload();
  await expect.poll(nextRuns).toBe('Paused');
  expect(await page.getByTestId('schedule-nightly-sync').getByTestId('schedule-active').isChecked()).toBe(false);
  await h.screenshot('schedules-page');
  expect(h.consoleErrors.filter((e) => !/status of 400/.test(e))).toEqual([]);
}, 60_000);
