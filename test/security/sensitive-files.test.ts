/**
 * After a full run of the expense flow against an Odoo connection made through
 * the API, neither the connection's API key nor the admin password appears in
 * clear text in any file under the data dir, in the server's logs, or in any
 * API answer. The flow's `settings.mask` and the default sensitive names are
 * masked in the stored step data.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeOdoo, type FakeOdoo } from '@ledgerflow/odoo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildServer, waitForRun, ROOT, type ChildServer } from '../support/server';

const apiKey = `odoo-key-${randomUUID()}`;
const adminPassword = `admin-pw-${randomUUID()}`;
let odoo: FakeOdoo;
let server: ChildServer;
let token: string;
const answers: string[] = [];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function api(path: string, init: { method?: string; body?: unknown } = {}) {
  const answer = await server.api(path, { ...init, token });
  answers.push(JSON.stringify(answer.body));
  return answer;
}

beforeAll(async () => {
  odoo = await startFakeOdoo({ port: 0, version: 17, apiKey });
  server = await startChildServer({ env: { LEDGERFLOW_ADMIN_PASSWORD: adminPassword, LOG_LEVEL: 'debug' } });
  token = await server.login('admin', adminPassword);
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await odoo?.close();
});

describe('secrets at rest and in answers', () => {
  let run: any;

  it('runs the expense flow through the API with a connection created by POST /api/connections', async () => {
    const created = await api('/api/connections', { body: { name: 'odoo-books', type: 'odoo', url: odoo.url, database: odoo.database, login: odoo.login, apiKey, protocol: 'jsonrpc' } });
    expect(created.status).toBeLessThan(300);
    const flow = JSON.parse(readFileSync(join(ROOT, 'flows/expense-to-vendor-bill.json'), 'utf8'));
    flow.id = 'expense-secrets';
    flow.settings.mask = ['employee.iban', '**.secret_note'];
    flow.nodes.find((n: { id: string }) => n.id === 'in').config.path = 'expenses-secrets';
    flow.nodes.find((n: { id: string }) => n.id === 'post').config.connection = 'odoo-books';
    expect((await api('/api/flows', { body: flow })).status).toBe(201);
    expect((await api('/api/flows/expense-secrets/publish', { body: {} })).status).toBe(200);
    const input = { ...JSON.parse(readFileSync(join(ROOT, 'flows/samples/expense.json'), 'utf8')), number: 'EXP-SECRET-1', meta: { secret_note: 'do-not-store-me', password: 'hunter2-in-payload' } };
    const started = await api('/api/flows/expense-secrets/runs', { body: { input } });
    expect(started.status).toBe(202);
    run = await waitForRun(server, token, started.body.id);
    expect(run.status).toBe('succeeded');
    expect(odoo.records('account.move').some((m) => m.ref === 'EXP-SECRET-1')).toBe(true);
  }, 30_000);

  it('masks flow rules and default sensitive names in the stored step input and output', async () => {
    const detail = await api(`/api/runs/${run.id}`);
    const trigger = detail.body.steps.find((s: { nodeId: string }) => s.nodeId === 'in');
    for (const side of [trigger.input, trigger.output]) {
      expect(side.employee.iban).toBe('***');
      expect(side.employee.name).toBe('Marc Demo');
      expect(side.meta).toEqual({ secret_note: '***', password: '***' });
    }
    const stored = await api(`/api/runs/${run.id}`);
    for (const step of stored.body.steps) expect(JSON.stringify([step.input, step.output, step.attempts]), step.nodeId).not.toMatch(/do-not-store-me|hunter2|BE71096123456769/);
  });

  it('never shows the API key or the admin password: not in answers, files, logs or the outbox', async () => {
    await api('/api/connections');
    await api(`/api/runs/${run.id}`);
    await api('/api/runs');
    await api('/api/audit');
    await api('/api/users');
    await api('/api/tokens');
    await api('/api/flows/expense-secrets');
    const files = filesUnder(server.dataDir);
    expect(files.some((f) => f.endsWith('.db'))).toBe(true);
    expect(files.some((f) => f.includes('outbox'))).toBe(true);
    for (const secret of [apiKey, adminPassword]) {
      for (const answer of answers) expect(answer).not.toContain(secret);
      for (const file of files) expect(readFileSync(file).includes(secret), file).toBe(false);
      expect(server.output()).not.toContain(secret);
    }
    expect(server.output().length).toBeGreaterThan(0);
  });
});
