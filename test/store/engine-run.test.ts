import { Engine } from '@ledgerflow/engine';
import type { FlowDocument } from '@ledgerflow/flow';
import { nodeResolver } from '@ledgerflow/nodes';
import { FlowRepository, SqlEngineStore } from '@ledgerflow/store';
import { stubServices } from '../../packages/engine/src/test-kit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDialect } from './dialects';

const flow: FlowDocument = {
  schema: 'ledgerflow/flow@1',
  id: 'bill-check',
  name: 'Bill check',
  nodes: [
    { id: 'in', type: 'trigger', config: { kind: 'manual' } },
    { id: 'bill', type: 'map', config: { expression: "{ 'ref': ref, 'total': $sum(lines.amount), 'lines': $count(lines) }" } },
    { id: 'check', type: 'validate', config: { rules: [{ name: 'total', assert: 'total > 0', message: 'total must be positive', path: 'total' }] } },
    { id: 'ok', type: 'map', config: { expression: "{ 'ref': ref, 'status': 'accepted' }" } },
    { id: 'bad', type: 'map', config: { expression: "{ 'ref': input.ref, 'problems': errors.message }" } },
  ],
  edges: [
    { from: 'in', to: 'bill' },
    { from: 'bill', to: 'check' },
    { from: 'check', port: 'valid', to: 'ok' },
    { from: 'check', port: 'invalid', to: 'bad' },
  ],
};

eachDialect('the engine on SqlEngineStore', (dialect) => {
  let handle: Awaited<ReturnType<typeof dialect.open>>;
  let engine: Engine;

  beforeAll(async () => {
    handle = await dialect.open();
    await new FlowRepository(handle.db.kysely).save(flow, 'test', Date.now());
      engine = new Engine({ store: new SqlEngineStore(handle.db), nodes: nodeResolver(), services: stubServices() });
  });
  afterAll(async () => handle?.close());

  it('runs map and validate to the valid and invalid branches, every step stored', async () => {
    const good = await engine.startRun({ flowId: 'bill-check', flowVersion: 1, input: { ref: 'B-1', lines: [{ amount: 10 }, { amount: 5.5 }] }, trigger: { kind: 'manual' } });
    const bad = await engine.startRun({ flowId: 'bill-check', flowVersion: 1, input: { ref: 'B-2', lines: [{ amount: -3 }] }, trigger: { kind: 'manual' } });
    expect(await engine.tick()).toBe(2);
    const store = new SqlEngineStore(handle.db);
    const g = await store.loadRun(good.id);
    expect(g?.run).toMatchObject({ status: 'succeeded', output: { ref: 'B-1', status: 'accepted' } });
    expect(g?.steps.map((s) => [s.nodeId, s.status, s.port])).toEqual([['in', 'succeeded', 'out'], ['bill', 'succeeded', 'out'], ['check', 'succeeded', 'valid'], ['ok', 'succeeded', 'out']]);
    expect(g?.steps[1]?.output).toEqual({ ref: 'B-1', total: 15.5, lines: 2 });
    expect(g?.attempts).toHaveLength(4);
    expect(g?.attempts.every((a) => a.status === 'succeeded' && a.finishedAt !== null)).toBe(true);
    const b = await store.loadRun(bad.id);
    expect(b?.run).toMatchObject({ status: 'succeeded', output: { ref: 'B-2', problems: 'total must be positive' } });
    expect(b?.steps.map((s) => s.nodeId)).toEqual(['in', 'bill', 'check', 'bad']);
    expect(await engine.tick()).toBe(0);
  });
});
