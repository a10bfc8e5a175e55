import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOdoo, type FakeOdoo } from './start-fake-odoo';

/** Raw JSON-RPC, to check envelopes byte for byte rather than through the client. */
async function rpc(fake: FakeOdoo, service: string, method: string, args: unknown[], id: unknown = 7): Promise<Record<string, unknown>> {
  const response = await fetch(`${fake.url}/jsonrpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id, params: { service, method, args } }),
  });
  expect(response.status).toBe(200);
  return response.json();
}

function executeKw(fake: FakeOdoo, model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}) {
  return rpc(fake, 'object', 'execute_kw', [fake.database, 2, fake.apiKey, model, method, args, kwargs]);
}

function json2(fake: FakeOdoo, model: string, method: string, body: unknown, key = fake.apiKey): Promise<Response> {
  return fetch(`${fake.url}/json/2/${model}/${method}`, {
    method: 'POST',
    headers: { Authorization: `bearer ${key}`, 'X-Odoo-Database': fake.database, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe.each([16, 17, 18] as const)('fake Odoo %i over /jsonrpc', (version) => {
  let fake: FakeOdoo;
  beforeAll(async () => {
    fake = await startFakeOdoo({ version, apiKey: 'k'.repeat(40) });
  });
  afterAll(() => fake.close());

  it('answers common.version like Odoo', async () => {
    expect(await rpc(fake, 'common', 'version', [], 'abc')).toEqual({
      jsonrpc: '2.0',
      id: 'abc',
      result: { server_version: `${version}.0`, server_version_info: [version, 0, 0, 'final', 0, ''], server_serie: `${version}.0`, protocol_version: 1 },
    });
  });

  it('answers bad credentials with result false, not an error', async () => {
    expect(await rpc(fake, 'common', 'authenticate', [fake.database, 'admin', 'wrong', {}])).toEqual({ jsonrpc: '2.0', id: 7, result: false });
    expect(await rpc(fake, 'common', 'login', [fake.database, 'admin', fake.apiKey])).toEqual({ jsonrpc: '2.0', id: 7, result: 2 });
  });

  it('sends errors at HTTP 200 with code 200 and the full data block', async () => {
    const answer = await rpc(fake, 'object', 'execute_kw', [fake.database, 2, 'wrong', 'res.partner', 'search', [[]], {}], null);
    expect(answer).toMatchObject({
      jsonrpc: '2.0',
      id: null,
      error: { code: 200, message: 'Odoo Server Error', data: { name: 'odoo.exceptions.AccessDenied', message: 'Access Denied', arguments: ['Access Denied'], context: {} } },
    });
    expect(JSON.stringify(answer)).toContain('Traceback (most recent call last)');
  });

  it('raises psycopg2.OperationalError for an unknown database', async () => {
    const answer = await rpc(fake, 'common', 'authenticate', ['nosuchdb', 'admin', fake.apiKey, {}]);
    expect(answer).toMatchObject({ error: { data: { name: 'psycopg2.OperationalError', message: expect.stringContaining('FATAL:  database "nosuchdb" does not exist') } } });
  });

  it('raises KeyError for an unknown service and Exception for an unknown common method', async () => {
    expect(await rpc(fake, 'nosuch', 'x', [])).toMatchObject({ error: { data: { name: 'builtins.KeyError', message: 'nosuch' } } });
    expect(await rpc(fake, 'common', 'nosuch', [])).toMatchObject({ error: { data: { name: 'builtins.Exception', message: 'Method not found: nosuch' } } });
  });

  it('returns an id for one dict and a list for a list', async () => {
    expect(await executeKw(fake, 'res.partner', 'create', [{ name: 'One' }])).toMatchObject({ result: expect.any(Number) });
    expect(await executeKw(fake, 'res.partner', 'create', [[{ name: 'Two' }, { name: 'Three' }]])).toMatchObject({ result: [expect.any(Number), expect.any(Number)] });
  });

  it('omits result when a method returns None', async () => {
    const created = await executeKw(fake, 'account.move', 'create', [{ move_type: 'entry' }]);
    const answer = await executeKw(fake, 'account.move', 'button_draft', [[created.result]]);
    expect(answer).toEqual({ jsonrpc: '2.0', id: 7 });
  });

  it('reads a missing id as [] and refuses a missing write with MissingError', async () => {
    expect(await executeKw(fake, 'res.partner', 'read', [[99999999]], { fields: ['name'] })).toMatchObject({ result: [] });
    expect(await executeKw(fake, 'res.partner', 'write', [[99999999], { name: 'x' }])).toMatchObject({
      error: { data: { name: 'odoo.exceptions.MissingError', message: 'Record does not exist or has been deleted.\n(Record: res.partner(99999999,), User: 2)' } },
    });
  });

  it('binds positional and keyword arguments like Python', async () => {
    expect(await executeKw(fake, 'res.partner', 'search', [[['ref', '=', 'AZURE']]], { limit: 1 })).toMatchObject({ result: [2] });
    expect(await executeKw(fake, 'res.partner', 'search', [[]], { bogus: 1 })).toMatchObject({
      error: { data: { name: 'builtins.TypeError', message: "search() got an unexpected keyword argument 'bogus'" } },
    });
    expect(await executeKw(fake, 'res.partner', 'search_count', [])).toMatchObject({ error: { data: { name: 'builtins.TypeError' } } });
  });

  it('supports the positional execute variant', async () => {
    const answer = await rpc(fake, 'object', 'execute', [fake.database, 2, fake.apiKey, 'res.partner', 'search_count', [['ref', '=', 'DECO']]]);
    expect(answer).toMatchObject({ result: 1 });
  });

  it('rolls a failed call back entirely', async () => {
    const before = fake.records('account.move').length;
    const answer = await executeKw(fake, 'account.move', 'create', [{ move_type: 'entry', line_ids: [[0, 0, { name: 'ok' }], [0, 0, { no_such_field: 1 }]] }]);
    expect(answer).toMatchObject({ error: { data: { name: 'builtins.ValueError', message: "Invalid field 'no_such_field' on model 'account.move.line'" } } });
    expect(fake.records('account.move')).toHaveLength(before);
  });

  it('loads rows by external id, updating on a second load, and reports errors as messages', async () => {
    const load = (rows: unknown[][]) => executeKw(fake, 'res.partner', 'load', [['id', 'name', 'ref', 'country_id'], rows]);
    const first = await load([['ledgerflow_partner_42', 'ACME', '42', 'Belgium']]);
    const second = await load([['ledgerflow_partner_42', 'ACME SA', '42', '']]);
    expect(first).toMatchObject({ result: { ids: [expect.any(Number)], messages: [], nextrow: 0 } });
    expect(second.result).toEqual(first.result);
    const failed = await load([['ledgerflow_partner_43', 'Nowhere Ltd', '43', 'Nowhereland']]);
    expect(failed).toMatchObject({
      result: { ids: false, messages: [{ type: 'error', message: "No matching record found for name 'Nowhereland' in field 'Country'", field: 'country_id', record: 0 }] },
    });
    expect(await executeKw(fake, 'ir.model.data', 'search_read', [[['name', '=', 'ledgerflow_partner_43']]])).toMatchObject({ result: [] });
    expect(await executeKw(fake, 'ir.model.data', 'check_object_reference', ['__import__', 'ledgerflow_partner_42'])).toMatchObject({ result: ['res.partner', expect.any(Number)] });
  });

  it('applies every x2many command on one2many and many2many fields', async () => {
    const move = await executeKw(fake, 'account.move', 'create', [{ move_type: 'in_invoice', partner_id: 2, invoice_line_ids: [[0, 0, { name: 'a', price_unit: 10 }], [0, 0, { name: 'b', price_unit: 20 }]] }]);
    const lineIds = () => fake.records('account.move.line').filter((line) => line.move_id === move.result).map((line) => line.id);
    const [a = 0, b = 0] = lineIds();
    await executeKw(fake, 'account.move', 'write', [[move.result], { invoice_line_ids: [[1, a, { price_unit: 15, tax_ids: [[6, 0, [1]]] }], [2, b, 0]] }]);
    expect(lineIds()).toEqual([a]);
    await executeKw(fake, 'account.move.line', 'write', [[a], { tax_ids: [[4, 2, 0]] }]);
    expect(fake.records('account.move.line').find((line) => line.id === a)?.tax_ids).toEqual([1, 2]);
    await executeKw(fake, 'account.move.line', 'write', [[a], { tax_ids: [[3, 1, 0]] }]);
    expect(fake.records('account.move.line').find((line) => line.id === a)?.tax_ids).toEqual([2]);
    await executeKw(fake, 'account.move.line', 'write', [[a], { tax_ids: [[5, 0, 0]] }]);
    expect(fake.records('account.move.line').find((line) => line.id === a)?.tax_ids).toEqual([]);
    const totals = await executeKw(fake, 'account.move', 'read', [[move.result], ['amount_untaxed', 'amount_total']]);
    expect(totals).toMatchObject({ result: [{ amount_untaxed: 15, amount_total: 15 }] });
    await executeKw(fake, 'account.move', 'write', [[move.result], { invoice_line_ids: [[5, 0, 0]] }]);
    expect(lineIds()).toEqual([]);
  });

  it('answers name_search with [id, display_name] pairs', async () => {
    const args = version >= 18 ? { domain: [['is_company', '=', true]] } : { args: [['is_company', '=', true]] };
    expect(await executeKw(fake, 'res.partner', 'name_search', ['azure'], args)).toMatchObject({ result: [[2, 'Azure Interior']] });
    expect(await executeKw(fake, 'res.partner', 'name_search', ['Brandon'])).toMatchObject({ result: [[3, 'Azure Interior, Brandon Freeman']] });
  });

  it('answers /json/2 with an HTML 404, as a real pre-19 server does', async () => {
    const response = await json2(fake, 'res.partner', 'search', {});
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('<title>404 Not Found</title>');
  });

  it(`runs the ${version} expense workflow with its own method names`, async () => {
    const expense = await executeKw(fake, 'hr.expense', 'create', [{ name: 'Taxi', employee_id: 1, [version === 16 ? 'total_amount' : 'total_amount_currency']: 30 }]);
    const sheet = await executeKw(fake, 'hr.expense.sheet', 'create', [{ name: 'March', employee_id: 1, expense_line_ids: [[6, 0, [expense.result]]] }]);
    expect(await executeKw(fake, 'hr.expense.sheet', 'action_submit_sheet', [[sheet.result]])).toEqual({ jsonrpc: '2.0', id: 7 });
    const approve = version === 16 ? 'approve_expense_sheets' : 'action_approve_expense_sheets';
    expect(await executeKw(fake, 'hr.expense.sheet', approve, [[sheet.result]])).toEqual({ jsonrpc: '2.0', id: 7 });
    const post = version >= 18 ? 'action_sheet_move_post' : 'action_sheet_move_create';
    expect(await executeKw(fake, 'hr.expense.sheet', post, [[sheet.result]])).toMatchObject({ result: expect.stringMatching(/^account\.move\(\d+,\)$/) });
    expect(fake.records('hr.expense.sheet').at(-1)?.state).toBe('post');
  });
});

describe('fake Odoo 19', () => {
  let fake: FakeOdoo;
  beforeAll(async () => {
    fake = await startFakeOdoo({ version: 19 });
  });
  afterAll(() => fake.close());

  it('serves /web/version and /json/version', async () => {
    for (const path of ['/web/version', '/json/version']) {
      expect(await (await fetch(`${fake.url}${path}`)).json()).toEqual({ version_info: [19, 0, 0, 'final', 0, ''], version: '19.0' });
    }
  });

  it('uses error code 0 on /jsonrpc', async () => {
    const answer = await rpc(fake, 'object', 'execute_kw', [fake.database, 2, fake.apiKey, 'no.such.model', 'search', [[]], {}]);
    expect(answer).toMatchObject({ error: { code: 0, data: { name: 'odoo.exceptions.UserError', message: "Object no.such.model doesn't exist" } } });
  });

  it('answers 401 with WWW-Authenticate for a bad key', async () => {
    const response = await json2(fake, 'res.partner', 'search', { domain: [] }, 'wrong');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('bearer');
    expect(await response.json()).toMatchObject({ name: 'werkzeug.exceptions.Unauthorized', message: 'Invalid apikey', arguments: ['Invalid apikey', 401] });
  });

  it('maps exceptions to the JSON-2 status table', async () => {
    const cases: Array<[string, string, unknown, number, string]> = [
      ['res.partner', 'create', { vals_list: [{ email: 'x' }] }, 422, 'odoo.exceptions.ValidationError'],
      ['res.partner', '_compute_display_name', { ids: [1] }, 403, 'odoo.exceptions.AccessError'],
      ['res.partner', 'write', { ids: [99999999], vals: { name: 'x' } }, 404, 'odoo.exceptions.MissingError'],
      ['no.such.model', 'search', {}, 404, 'werkzeug.exceptions.NotFound'],
      ['res.partner', 'no_such_method', {}, 404, 'werkzeug.exceptions.NotFound'],
      ['res.partner', 'create', { ids: [1], vals_list: [] }, 422, 'werkzeug.exceptions.UnprocessableEntity'],
      ['res.partner', 'search', { domain: [], bogus: 1 }, 422, 'werkzeug.exceptions.UnprocessableEntity'],
      ['res.partner', 'search_read', { domain: [['nope', '=', 1]] }, 500, 'builtins.ValueError'],
    ];
    for (const [model, method, body, status, name] of cases) {
      const response = await json2(fake, model, method, body);
      expect({ model, method, status: response.status, name: (await response.json()).name }).toEqual({ model, method, status, name });
    }
  });

  it('answers 400 to a body that is not JSON', async () => {
    const response = await fetch(`${fake.url}/json/2/res.partner/search`, { method: 'POST', headers: { Authorization: `bearer ${fake.apiKey}` }, body: '{nope' });
    expect(response.status).toBe(400);
    expect((await response.json()).name).toBe('werkzeug.exceptions.BadRequest');
  });

  it('returns bare JSON values and lists of ids from create', async () => {
    expect(await (await json2(fake, 'res.partner', 'create', { vals_list: [{ name: 'J2' }] })).json()).toEqual([expect.any(Number)]);
    expect(await (await json2(fake, 'res.users', 'context_get', {})).json()).toMatchObject({ uid: 2 });
  });

  it('runs the 19 expense workflow on hr.expense alone', async () => {
    const id = (await (await json2(fake, 'hr.expense', 'create', { vals_list: [{ name: 'Hotel', employee_id: 1, total_amount_currency: 90, payment_mode: 'company_account' }] })).json())[0];
    for (const method of ['action_submit', 'action_approve', 'action_post']) {
      expect((await json2(fake, 'hr.expense', method, { ids: [id] })).status).toBe(200);
    }
    expect(fake.records('hr.expense').find((row) => row.id === id)?.state).toBe('posted');
    expect((await json2(fake, 'hr.expense.sheet', 'search', { domain: [] })).status).toBe(404);
  });
});

describe('fake Odoo lifecycle', () => {
  it('stamps create_date and write_date from its clock and resets to the seed', async () => {
    let now = new Date('2024-05-01T10:00:00Z');
    const fake = await startFakeOdoo({ now: () => now });
    try {
      const created = await executeKw(fake, 'res.partner', 'create', [{ name: 'Clock' }]);
      now = new Date('2024-05-01T10:05:30Z');
      await executeKw(fake, 'res.partner', 'write', [[created.result], { ref: 'C' }]);
      const row = fake.records('res.partner').find((record) => record.id === created.result);
      expect(row).toMatchObject({ create_date: '2024-05-01 10:00:00', write_date: '2024-05-01 10:05:30' });
      const since = await executeKw(fake, 'res.partner', 'search', [[['write_date', '>', '2024-05-01 10:01:00']]]);
      expect(since.result).toEqual([created.result]);
      fake.reset();
      expect(fake.records('res.partner').some((record) => record.name === 'Clock')).toBe(false);
      expect(fake.callLog).toHaveLength(0);
    } finally {
      await fake.close();
    }
  });

  it('can start without demo data, keeping the admin user', async () => {
    const fake = await startFakeOdoo({ seed: false });
    try {
      expect(fake.records('account.account')).toEqual([]);
      expect(fake.records('res.users').map((user) => user.login)).toEqual(['__system__', 'admin']);
    } finally {
      await fake.close();
    }
  });
});
