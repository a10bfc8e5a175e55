import { createOdooClient } from '../client';
import type { FakeOdoo } from '../fake/start-fake-odoo';
import type { OdooClientOptions, OdooConnectionConfig } from '../types';

/** The connection config of a running fake. */
export function configOf(fake: FakeOdoo, overrides: Partial<OdooConnectionConfig> = {}): OdooConnectionConfig {
  return { url: fake.url, database: fake.database, login: fake.login, apiKey: fake.apiKey, protocol: 'auto', ...overrides };
}

/** A client of a running fake. */
export function clientOf(fake: FakeOdoo, overrides: Partial<OdooConnectionConfig> = {}, options: OdooClientOptions = {}) {
  return createOdooClient(configOf(fake, overrides), options);
}

/** The two protocol setups every contract test runs on. */
export const PROTOCOL_TARGETS = [
  { protocol: 'jsonrpc', version: 17 },
  { protocol: 'json2', version: 19 },
] as const;
