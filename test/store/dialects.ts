import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase, type Db } from '@ledgerflow/store';
import pg from 'pg';
import { describe, expect, it } from 'vitest';

export const PG_ADMIN_URL = process.env.LEDGERFLOW_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REQUIRE_PG = process.env.LEDGERFLOW_REQUIRE_PG === '1';

/** Whether the test PostgreSQL answers. */
export async function pgReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh PostgreSQL database; `drop()` removes it. */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lf_test_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      // Closed pools hang up asynchronously: wait for them rather than kill them (a killed idle client throws in its owner).
      for (let i = 0; ; i++) {
        try {
          await c.query(`drop database if exists ${name}${i >= 30 ? ' with (force)' : ''}`);
          break;
        } catch (error) {
          if (i >= 30) throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await c.end();
    },
  };
}

export interface DialectHandle {
  name: 'sqlite' | 'postgres';
  /** Opens a fresh, migrated database for this describe block; closed and dropped by `close`. */
  open(): Promise<{ db: Db; dataDir: string; reopen(): Db; close(): Promise<void> }>;
}

const sqlite: DialectHandle = {
  name: 'sqlite',
  async open() {
    const dataDir = mkdtempSync(join(tmpdir(), 'lf-store-'));
    const db = openDatabase({ dataDir });
    await migrate(db);
    return {
      db,
      dataDir,
      reopen: () => openDatabase({ dataDir }),
      async close() {
        await db.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: DialectHandle = {
  name: 'postgres',
  async open() {
    const database = await createPgDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'lf-store-pg-'));
    const db = openDatabase({ databaseUrl: database.url, dataDir });
    await migrate(db);
    return {
      db,
      dataDir,
      reopen: () => openDatabase({ databaseUrl: database.url, dataDir }),
      async close() {
        await db.close();
        await database.drop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

const pgUp = await pgReachable();

/**
 * Runs `suite` once per dialect. PostgreSQL is required when
 * LEDGERFLOW_REQUIRE_PG=1; otherwise an unreachable one is reported by the
 * block's title and a test that checks it really is unreachable.
 */
export function eachDialect(title: string, suite: (dialect: DialectHandle) => void): void {
  describe(`${title} [sqlite]`, () => suite(sqlite));
  onPostgres(title, () => suite(postgres));
}

/** Runs `suite` only on PostgreSQL, under the same reachability rules as `eachDialect`. */
export function onPostgres(title: string, suite: () => void): void {
  if (pgUp) {
    describe(`${title} [postgres]`, suite);
  } else if (REQUIRE_PG) {
    describe(`${title} [postgres]`, () => {
      it('needs PostgreSQL (LEDGERFLOW_REQUIRE_PG=1)', () => {
        expect.fail(`PostgreSQL is not reachable at ${PG_ADMIN_URL}`);
      });
    });
  } else {
    describe(`${title} [postgres: not reachable at ${PG_ADMIN_URL}, not run; set LEDGERFLOW_REQUIRE_PG=1 to fail instead]`, () => {
      it('PostgreSQL is indeed unreachable', async () => {
        expect(await pgReachable()).toBe(false);
      });
    });
  }
}
