import { Engine } from '@ledgerflow/engine';
import { nodeExecutors, nodeResolver } from '@ledgerflow/nodes';
import { FlowRepository, migrate, openDatabase, SqlEngineStore } from '@ledgerflow/store';
import { tempDir } from './support/processes';
import { sixNodeFlow, expenseInput } from './engine-overhead';
const db = openDatabase({ dataDir: tempDir('x') });
await migrate(db);
await new FlowRepository(db.kysely).save(sixNodeFlow, 'b', Date.now());
const store = new SqlEngineStore(db);
const times: Record<string, number> = {};
for (const m of ['createRun', 'claimRun', 'renewLease', 'releaseRun', 'commit', 'loadRun', 'flowVersion'] as const) {
  const orig = (store as any)[m].bind(store);
  (store as any)[m] = async (...a: unknown[]) => { const t = performance.now(); try { return await orig(...a); } finally { times[m] = (times[m] ?? 0) + performance.now() - t; } };
}
const engine = new Engine({ store, nodes: nodeResolver(nodeExecutors), services: {} as any });
const t = performance.now();
for (let i = 0; i < 300; i++) { await engine.startRun({ flowId: sixNodeFlow.id, flowVersion: 1, input: expenseInput, trigger: { kind: 'manual' } }); await engine.tick(); }
console.log('total', performance.now() - t, times);
