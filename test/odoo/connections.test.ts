import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeOdoo, type FakeOdoo } from '@ledgerflow/odoo';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startInProcess, type InProcessServer } from '../support/in-process';

const API_KEY = 'odoo-key-7f3a9c1e5b2d4f60a8e1c3b5d7f9a2c4';
let server: InProcessServer;
let odoo: FakeOdoo;

beforeAll(async () => {
  server = await startInProcess();
  odoo = await startFakeOdoo({ port: 0, version: 19, apiKey: API_KEY });
});

afterAll(async () => {
  await server?.close();
  await odoo?.close();
});

it('tests a connection: server version and uid, or the refusal', async () => {
  const created = await server.api('/api/connections', { body: { name: 'odoo19', type: 'odoo', url: odoo.url, database: odoo.database, login: odoo.login, apiKey: API_KEY } });
  expect(created.status).toBe(201);
  const ok = await server.api('/api/connections/odoo19/test', { body: {} });
  expect(ok.body).toMatchObject({ ok: true, serverVersion: expect.stringMatching(/^19/), protocol: 'json2' });
  expect(ok.body.uid).toBeGreaterThan(0);

  await server.api('/api/connections', { body: { name: 'wrong-key', type: 'odoo', url: odoo.url, database: odoo.database, login: odoo.login, apiKey: 'not-the-key' } });
  const refused = await server.api('/api/connections/wrong-key/test', { body: {} });
  expect(refused.body.ok).toBe(false);
  expect(refused.body.error.message).toMatch(/Access Denied|Invalid apikey|Unauthorized/i);
});

it('never returns the API key and never stores it in clear text', async () => {
  const list = await server.api('/api/connections');
  expect(JSON.stringify(list.body)).not.toContain(API_KEY);
  expect(list.body.items.find((c: { name: string }) => c.name === 'odoo19')).toMatchObject({ url: odoo.url, login: odoo.login });
  const bad = await server.api('/api/connections', { body: { name: 'x', type: 'odoo', url: 'not a url', database: 'd', login: 'l', apiKey: 'k' } });
  expect(bad.status).toBe(400);
  expect(bad.body.error.issues[0].path).toBe('body.url');

  await server.close();
  const files = readdirSync(server.dataDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const bytes = readFileSync(join(file.parentPath, file.name));
    expect(bytes.includes(Buffer.from(API_KEY)), `${file.name} holds the API key`).toBe(false);
  }
});
