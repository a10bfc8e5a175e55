import { createOdooClient, startFakeOdoo, type FakeOdoo, type OdooClient } from '@ledgerflow/odoo';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fakeContext } from '../shared/fake-context';
import { postToOdoo } from './run';
import { postToOdooSpec } from './schema';

let fake: FakeOdoo;
let client: OdooClient;

beforeAll(async () => {
  fake = await startFakeOdoo({ port: 0, version: 17 });
  client = createOdooClient({ url: fake.url, database: fake.database, login: fake.login, apiKey: fake.apiKey });
});
afterAll(() => fake.close());

const ctx = (config: Record<string, unknown>, idempotencyKey = 'run-1:post:0') =>
  fakeContext(postToOdooSpec.configSchema.parse({ connection: 'odoo', model: 'account.move', ...config }), { idempotencyKey, services: { odoo: async () => client } });

const bill = { move_type: 'in_invoice', partner_id: 2, invoice_date: '2026-11-20', invoice_line_ids: [[0, 0, { name: 'Line', quantity: 1, price_unit: 50 }]] };

it('creates and posts a bill once per business key, even when run again', async () => {
  const config = { operation: 'create', key: { field: 'ref', value: 'ref' }, then: ['action_post'] };
  const first = await postToOdoo.run(ctx(config), { ...bill, ref: 'UNIT-1' });
  const again = await postToOdoo.run(ctx(config), { ...bill, ref: 'UNIT-1' });
  expect(first).toMatchObject({ port: 'out', data: { model: 'account.move', created: true, key: 'UNIT-1' } });
  expect(again).toMatchObject({ data: { created: false } });
  const moves = fake.records('account.move').filter((m) => m.ref === 'UNIT-1');
  expect(moves).toHaveLength(1);
  expect(moves[0]?.state).toBe('posted');
});

it('falls back to the run and node as key when the data has none', async () => {
  const values = { ...bill };
  await postToOdoo.run(ctx({ operation: 'create' }, 'root-9:post:0'), values);
  await postToOdoo.run(ctx({ operation: 'create' }, 'root-9:post:0'), values);
  expect(fake.records('account.move').filter((m) => m.ref === 'lf:root-9:post:0')).toHaveLength(1);
});

it('reads with search_read and a JSONata domain', async () => {
  const result = await postToOdoo.run(ctx({ model: 'res.partner', operation: 'search_read', domain: "[['ref', '=', ref]]", fields: ['name'] }), { ref: 'AZURE' });
  expect(result).toMatchObject({ data: { count: 1, records: [{ name: 'Azure Interior' }] } });
});

it("keeps Odoo's error as a permanent failure", async () => {
  await expect(postToOdoo.run(ctx({ model: 'res.partner', operation: 'create', key: { field: 'ref', value: 'ref' } }), { ref: 'NONAME' })).rejects.toMatchObject({
    retryable: false,
    details: { odooName: 'odoo.exceptions.ValidationError' },
  });
});

it('refuses a config that cannot work, naming the field', () => {
  const parsed = postToOdooSpec.configSchema.safeParse({ connection: 'odoo', model: 'account.move', operation: 'call' });
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['method', 'ids']));
});
