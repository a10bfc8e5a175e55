import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeDatabase } from './database';
import type { CallLogEntry, FakeState } from './fake-state';
import { envFor } from './fake-state';
import { createFaultInjector, type FaultInjector } from './faults';
import { createRequestListener } from './http-server';
import type { StoredRecord } from './model-types';
import { buildModels } from './models/registry';
import { seedDemoData, seedEssentials } from './seed-data';

/** Odoo versions the fake imitates. */
export type FakeOdooVersion = 16 | 17 | 18 | 19;

/** Options of `startFakeOdoo`. */
export interface FakeOdooOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: '127.0.0.1';
  /** Default 17. 19 also serves JSON-2. */
  version?: FakeOdooVersion;
  database?: string;
  login?: string;
  /** Default: a random 40-hex key, like Odoo's. */
  apiKey?: string;
  /** Load the demo company (accounts, journals, taxes, partners, employee). Default true. */
  seed?: boolean;
  /** Seed of the fault injector's random generator. Default 1. */
  randomSeed?: number;
  /** The fake's clock (create_date, write_date, default dates). Default: the real clock. */
  now?: () => Date;
}

/** A running fake Odoo server. */
export interface FakeOdoo {
  url: string;
  database: string;
  login: string;
  /** The valid API key; mutable through `setApiKey` to simulate a rotated key. */
  readonly apiKey: string;
  version: FakeOdooVersion;
  port: number;
  /** Copies of the stored rows of `model` (many2one as id or false), in id order. */
  records(model: string): StoredRecord[];
  /** Model calls (and `common` calls, with model `common`) in arrival order. */
  callLog: CallLogEntry[];
  faults: FaultInjector;
  /** Revokes the current key and accepts `apiKey` instead. */
  setApiKey(apiKey: string): void;
  /** Back to the seeded data, an empty call log and no faults. */
  reset(): void;
  close(): Promise<void>;
}

/** Starts a fake Odoo on 127.0.0.1 that answers `/jsonrpc` (all versions) and JSON-2 (19). */
export async function startFakeOdoo(options: FakeOdooOptions = {}): Promise<FakeOdoo> {
  const version = options.version ?? 17;
  const login = options.login ?? 'admin';
  const state: FakeState = {
    version,
    database: options.database ?? 'ledgerflow',
    login,
    apiKey: options.apiKey ?? randomBytes(20).toString('hex'),
    uid: 2,
    db: new FakeDatabase(),
    models: buildModels(version),
    callLog: [],
    faults: createFaultInjector(options.randomSeed ?? 1),
    now: options.now ?? (() => new Date()),
  };
  const seedData = () => {
    state.db = new FakeDatabase();
    const env = envFor(state, 'jsonrpc', {});
    seedEssentials(env, login);
    if (options.seed ?? true) seedDemoData(env);
  };
  seedData();

  const server = createServer(createRequestListener(state));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = isAddressInfo(address) ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    database: state.database,
    login,
    get apiKey() {
      return state.apiKey;
    },
    version,
    port,
    records(model) {
      if (!state.models.has(model)) throw new Error(`fake Odoo has no model ${model}`);
      return structuredClone(state.db.all(model));
    },
    callLog: state.callLog,
    faults: state.faults,
    setApiKey(apiKey) {
      state.apiKey = apiKey;
    },
    reset() {
      seedData();
      state.callLog.length = 0;
      state.faults.clear();
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function isAddressInfo(address: string | AddressInfo | null): address is AddressInfo {
  return address !== null && typeof address === 'object';
}
