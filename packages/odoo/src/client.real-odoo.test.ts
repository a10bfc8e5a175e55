import { describe, expect, it } from 'vitest';
import { createOdooClient } from './client';
import { defineReadOnlyContract } from './contract/read-only-contract';
import type { OdooConnectionConfig } from './types';

const { ODOO_URL, ODOO_DB, ODOO_LOGIN, ODOO_API_KEY } = process.env;
const config: OdooConnectionConfig | undefined =
  ODOO_URL && ODOO_DB && ODOO_LOGIN && ODOO_API_KEY ? { url: ODOO_URL, database: ODOO_DB, login: ODOO_LOGIN, apiKey: ODOO_API_KEY, protocol: 'auto' } : undefined;

describe.runIf(config !== undefined)(`Odoo client against the real server at ${ODOO_URL ?? '(unset)'} (read-only)`, () => {
  const real = config ?? { url: '', database: '', login: '', apiKey: '' };
  const client = createOdooClient(real, { timeoutMs: 20_000 });
  defineReadOnlyContract(() => ({ config: real, client, makeClient: (other) => createOdooClient(other, { timeoutMs: 20_000 }), strict: false }));
});

describe.runIf(config === undefined)('real Odoo contract suite: not configured (set ODOO_URL, ODOO_DB, ODOO_LOGIN and ODOO_API_KEY to run it)', () => {
  it('has no real server configured, so only the fake Odoo suites ran', () => {
    expect(config).toBeUndefined();
  });
});
