import { Engine, MemoryStore, type NodeExecutor, type NodeResolver, type EngineStore } from '@ledgerflow/engine';
import { maskValue } from '@ledgerflow/flow';
import { nodeExecutors, nodeResolver } from '@ledgerflow/nodes';
import { FlowRepository, migrate, openDatabase, SqlEngineStore, type Db } from '@ledgerflow/store';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { join } from 'node:path';
import { tempDir } from './support/processes';
import { sixNodeFlow, expenseInput } from './engine-overhead';

function cachedConfigs(base: NodeResolver): NodeResolver {
  const wrapped = new Map<string, NodeExecutor>();
  return { get(type) {
    const e = base.get(type); if (!e) return undefined;
    let w = wrapped.get(type);
    if (!w) { const cache = new WeakMap<object, unknown>(); const schema = e.configSchema;
      w = { ...e, configSchema: { safeParse: (c: object) => { let r = cache.get(c); if (!r) { r = schema.safeParse(c); cache.set(c, r); } return r; } } as any };
      wrapped.set(type, w); }
    return w;
  } };
}
async function sqlDb(cacheStatements: boolean): Promise<Db> {
  const dir = tempDir('s8');
  const sqlite = new SQLite(join(dir, 'ledgerflow.db'));
  sqlite.pragma('journal_mode = WAL'); sqlite.pragma('synchronous = NORMAL'); sqlite.pragma('foreign_keys = ON');
  const stmts = new Map<string, ReturnType<typeof sqlite.prepare>>();
  const database = cacheStatements ? { close: () => sqlite.close(), prepare: (sql: string) => { let s = stmts.get(sql); if (!s) { s = sqlite.prepare(sql); stmts.set(sql, s); } return s; } } : sqlite;
  const kysely = new Kysely<any>({ dialect: new SqliteDialect({ database: database as any }) });
  const db: Db = { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
  await migrate(db);
  await new FlowRepository(db.kysely).save(sixNodeFlow, 'b', Date.now());
  return db;
}
async function measure(store: EngineStore, nodes: NodeResolver, n: number) {
  const engine = new Engine({ store, nodes, services: {} as any, mask: (f, v) => maskValue(v, f.settings?.mask ?? []) });
  for (let i = 0; i < 30; i++) { await engine.startRun({ flowId: sixNodeFlow.id, flowVersion: 1, input: expenseInput, trigger: { kind: 'manual' } }); await engine.tick(); }
  const t = performance.now();
  for (let i = 0; i < n; i++) { await engine.startRun({ flowId: sixNodeFlow.id, flowVersion: 1, input: expenseInput, trigger: { kind: 'manual' } }); await engine.tick(); }
  return (n * 6) / ((performance.now() - t) / 1000);
}
const base = nodeResolver(nodeExecutors);
for (let round = 0; round < 2; round++) {
  const mem = new MemoryStore(); mem.putFlow(sixNodeFlow, 1);
  const mem2 = new MemoryStore(); mem2.putFlow(sixNodeFlow, 1);
  console.log('mem as is', (await measure(mem, base, 300)).toFixed(0), 'steps/s');
  console.log('mem cached configs', (await measure(mem2, cachedConfigs(base), 300)).toFixed(0));
  console.log('sql as is', (await measure(new SqlEngineStore(await sqlDb(false)), base, 300)).toFixed(0));
  console.log('sql cached configs', (await measure(new SqlEngineStore(await sqlDb(false)), cachedConfigs(base), 300)).toFixed(0));
  console.log('sql cached configs + stmts', (await measure(new SqlEngineStore(await sqlDb(true)), cachedConfigs(base), 300)).toFixed(0));
}
