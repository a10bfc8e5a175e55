/**
 * What-if variants of the engine's setup, to measure fixes before anyone
 * makes them: node configs parsed once per flow version, and SQLite
 * statements prepared once. Both are simulated from outside the engine and store.
 */
import { join } from 'node:path';
import type { NodeExecutor, NodeResolver } from '@ledgerflow/engine';
import { migrate, type Database, type Db } from '@ledgerflow/store';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import { z } from 'zod';
import { tempDir } from './processes';

/**
 * Executors whose config the engine passes through untouched (the flow's own
 * object, the same for every run) and which parse it once, as an engine that
 * cached parsed configs per flow version would. Keeps validate's compiled JSON Schema warm.
 */
export function configsParsedOnce(base: NodeResolver): NodeResolver {
  const wrapped = new Map<string, NodeExecutor>();
  return {
    get(type) {
      const executor = base.get(type);
      if (!executor) return undefined;
      const known = wrapped.get(type);
      if (known) return known;
      const parsed = new WeakMap<object, unknown>();
      const wrapper: NodeExecutor = {
        ...executor,
        configSchema: z.unknown(),
        run(ctx, input) {
          const raw = ctx.config;
          const key = typeof raw === 'object' && raw !== null ? raw : undefined;
          let config = key ? parsed.get(key) : undefined;
          if (config === undefined) {
            config = executor.configSchema.parse(raw);
            if (key) parsed.set(key, config);
          }
          return executor.run({ ...ctx, config }, input);
        },
      };
      wrapped.set(type, wrapper);
      return wrapper;
    },
  };
}

/** A migrated SQLite store opened as the server opens it, optionally caching prepared statements and counting them. */
export async function instrumentedSqlite(options: { cacheStatements: boolean; counts?: Map<string, number> }): Promise<Db> {
  const sqlite = new SQLite(join(tempDir('engine-variant'), 'ledgerflow.db'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const statements = new Map<string, SQLite.Statement>();
  const database: SqliteDatabase = {
    close: () => void sqlite.close(),
    prepare(sql: string) {
      if (options.counts) {
        const verb = sql.split(/\s/, 1)[0]?.toLowerCase() ?? '';
        options.counts.set(verb, (options.counts.get(verb) ?? 0) + 1);
      }
      if (!options.cacheStatements) return sqlite.prepare(sql);
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  const db: Db = { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
  await migrate(db);
  return db;
}
