/**
 * Seeds run history fast, for tests and benchmarks of the runs list:
 * `node --import tsx bench/seed-runs.ts --runs 1000000 --data-dir ./data [--steps 2]`
 * (or `--database-url postgres://…`). Runs are deterministic in their index
 * (`seededRun(i)`), so a test can compute what a filtered page must hold.
 * Seeded runs are final or parked (no due time), so a worker never picks them up.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { migrate, openDatabase, type Database, type Db } from '@ledgerflow/store';
import SQLite from 'better-sqlite3';

export const SEED_FLOWS = ['expense-to-vendor-bill', 'bank-statement-sync', 'invoice-export'] as const;
const NODES = ['in', 'bill', 'post'] as const;
const ODOO_ERRORS = [
  { odooName: 'odoo.exceptions.ValidationError', odooMessage: 'The partner is missing a VAT number.' },
  { odooName: 'odoo.exceptions.AccessError', odooMessage: 'You are not allowed to create Journal Entries.' },
  { odooName: 'odoo.exceptions.UserError', odooMessage: 'The journal entry is not balanced.' },
] as const;

export interface SeedOptions {
  runs: number;
  /** Steps per run (1–3), the last one failed for a failed run. Default 2. */
  stepsPerRun?: number;
  /** Creation time of run 0; run i is created at `startAt + floor(i / 2) * spacingMs` (pairs share a millisecond). */
  startAt?: number;
  spacingMs?: number;
  /** Prefix of run ids, so several seedings can share a store. */
  idPrefix?: string;
}

export interface SeededRun {
  id: string;
  flowId: string;
  status: 'succeeded' | 'failed' | 'cancelled' | 'waiting';
  businessKey: string;
  createdAt: number;
}

export interface SeedResult {
  runs: number;
  steps: number;
  ms: number;
}

/** Run `i` of a seeding: its id, flow, status, business key and creation time. */
export function seededRun(i: number, options: Pick<SeedOptions, 'startAt' | 'spacingMs' | 'idPrefix'> = {}): SeededRun {
  const startAt = options.startAt ?? Date.UTC(2025, 0, 1);
  const spacing = options.spacingMs ?? 1000;
  // A cheap integer hash spreads statuses without a pattern that lines up with the flow rotation.
  const h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  const bucket = h % 100;
  const status = bucket < 8 ? 'failed' : bucket < 10 ? 'cancelled' : bucket < 12 ? 'waiting' : 'succeeded';
  return {
    id: `${options.idPrefix ?? 'seed-'}${String(i).padStart(9, '0')}`,
    flowId: SEED_FLOWS[i % SEED_FLOWS.length] ?? SEED_FLOWS[0],
    status,
    businessKey: `EXP-${String(i).padStart(7, '0')}`,
    createdAt: startAt + Math.floor(i / 2) * spacing,
  };
}

const RUN_COLUMNS = ['id', 'flow_id', 'flow_version', 'status', 'input', 'output', 'error', 'error_signature', 'trigger', 'business_key', 'root_run_id', 'created_at', 'started_at', 'finished_at'] as const;
const STEP_COLUMNS = ['id', 'run_id', 'node_id', 'seq', 'status', 'input', 'output', 'error', 'attempts', 'reused', 'created_at', 'started_at', 'finished_at'] as const;
type RunRow = Pick<Database['runs'], (typeof RUN_COLUMNS)[number]>;
type StepRow = Pick<Database['steps'], (typeof STEP_COLUMNS)[number]>;

function rowsFor(i: number, options: SeedOptions): { run: RunRow; steps: StepRow[] } {
  const r = seededRun(i, options);
  const stepCount = Math.min(3, Math.max(1, options.stepsPerRun ?? 2));
  const input = JSON.stringify({ id: r.businessKey, amount: (i % 5000) + 0.5, currency: i % 3 === 0 ? 'USD' : 'EUR' });
  const started = r.createdAt + 5;
  const finished = r.status === 'waiting' ? null : started + 40 + (i % 200);
  const odoo = ODOO_ERRORS[i % ODOO_ERRORS.length] ?? ODOO_ERRORS[0];
  const error = r.status === 'failed' ? JSON.stringify({ class: 'OdooError', code: 'odoo_error', message: `Odoo refused account.move/create: ${odoo.odooMessage}`, retryable: false, details: { ...odoo, model: 'account.move', method: 'create' }, nodeId: NODES[stepCount - 1] }) : null;
  const run: RunRow = {
    id: r.id, flow_id: r.flowId, flow_version: 1, status: r.status, input, output: r.status === 'succeeded' ? '{"ok":true}' : null, error,
    error_signature: error ? `${r.flowId}:${NODES[stepCount - 1]}:${odoo.odooName}` : null, trigger: '{"kind":"webhook"}', business_key: r.businessKey,
    root_run_id: r.id, created_at: r.createdAt, started_at: started, finished_at: finished,
  };
  const steps: StepRow[] = [];
  for (let s = 0; s < stepCount; s += 1) {
    const last = s === stepCount - 1;
    const status = last && r.status === 'failed' ? 'failed' : last && r.status === 'waiting' ? 'waiting' : last && r.status === 'cancelled' ? 'cancelled' : 'succeeded';
    steps.push({
      id: `${r.id}-${s}`, run_id: r.id, node_id: NODES[s] ?? 'in', seq: s, status, input, output: status === 'succeeded' ? input : null,
      error: status === 'failed' ? error : null, attempts: status === 'failed' ? 3 : 1, reused: 0, created_at: started + s * 10, started_at: started + s * 10, finished_at: status === 'waiting' ? null : started + s * 10 + 8,
    });
  }
  return { run, steps };
}

/**
 * Inserts `options.runs` runs with their steps into a migrated SQLite file,
 * through better-sqlite3 prepared multi-row inserts in one transaction.
 */
export function seedSqlite(file: string, options: SeedOptions): SeedResult {
  const began = performance.now();
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -200000');
  const batch = 200;
  const insert = (table: string, columns: readonly string[], n: number) =>
    sqlite.prepare(`insert into ${table} (${columns.join(', ')}) values ${Array.from({ length: n }, () => `(${columns.map(() => '?').join(', ')})`).join(', ')}`);
  const runBatch = insert('runs', RUN_COLUMNS, batch);
  const stepsPerRun = Math.min(3, Math.max(1, options.stepsPerRun ?? 2));
  const stepBatch = insert('steps', STEP_COLUMNS, batch * stepsPerRun);
  let steps = 0;
  sqlite.transaction(() => {
    for (let start = 0; start < options.runs; start += batch) {
      const n = Math.min(batch, options.runs - start);
      const runValues: Array<string | number | null> = [];
      const stepValues: Array<string | number | null> = [];
      for (let i = start; i < start + n; i += 1) {
        const { run, steps: rows } = rowsFor(i, options);
        for (const c of RUN_COLUMNS) runValues.push(run[c]);
        for (const row of rows) for (const c of STEP_COLUMNS) stepValues.push(row[c]);
        steps += rows.length;
      }
      (n === batch ? runBatch : insert('runs', RUN_COLUMNS, n)).run(runValues);
      (n === batch ? stepBatch : insert('steps', STEP_COLUMNS, n * stepsPerRun)).run(stepValues);
    }
  })();
  sqlite.pragma('optimize');
  sqlite.close();
  return { runs: options.runs, steps, ms: performance.now() - began };
}

/** The same seeding through Kysely (PostgreSQL, or SQLite when no file is at hand), 1 000 rows per insert. */
export async function seedDb(db: Db, options: SeedOptions): Promise<SeedResult> {
  const began = performance.now();
  let steps = 0;
  const batch = 1000;
  for (let start = 0; start < options.runs; start += batch) {
    const n = Math.min(batch, options.runs - start);
    const runs: RunRow[] = [];
    const stepRows: StepRow[] = [];
    for (let i = start; i < start + n; i += 1) {
      const { run, steps: rows } = rowsFor(i, options);
      runs.push(run);
      stepRows.push(...rows);
    }
    steps += stepRows.length;
    await db.kysely.transaction().execute(async (tx) => {
      await tx.insertInto('runs').values(runs.map((r) => ({ ...r, idempotency_key: null, replay_of: null, replay_from: null, replay_input: null, deadline_at: null, next_due_at: null, lease_owner: null, lease_expires_at: null }))).execute();
      await tx.insertInto('steps').values(stepRows.map((r) => ({ ...r, port: null, next_attempt_at: null, resume: null }))).execute();
    });
  }
  return { runs: options.runs, steps, ms: performance.now() - began };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '100000' }, steps: { type: 'string', default: '2' }, 'data-dir': { type: 'string', default: './data' }, 'database-url': { type: 'string' }, prefix: { type: 'string' } } });
  const options: SeedOptions = { runs: Number(values.runs), stepsPerRun: Number(values.steps), startAt: Date.now() - Number(values.runs) * 500, ...(values.prefix ? { idPrefix: values.prefix } : {}) };
  const db = openDatabase({ databaseUrl: values['database-url'], dataDir: values['data-dir'] });
  await migrate(db);
  let result: SeedResult;
  if (db.dialect === 'sqlite') {
    await db.close();
    result = seedSqlite(join(values['data-dir'], 'ledgerflow.db'), options);
  } else {
    result = await seedDb(db, options);
    await db.close();
  }
  console.log(`seeded ${result.runs} runs and ${result.steps} steps in ${(result.ms / 1000).toFixed(1)} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
