import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectNoSecret, expectOdooError } from './contract/expect-odoo-error';
import { PROTOCOL_TARGETS, clientOf } from './contract/fake-target';
import { startFakeOdoo, type FakeOdoo } from './fake/start-fake-odoo';
import type { OdooError } from './errors';
import type { OdooClient } from './types';
import { x2many } from './x2many';

describe.each(PROTOCOL_TARGETS)('retryable and permanent failures over $protocol (fake Odoo $version)', ({ protocol, version }) => {
  let fake: FakeOdoo;
  let client: OdooClient;
  const seen: OdooError[] = [];

  beforeAll(async () => {
    fake = await startFakeOdoo({ version });
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    fake.reset();
    client = clientOf(fake);
    await client.authenticate(); // detection and login done: the faults below hit model calls
  });
  afterEach(() => {
    // Whatever went wrong, the API key must never be visible in an error.
    for (const error of seen.splice(0)) expectNoSecret(error, fake.apiKey);
  });

  const failing = async (promise: Promise<unknown>) => {
    const error = await expectOdooError(promise);
    seen.push(error);
    return error;
  };
  const partnerCount = () => fake.records('res.partner').length;

  it.each(['502', '503', '504'] as const)('HTTP %s with an HTML body is retryable', async (kind) => {
    fake.faults.next(kind);
    const error = await failing(client.searchCount('res.partner', []));
    expect(error).toMatchObject({ retryable: true, httpStatus: Number(kind), odooName: 'ledgerflow.HttpError' });
    expect(fake.faults.stats[kind]).toBe(1);
  });

  it('HTTP 429 is retryable and carries Retry-After as retryAfterMs', async () => {
    fake.faults.set({ retryAfterSeconds: 7 });
    fake.faults.next('429');
    const error = await failing(client.searchCount('res.partner', []));
    expect(error).toMatchObject({ retryable: true, httpStatus: 429, retryAfterMs: 7000 });
  });

  it('a serialization failure is retryable', async () => {
    fake.faults.next('serialization');
    const error = await failing(client.create('res.partner', { name: 'Busy' }));
    expect(error).toMatchObject({ retryable: true, odooName: 'psycopg2.errors.SerializationFailure' });
    expect(error.odooMessage).toContain('could not serialize access due to concurrent update');
    expect(error.httpStatus).toBe(protocol === 'json2' ? 500 : undefined);
  });

  it('a dropped request is a retryable network error and has no effect', async () => {
    const before = partnerCount();
    fake.faults.next('drop');
    const error = await failing(client.create('res.partner', { name: 'Lost' }));
    expect(error).toMatchObject({ retryable: true, odooName: 'ledgerflow.NetworkError' });
    expect(partnerCount()).toBe(before);
  });

  it('a slow answer times out as retryable', async () => {
    fake.faults.set({ latencyMs: 300 });
    const error = await failing(clientOf(fake, { protocol }, { timeoutMs: 50 }).searchCount('res.partner', []));
    expect(error).toMatchObject({ retryable: true, odooName: 'ledgerflow.Timeout' });
  });

  it('a server that is down answers 503 to everything, then recovers', async () => {
    fake.faults.down(true);
    const fresh = clientOf(fake);
    expect(await failing(fresh.version())).toMatchObject({ retryable: true, httpStatus: 503 });
    expect(await failing(client.searchCount('res.partner', []))).toMatchObject({ retryable: true, httpStatus: 503 });
    fake.faults.down(false);
    expect((await fresh.version()).protocol).toBe(protocol);
    expect(fake.faults.stats.down).toBe(2);
  });

  it('commit-then-drop on create, then an upsert retry, yields exactly one record', async () => {
    fake.faults.next('commit-then-drop', 1, { method: 'create' });
    const input = {
      key: { field: 'ref', value: 'BILL-2024-0042' },
      values: { move_type: 'in_invoice', partner_id: 2, invoice_date: '2024-03-05', invoice_line_ids: [x2many.create({ name: 'Chairs', quantity: 4, price_unit: 25, tax_ids: [x2many.set([1])] })] },
      then: ['action_post'],
    };
    const lost = await failing(client.upsert('account.move', input));
    expect(lost.retryable).toBe(true);
    expect(fake.records('account.move')).toHaveLength(1); // committed, answer lost
    const retried = await client.upsert('account.move', input);
    expect(retried.created).toBe(false);
    const moves = fake.records('account.move').filter((move) => move.ref === 'BILL-2024-0042');
    expect(moves).toHaveLength(1);
    expect(moves[0]?.state).toBe('posted');
    expect(fake.records('account.move.line')).toHaveLength(1);
  });

  it('commit-then-drop on action_post: the retry sees the move posted and does not post again', async () => {
    const input = { key: { field: 'ref', value: 'BILL-7' }, values: { move_type: 'in_invoice', partner_id: 4, invoice_date: '2024-03-05', invoice_line_ids: [x2many.create({ name: 'Lamp', price_unit: 40 })] }, then: ['action_post'] };
    fake.faults.next('commit-then-drop', 1, { method: 'action_post' });
    await failing(client.upsert('account.move', input));
    const retried = await client.upsert('account.move', input);
    expect(retried.created).toBe(false);
    expect(fake.callLog.filter((entry) => entry.method === 'action_post')).toHaveLength(1);
    expect(fake.records('account.move').map((move) => move.state)).toEqual(['posted']);
  });

  it('random faults follow the seed, so a run is reproducible', async () => {
    const outcomes = async (): Promise<string[]> => {
      fake.faults.set({ rate: 0.5, kinds: ['503', 'serialization'], seed: 42 });
      const results: string[] = [];
      for (let index = 0; index < 12; index += 1) {
        results.push(await client.searchCount('res.partner', []).then(() => 'ok', (error: OdooError) => error.odooName));
      }
      return results;
    };
    const first = await outcomes();
    const second = await outcomes();
    expect(second).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['ok', 'ledgerflow.HttpError', 'psycopg2.errors.SerializationFailure']));
  });

  it('onlyMethods restricts random faults to the named methods', async () => {
    fake.faults.set({ rate: 1, kinds: ['503'], onlyMethods: ['account.move.create'] });
    expect(await client.searchCount('account.move', [])).toBe(0);
    expect(await failing(client.create('account.move', { move_type: 'entry' }))).toMatchObject({ httpStatus: 503 });
  });

  it('a wrong key never shows up in the error', async () => {
    const key = 'f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed';
    const error = await failing(clientOf(fake, { apiKey: key }).create('res.partner', { name: 'x' }));
    expect(error.retryable).toBe(false);
    expectNoSecret(error, key);
  });
});

describe('JSON-RPC re-authentication', () => {
  let fake: FakeOdoo;
  beforeAll(async () => {
    fake = await startFakeOdoo({ version: 17 });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  const authenticateCalls = () => fake.callLog.filter((entry) => entry.model === 'common' && entry.method === 'authenticate').length;

  it('re-authenticates once after AccessDenied on a cached uid, and retries the call', async () => {
    let deniedOnce = false;
    const flakyFetch: typeof fetch = async (input, init) => {
      const body = typeof init?.body === 'string' ? init.body : '';
      if (!deniedOnce && body.includes('"execute_kw"') && body.includes('search_count')) {
        deniedOnce = true;
        const data = { name: 'odoo.exceptions.AccessDenied', message: 'Access Denied', arguments: ['Access Denied'], context: {}, debug: '' };
        return new Response(JSON.stringify({ jsonrpc: '2.0', id: 1, error: { code: 200, message: 'Odoo Server Error', data } }), { status: 200 });
      }
      return fetch(input, init);
    };
    const client = clientOf(fake, { protocol: 'jsonrpc' }, { fetch: flakyFetch });
    await client.authenticate();
    expect(await client.searchCount('res.partner', [['ref', '=', 'AZURE']])).toBe(1);
    expect(authenticateCalls()).toBe(2);
  });

  it('gives up with a permanent AccessDenied when the key was revoked', async () => {
    const client = clientOf(fake, { protocol: 'jsonrpc' });
    await client.authenticate();
    const oldKey = fake.apiKey;
    fake.setApiKey('0123456789abcdef0123456789abcdef01234567');
    const error = await expectOdooError(client.searchCount('res.partner', []));
    expect(error).toMatchObject({ odooName: 'odoo.exceptions.AccessDenied', retryable: false });
    expect(authenticateCalls()).toBe(2);
    expectNoSecret(error, oldKey);
  });
});

describe('secrets in server answers', () => {
  it('redacts the API key if a server or proxy echoes it', async () => {
    const key = 'abcdef0123456789abcdef0123456789abcdef01';
    const echoingFetch: typeof fetch = async () =>
      new Response(JSON.stringify({ jsonrpc: '2.0', id: 1, error: { code: 200, message: 'Odoo Server Error', data: { name: 'builtins.ValueError', message: `bad password ${key}` } } }), { status: 200 });
    const { createOdooClient } = await import('./client');
    const client = createOdooClient({ url: 'http://odoo.invalid', database: 'db', login: 'admin', apiKey: key, protocol: 'jsonrpc' }, { fetch: echoingFetch });
    const error = await expectOdooError(client.version());
    expect(error.odooMessage).toBe('bad password [redacted]');
    expectNoSecret(error, key);
  });

  it('classifies a refused connection as retryable', async () => {
    const fake = await startFakeOdoo();
    const url = fake.url;
    await fake.close();
    const { createOdooClient } = await import('./client');
    const error = await expectOdooError(createOdooClient({ url, database: 'db', login: 'admin', apiKey: 'k'.repeat(40) }).version());
    expect(error).toMatchObject({ retryable: true, odooName: 'ledgerflow.NetworkError' });
  });
});

