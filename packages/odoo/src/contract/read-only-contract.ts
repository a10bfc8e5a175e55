import { beforeAll, describe, expect, it } from 'vitest';
import { createResolver } from '../resolver';
import type { OdooClient, OdooConnectionConfig, OdooProtocolName } from '../types';
import { expectNoSecret, expectOdooError } from './expect-odoo-error';

/** What the contract runs against: a connection config for the fake or a real server. */
export interface ContractTarget {
  config: OdooConnectionConfig;
  client: OdooClient;
  makeClient(config: OdooConnectionConfig): OdooClient;
  /** Assert Odoo's exact messages (the fake); a real server of another version may word them differently. */
  strict: boolean;
}

/** Odoo's exception names differ by protocol: JSON-2 maps some to werkzeug HTTP errors. */
const NAMES: Record<OdooProtocolName, { unknownModel: string; unknownMethod: string; badKey: string }> = {
  jsonrpc: { unknownModel: 'odoo.exceptions.UserError', unknownMethod: 'builtins.AttributeError', badKey: 'odoo.exceptions.AccessDenied' },
  json2: { unknownModel: 'werkzeug.exceptions.NotFound', unknownMethod: 'werkzeug.exceptions.NotFound', badKey: 'werkzeug.exceptions.Unauthorized' },
};

/** The read-only part of the client contract: safe to run against any real Odoo database. */
export function defineReadOnlyContract(target: () => ContractTarget): void {
  let protocol: OdooProtocolName = 'jsonrpc';
  beforeAll(async () => {
    const { config, makeClient } = target();
    protocol = (await makeClient(config).version()).protocol;
  });

  describe('read-only contract', () => {
    it('reports the server version and protocol', async () => {
      const version = await target().client.version();
      expect(version.serverVersion).toMatch(/\d+\.\d/);
      expect(version.major).toBeGreaterThanOrEqual(16);
      expect(version.protocol).toBe(version.major >= 19 ? 'json2' : 'jsonrpc');
    });

    it('authenticates with the API key and returns a uid', async () => {
      expect(await target().client.authenticate()).toBeGreaterThan(0);
    });

    it('searches, counts and reads partners', async () => {
      const { client } = target();
      const found = await client.searchRead('res.partner', [], { fields: ['name'], limit: 2, order: 'id asc' });
      expect(found.length).toBeGreaterThan(0);
      expect(await client.searchCount('res.partner', [])).toBeGreaterThanOrEqual(found.length);
      const ids = found.map((record) => record.id);
      const read = await client.read('res.partner', ids, ['name']);
      expect(read.map((record) => record.id)).toEqual(ids);
      const [first] = found;
      const offset = await client.searchRead('res.partner', [], { fields: ['name'], limit: 1, offset: 1, order: 'id asc' });
      if (found.length > 1) expect(offset[0]?.id).toBe(found[1]?.id);
      expect(first?.name).toBeTypeOf('string');
    });

    it('reads a deleted or unknown id as nothing, not an error', async () => {
      expect(await target().client.read('res.partner', [2_147_483_000], ['name'])).toEqual([]);
    });

    it('describes fields like fields_get', async () => {
      const fields = await target().client.fieldsGet('res.partner', ['type', 'string', 'required']);
      expect(fields.name).toMatchObject({ type: 'char', string: expect.any(String) });
      expect(fields.parent_id).toMatchObject({ type: 'many2one' });
    });

    it('refuses an unknown model permanently', async () => {
      const error = await expectOdooError(target().client.searchCount('no.such.model', []));
      expect(error.odooName).toBe(NAMES[protocol].unknownModel);
      expect(error.retryable).toBe(false);
      if (target().strict) expect(error.odooMessage).toBe(protocol === 'json2' ? "the model 'no.such.model' does not exist" : "Object no.such.model doesn't exist");
    });

    it('refuses an unknown method permanently', async () => {
      const error = await expectOdooError(target().client.callMethod('res.partner', 'no_such_method', [1]));
      expect(error.odooName).toBe(NAMES[protocol].unknownMethod);
      expect(error.retryable).toBe(false);
      if (target().strict) {
        expect(error.odooMessage).toBe(protocol === 'json2' ? "The method 'res.partner.no_such_method' does not exist" : "The method 'no_such_method' does not exist on the model 'res.partner'");
      }
    });

    it('refuses a private method with AccessError', async () => {
      const error = await expectOdooError(target().client.callMethod('res.partner', '_compute_display_name', [1]));
      expect(error.odooName).toBe('odoo.exceptions.AccessError');
      expect(error.retryable).toBe(false);
      expect(error.odooMessage).toBe('Private methods (such as _compute_display_name) cannot be called remotely.');
    });

    it('refuses an unknown field in a domain with ValueError', async () => {
      const error = await expectOdooError(target().client.searchRead('res.partner', [['no_such_field', '=', 1]]));
      expect(error.odooName).toBe('builtins.ValueError');
      expect(error.retryable).toBe(false);
      expect(error.odooMessage).toContain('no_such_field');
      if (target().strict) expect(error.odooMessage).toBe("Invalid field res.partner.no_such_field in leaf ('no_such_field', '=', 1)");
    });

    it('refuses a wrong API key permanently, without leaking either key', async () => {
      const { config, makeClient } = target();
      const wrongKey = `${config.apiKey.slice(0, 8)}0000000000000000wrong`;
      const error = await expectOdooError(makeClient({ ...config, apiKey: wrongKey }).searchCount('res.partner', []));
      expect(error.odooName).toBe(NAMES[protocol].badKey);
      expect(error.retryable).toBe(false);
      expectNoSecret(error, wrongKey);
      expectNoSecret(error, config.apiKey);
    });

    it('resolves many2one values and reports a miss as permanent, naming model and value', async () => {
      const resolver = createResolver(target().client);
      const error = await expectOdooError(resolver.partnerByVat('XX-NO-SUCH-VAT-000'));
      expect(error.retryable).toBe(false);
      expect(error.message).toContain('res.partner');
      expect(error.message).toContain('XX-NO-SUCH-VAT-000');
    });
  });
}
