import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import * as publishing from './migrations/0006-publishing';
import * as initial from './migrations/0001-initial';
import * as runTotals from './migrations/0002-run-totals';
import * as approvalLevels from './migrations/0003-approval-levels';
import * as scheduleRules from './migrations/0004-schedule-rules';
import * as runRetention from './migrations/0005-run-retention';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';

/** An open database with its dialect. */
export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

// int8 columns (our epoch-ms times) come back from pg as strings unless told otherwise.
pg.types.setTypeParser(20, (value) => Number(value));

/** Opens PostgreSQL when `databaseUrl` is set, else the SQLite file under `dataDir`. */
export function openDatabase(options: { databaseUrl?: string | undefined; dataDir: string }): Db {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', close: () => kysely.destroy() };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const sqlite = new SQLite(join(options.dataDir, 'ledgerflow.db'));
  // WAL lets readers go on while a writer commits; NORMAL sync is durable across process crashes.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
}

const migrations: Record<string, Migration> = { '0001-initial': initial, '0002-run-totals': runTotals, '0003-approval-levels': approvalLevels, '0004-schedule-rules': scheduleRules, '0005-run-retention': runRetention, '0006-publishing': publishing };

class StaticMigrations implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

/** Brings the schema up to date; the same migrations serve both dialects. */
export async function migrate(db: Db): Promise<void> {
  const migrator = new Migrator({ db: db.kysely, provider: new StaticMigrations() });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

/**
 * better-sqlite3 prepares a statement on every query Kysely sends; the same
 * few hundred SQL texts repeat, so they are prepared once and reused. Safe:
 * one connection, and nothing iterates a statement while it is reused.
 */
function withStatementCache(sqlite: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        if (cache.size >= 500) cache.clear();
        statement = sqlite.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}
