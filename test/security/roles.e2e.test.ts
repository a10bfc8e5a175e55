/**
 * In the browser: an admin manages users on the Users page; a scheduler sees
 * Schedules but not Users, and the server refuses their flow save with 403.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startHarness, type Harness } from '../e2e/harness';

let h: Harness;
let adminToken: string;

async function api(path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${h.server.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  h = await startHarness();
  const login = await fetch(`${h.server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
  adminToken = (await login.json()).token;
  expect((await api('/api/users', { body: { username: 'sched', password: 'scheduler-password-1', roles: ['scheduler'] } })).status).toBe(201);
}, 90_000);
afterAll(async () => h?.close());

describe('roles in the editor', () => {
  it('an admin creates a user with roles and disables one on the Users page', async () => {
    await h.login('/users');
    const page = h.page;
    await page.getByRole('link', { name: 'Users' }).waitFor();
    await page.getByTestId('user-sched').waitFor();
    await page.getByTestId('new-user').click();
    const form = page.getByRole('form', { name: 'New user' });
    await form.getByLabel('Username').fill('olga');
    await form.getByLabel('Password (at least 10 characters)').fill('operator-password-1');
    await form.getByRole('group', { name: 'Roles of the new user' }).getByLabel('operator').check();
    await form.getByRole('button', { name: 'Create user' }).click();
    await page.getByTestId('user-olga').waitFor();
    await page.getByTestId('user-sched').getByRole('button', { name: 'Disable' }).click();
    await page.getByTestId('user-sched').getByText('disabled').waitFor();
    await h.screenshot('security-users');

    const users = (await api('/api/users')).body.items;
    expect(users.find((u: { username: string }) => u.username === 'olga')).toMatchObject({ roles: ['viewer', 'operator'], mustChangePassword: true, disabled: false });
    expect(users.find((u: { username: string }) => u.username === 'sched')).toMatchObject({ disabled: true });
    expect((await api('/api/users/sched', { method: 'PUT', body: { disabled: false } })).status).toBe(200);
  }, 60_000);

  it('a scheduler sees Schedules but not Users, and cannot save a flow', async () => {
    const context = await h.browser.newContext({ baseURL: h.server.url, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto('/login?next=%2F');
      await page.getByLabel('User name').fill('sched');
      await page.getByLabel('Password').fill('scheduler-password-1');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Schedules' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Users' }).count()).toBe(0);

      await page.goto('/flows/expense-to-vendor-bill');
      const answer = await page.evaluate(async () => {
        const csrf = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('lf_csrf='))?.slice('lf_csrf='.length) ?? '';
        const current = await (await fetch('/api/flows/expense-to-vendor-bill')).json();
        const put = await fetch('/api/flows/expense-to-vendor-bill', { method: 'PUT', headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) }, body: JSON.stringify({ ...current.document, name: 'changed by a scheduler' }) });
        const users = await fetch('/api/users');
        return { put: put.status, code: (await put.json()).error?.code, users: users.status };
      });
      expect(answer).toEqual({ put: 403, code: 'forbidden', users: 403 });
      expect((await api('/api/flows/expense-to-vendor-bill')).body.document.name).not.toBe('changed by a scheduler');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('a user with a one-time password must change it before anything else', async () => {
    const context = await h.browser.newContext({ baseURL: h.server.url, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto('/login?next=%2Fruns');
      await page.getByLabel('User name').fill('olga');
      await page.getByLabel('Password').fill('operator-password-1');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const form = page.getByRole('form', { name: 'Change password' });
      await form.waitFor();
      await page.getByText('You signed in with a one-time password').waitFor();
      await form.getByLabel('Current password').fill('operator-password-1');
      await form.getByLabel('New password (at least 10 characters)').fill('olga-own-password-1');
      await form.getByLabel('New password again').fill('olga-own-password-1');
      await form.getByRole('button', { name: 'Change password' }).click();
      await page.getByRole('heading', { name: 'Runs' }).waitFor();
      expect((await api('/api/users')).body.items.find((u: { username: string }) => u.username === 'olga').mustChangePassword).toBe(false);
    } finally {
      await context.close();
    }
  }, 60_000);
});
