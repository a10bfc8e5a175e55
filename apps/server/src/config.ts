import { resolve } from 'node:path';

/** Settings from the environment (DESIGN.md lists them); flags override. */
export interface Settings {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  secretKey: string | undefined;
  adminPassword: string | undefined;
  /** Public base URL used in links sent by mail and chat. */
  publicUrl: string;
  /** Start the built-in sandbox Odoo when true. */
  sandbox: boolean;
  workerConcurrency: number;
  role: 'all' | 'api' | 'worker' | 'scheduler';
  logLevel: string;
  /** Publishing a flow needs a second designer's review (LEDGERFLOW_REQUIRE_REVIEW=1). */
  requireReview: boolean;
  /** How long a worker's claim on a run lasts unrenewed; after a crash, another process takes over once it expires. */
  leaseMs: number;
  /** Payloads of final runs older than this many days are dropped by `ledgerflow prune`. */
  retentionDays: number;
}

/** Reads settings from `env`, with `overrides` from the command line. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Settings> = {}): Settings {
  const port = overrides.port ?? Number(env.PORT ?? 8787);
  const host = overrides.host ?? env.HOST ?? '127.0.0.1';
  return {
    port,
    host,
    dataDir: resolve(overrides.dataDir ?? env.LEDGERFLOW_DATA_DIR ?? './data'),
    databaseUrl: overrides.databaseUrl ?? (env.DATABASE_URL || undefined),
    secretKey: env.LEDGERFLOW_SECRET_KEY || undefined,
    adminPassword: env.LEDGERFLOW_ADMIN_PASSWORD || undefined,
    publicUrl: (env.LEDGERFLOW_PUBLIC_URL ?? `http://${host}:${port}`).replace(/\/$/, ''),
    sandbox: overrides.sandbox ?? env.LEDGERFLOW_SANDBOX !== '0',
    workerConcurrency: overrides.workerConcurrency ?? Number(env.LEDGERFLOW_WORKERS ?? 4),
    role: overrides.role ?? 'all',
    logLevel: env.LOG_LEVEL ?? 'info',
    requireReview: env.LEDGERFLOW_REQUIRE_REVIEW === '1',
    leaseMs: overrides.leaseMs ?? Number(env.LEDGERFLOW_LEASE_MS ?? 30_000),
    retentionDays: overrides.retentionDays ?? Number(env.LEDGERFLOW_RETENTION_DAYS ?? 30),
  };
}
