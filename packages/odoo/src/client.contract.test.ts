import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOdooClient } from './client';
import { expectOdooError } from './contract/expect-odoo-error';
import { PROTOCOL_TARGETS, clientOf, configOf } from './contract/fake-target';
import { defineReadOnlyContract } from './contract/read-only-contract';
import { startFakeOdoo, type FakeOdoo } from './fake/start-fake-odoo';
import { createResolver } from './resolver';
import type { OdooClient } from './types';
import { x2many } from './x2many';

describe.each(PROTOCOL_TARGETS)('Odoo client over $protocol (fake Odoo $version)', ({ protocol, version }) => {
  let fake: FakeOdoo;
  let client: OdooClient;

  beforeAll(async () => {
    fake = await startFakeOdoo({ version });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    client = clientOf(fake);
  });

  defineReadOnlyContract(() => ({ config: configOf(fake), client, makeClient: (config) => createOdooClient(config), strict: true }));

  const bill = (ref: string) => ({
    move_type: 'in_invoice',
    partner_id: 2,
    invoice_date: '2024-01-31',
    ref,
    invoice_line_ids: [x2many.create({ name: 'Desk', quantity: 2, price_unit: 50, tax_ids: [x2many.set([1])] })],
  });
  const modelCalls = (method: string) => fake.callLog.filter((entry) => entry.method === method);

  it(`detects ${protocol} from the server version`, async () => {
    expect(await client.version()).toEqual({ serverVersion: `${version}.0`, major: version, protocol });
  });

  it('creates one record or many, in chunks', async () => {
    const [single] = await client.create('res.partner', { name: 'Solo' });
    expect(fake.records('res.partner').find((row) => row.id === single)?.name).toBe('Solo');
    fake.callLog.length = 0;
    const ids = await client.create('res.partner', ['A', 'B', 'C', 'D', 'E'].map((name) => ({ name })), { chunkSize: 2 });
    expect(ids).toHaveLength(5);
    expect(modelCalls('create')).toHaveLength(3);
    const names = (await client.read('res.partner', ids, ['name'])).map((row) => row.name);
    expect(names).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('sends the context with the call', async () => {
    await client.create('res.partner', { name: 'Ctx' }, { context: { lang: 'fr_FR' } });
    expect(modelCalls('create')[0]?.kwargs.context).toEqual({ lang: 'fr_FR' });
  });

  it('writes and bumps write_date for polling', async () => {
    const [id = 0] = await client.create('res.partner', { name: 'Before' });
    expect(await client.write('res.partner', [id], { name: 'After', ref: 'R1' })).toBe(true);
    const [row] = await client.read('res.partner', [id], ['name', 'ref', 'write_date', 'create_date']);
    expect(row).toMatchObject({ name: 'After', ref: 'R1' });
    expect(row?.write_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('search_reads with domain operators, order, limit and offset', async () => {
    const companies = await client.searchRead('res.partner', ['|', ['vat', 'ilike', 'be0'], ['ref', '=', 'GEMINI']], { fields: ['name'], order: 'name desc' });
    expect(companies.map((row) => row.name)).toEqual(['Gemini Furniture', 'Deco Addict', 'Azure Interior']);
    const page = await client.searchRead('res.partner', [['is_company', '=', true]], { fields: ['name'], order: 'id asc', limit: 2, offset: 1 });
    expect(page.map((row) => row.id)).toEqual([2, 4]);
    expect(await client.searchCount('res.partner', [['parent_id', 'child_of', 2]])).toBe(2);
  });

  it('reads many2one as [id, name] and x2many as ids', async () => {
    const [id = 0] = await client.create('account.move', bill('READ-1'));
    const [move] = await client.read('account.move', [id], ['partner_id', 'invoice_line_ids', 'amount_untaxed', 'amount_total', 'name', 'state']);
    expect(move).toMatchObject({ partner_id: [2, 'Azure Interior'], amount_untaxed: 100, amount_total: 115, name: 'BILL/2024/01/0001', state: 'draft' });
    expect(move?.invoice_line_ids).toHaveLength(1);
  });

  it('describes fields with fields_get', async () => {
    const fields = await client.fieldsGet('account.move');
    expect(fields.partner_id).toEqual({ type: 'many2one', string: 'Partner', required: false, readonly: false, relation: 'res.partner' });
    expect(fields.state?.selection).toEqual([['draft', 'Draft'], ['posted', 'Posted'], ['cancel', 'Cancelled']]);
  });

  it('calls record methods: action_post returns false, None becomes null', async () => {
    const [id = 0] = await client.create('account.move', bill('POST-1'));
    expect(await client.callMethod('account.move', 'action_post', [id])).toBe(false);
    expect(fake.records('account.move')[0]?.state).toBe('posted');
    expect(await client.callMethod('account.move', 'button_draft', [id])).toBeNull();
  });

  it('passes raw calls through execute', async () => {
    const rows = await client.execute('res.partner', 'search_read', [[['ref', '=', 'AZURE']], ['name']]);
    expect(rows).toEqual([{ id: 2, name: 'Azure Interior' }]);
    expect(await client.execute('account.move', 'search_count', [[]])).toBe(0);
  });

  it('refuses positional args JSON-2 cannot name (json2) or lets Odoo refuse them (jsonrpc)', async () => {
    const error = await expectOdooError(client.execute('res.partner', 'custom_method', [1, 'two']));
    expect(error.retryable).toBe(false);
    expect(error.odooName).toBe(protocol === 'json2' ? 'ledgerflow.UnsupportedCall' : 'builtins.AttributeError');
  });

  describe('errors', () => {
    it('a missing required name is a permanent ValidationError with Odoo\'s message', async () => {
      const error = await expectOdooError(client.create('res.partner', { email: 'nobody@example.com' }));
      expect(error).toMatchObject({ odooName: 'odoo.exceptions.ValidationError', retryable: false, code: 'odoo_error', model: 'res.partner', method: 'create' });
      expect(error.odooMessage).toBe('The operation cannot be completed: Contacts require a name');
      expect(error.message).toBe('Odoo refused res.partner.create: The operation cannot be completed: Contacts require a name');
      expect(error.details).toMatchObject({ odooName: 'odoo.exceptions.ValidationError', model: 'res.partner', method: 'create' });
      expect(error.httpStatus).toBe(protocol === 'json2' ? 422 : undefined);
    });

    it('an unknown field in values is a permanent ValueError', async () => {
      const error = await expectOdooError(client.create('res.partner', { name: 'X', no_such_field: 1 }));
      expect(error).toMatchObject({ odooName: 'builtins.ValueError', odooMessage: "Invalid field 'no_such_field' on model 'res.partner'", retryable: false });
    });

    it('writing a deleted record is a permanent MissingError', async () => {
      const error = await expectOdooError(client.write('res.partner', [99999999], { name: 'x' }));
      expect(error).toMatchObject({ odooName: 'odoo.exceptions.MissingError', retryable: false });
      expect(error.odooMessage).toBe('Record does not exist or has been deleted.\n(Record: res.partner(99999999,), User: 2)');
    });

    it('posting twice, posting an empty bill and an unbalanced entry are permanent UserErrors', async () => {
      const [id = 0] = await client.create('account.move', bill('TWICE'));
      await client.callMethod('account.move', 'action_post', [id]);
      const twice = await expectOdooError(client.callMethod('account.move', 'action_post', [id]));
      expect(twice).toMatchObject({ odooName: 'odoo.exceptions.UserError', odooMessage: `The entry BILL/2024/01/0001 (id ${id}) is already posted.`, retryable: false });
      const [empty = 0] = await client.create('account.move', { move_type: 'in_invoice', partner_id: 2, invoice_date: '2024-01-31' });
      const emptyError = await expectOdooError(client.callMethod('account.move', 'action_post', [empty]));
      expect(emptyError.odooMessage).toBe('You need to add a line before posting.');
      const [entry = 0] = await client.create('account.move', {
        move_type: 'entry',
        date: '2024-02-10',
        line_ids: [x2many.create({ account_id: 6, debit: 100 }), x2many.create({ account_id: 2, credit: 90 })],
      });
      const unbalanced = await expectOdooError(client.callMethod('account.move', 'action_post', [entry]));
      expect(unbalanced.odooMessage).toMatch(/^The move \(MISC\/2024\/02\/0001\) is not balanced\.\nThe total of debits equals 100\.00 and the total of credits equals 90\.00\./);
    });

    it('an unknown database is permanent', async () => {
      const error = await expectOdooError(clientOf(fake, { database: 'nosuchdb' }).searchCount('res.partner', []));
      expect(error.odooName).toBe('psycopg2.OperationalError');
      expect(error.odooMessage).toContain('database "nosuchdb" does not exist');
      expect(error.retryable).toBe(false);
    });
  });

  describe('upsert', () => {
    it('creates with the key field, then updates the same record', async () => {
      const first = await client.upsert('res.partner', { key: { field: 'ref', value: 'SUP-9' }, values: { name: 'Supplier 9' } });
      expect(first.created).toBe(true);
      const second = await client.upsert('res.partner', { key: { field: 'ref', value: 'SUP-9' }, values: { name: 'Supplier Nine' } });
      expect(second).toEqual({ id: first.id, created: false });
      expect(fake.records('res.partner').filter((row) => row.ref === 'SUP-9').map((row) => row.name)).toEqual(['Supplier Nine']);
    });

    it('posts a bill once, however often it is replayed', async () => {
      const input = { key: { field: 'ref', value: 'BILL-42' }, values: bill('BILL-42'), then: ['action_post'] };
      const first = await client.upsert('account.move', input);
      const second = await client.upsert('account.move', input);
      expect(second).toEqual({ id: first.id, created: false });
      expect(modelCalls('action_post')).toHaveLength(1);
      expect(modelCalls('write')).toHaveLength(0); // a posted move is not written again
      const moves = fake.records('account.move').filter((row) => row.ref === 'BILL-42');
      expect(moves.map((row) => row.state)).toEqual(['posted']);
    });

    it('replaces the lines of a draft instead of appending them on replay', async () => {
      const input = { key: { field: 'ref', value: 'DRAFT-1' }, values: bill('DRAFT-1') };
      const { id } = await client.upsert('account.move', input);
      await client.upsert('account.move', input);
      expect(fake.records('account.move.line').filter((line) => line.move_id === id)).toHaveLength(1);
    });

    it('finds and updates by external id', async () => {
      const first = await client.upsert('res.partner', { key: { xmlid: 'ledgerflow_partner_7' }, values: { name: 'Seven' } });
      const second = await client.upsert('res.partner', { key: { xmlid: 'ledgerflow_partner_7' }, values: { name: 'Seven bis' } });
      expect(first.created).toBe(true);
      expect(second).toEqual({ id: first.id, created: false });
      const data = fake.records('ir.model.data').filter((row) => row.name === 'ledgerflow_partner_7');
      expect(data).toMatchObject([{ module: '__import__', model: 'res.partner', res_id: first.id }]);
    });

    it('refuses an external id that names a record of another model', async () => {
      const error = await expectOdooError(client.upsert('res.partner', { key: { xmlid: 'base.main_company' }, values: { name: 'x' } }));
      expect(error.retryable).toBe(false);
      expect(error.odooMessage).toContain('res.company');
    });
  });

  describe('resolver', () => {
    it('resolves partners, accounts, taxes and journals once per value', async () => {
      const resolver = createResolver(client);
      fake.callLog.length = 0;
      expect(await resolver.partnerByVat('BE0477472701')).toBe(2);
      expect(await resolver.partnerByVat('BE0477472701')).toBe(2);
      expect(modelCalls('search_read')).toHaveLength(1);
      expect(await resolver.partnerByRef('DECO')).toBe(4);
      expect(await resolver.accountByCode('600000')).toBe(6);
      expect(await resolver.taxByName('15%')).toBe(1);
      expect(await resolver.journalByCode('BILL')).toBe(1);
      expect(await resolver.resolve('res.currency', [['name', '=', 'USD']])).toBe(2);
    });

    it('reports a missing account as a permanent error naming model and value', async () => {
      const error = await expectOdooError(createResolver(client).accountByCode('999999'));
      expect(error.message).toBe('No account.account found with code = "999999"');
      expect(error.retryable).toBe(false);
    });
  });
});

describe('protocol choice', () => {
  it('uses JSON-RPC on 19 when asked to', async () => {
    const fake = await startFakeOdoo({ version: 19 });
    try {
      const client = clientOf(fake, { protocol: 'jsonrpc' });
      expect((await client.version()).protocol).toBe('jsonrpc');
      expect(await client.searchCount('res.partner', [['ref', '=', 'AZURE']])).toBe(1);
      expect(fake.callLog.every((entry) => entry.protocol === 'jsonrpc')).toBe(true);
    } finally {
      await fake.close();
    }
  });

  it('falls back to common.version on 16 and never calls JSON-2 there', async () => {
    const fake = await startFakeOdoo({ version: 16 });
    try {
      const client = clientOf(fake);
      expect(await client.version()).toEqual({ serverVersion: '16.0', major: 16, protocol: 'jsonrpc' });
      const error = await expectOdooError(clientOf(fake, { protocol: 'json2' }).searchCount('res.partner', []));
      expect(error).toMatchObject({ httpStatus: 404, retryable: false });
    } finally {
      await fake.close();
    }
  });
});
