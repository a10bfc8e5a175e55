/**
 * Benchmark 1: the engine's own cost. A six-node flow whose nodes do no I/O
 * runs through the engine with every step committed to SQLite, against the
 * same node functions called one after the other in a plain loop.
 */
import { Engine, MemoryStore, type EngineStore, type NodeContext, type NodeExecutor, type NodeServices } from '@ledgerflow/engine';
import { maskValue, type FlowDocument } from '@ledgerflow/flow';
import { nodeExecutors, nodeResolver } from '@ledgerflow/nodes';
import { FlowRepository, migrate, openDatabase, SqlEngineStore, type Db } from '@ledgerflow/store';
import { z } from 'zod';
import { tempDir } from './support/processes';
import type { Section } from './support/report';
import { format } from './support/report';
import { repeat } from './support/stats';

const STEPS = 6;

/** trigger → map → validate → map → map → map: the shape of a typical finance flow, minus the Odoo call. */
export const sixNodeFlow: FlowDocument = {
  schema: 'ledgerflow/flow@1',
  id: 'bench-six-nodes',
  name: 'Benchmark: six nodes, no I/O',
  settings: { mask: ['employee.iban'] },
  nodes: [
    { id: 'in', type: 'trigger', config: { kind: 'manual' } },
    { id: 'bill', type: 'map', config: { expression: "{ 'ref': number, 'total': $sum(lines.amount), 'currency': currency, 'lines': lines }" } },
    {
      id: 'check',
      type: 'validate',
      config: {
        schema: { type: 'object', required: ['ref', 'total'], properties: { ref: { type: 'string' }, total: { type: 'number' } } },
        rules: [{ name: 'positive', assert: 'total > 0', message: 'the total must be positive' }],
      },
    },
    { id: 'lines', type: 'map', config: { expression: "{ 'ref': ref, 'total': total, 'lines': lines.{ 'name': description, 'price_unit': amount } }" } },
    { id: 'tax', type: 'map', config: { expression: "$merge([$, { 'tax': $round(total * 0.21, 2) }])" } },
    { id: 'out', type: 'map', config: { expression: "{ 'ref': ref, 'gross': total + tax, 'count': $count(lines) }" } },
  ],
  edges: [
    { from: 'in', to: 'bill' },
    { from: 'bill', to: 'check' },
    { from: 'check', port: 'valid', to: 'lines' },
    { from: 'lines', to: 'tax' },
    { from: 'tax', to: 'out' },
  ],
};

const noop: NodeExecutor = {
  type: 'noop',
  version: 1,
  title: 'No-op',
  description: 'passes its input on (benchmark)',
  icon: '·',
  configSchema: z.object({}).passthrough(),
  inputs: [{ name: 'in' }],
  outputs: () => [{ name: 'out' }],
  run: async (_ctx, input) => ({ port: 'out', data: input }),
};

/** Six steps that do nothing: what is left is the engine and the store. */
const noopFlow: FlowDocument = {
  schema: 'ledgerflow/flow@1',
  id: 'bench-six-noops',
  name: 'Benchmark: six no-op nodes',
  nodes: [{ id: 'in', type: 'trigger', config: { kind: 'manual' } }, ...['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, type: 'noop', config: {} }))],
  edges: ['a', 'b', 'c', 'd', 'e'].map((to, i) => ({ from: i === 0 ? 'in' : ['a', 'b', 'c', 'd'][i - 1] ?? 'in', to })),
};

export const expenseInput = {
  number: 'EXP-2026-0042',
  date: '2026-11-20',
  currency: 'EUR',
  employee: { id: 'E-1001', name: 'Marc Demo', iban: 'BE71096123456769' },
  vendor: { partnerId: 2, name: 'Azure Interior' },
  lines: [
    { description: 'Train Brussels–Paris', amount: 240.5 },
    { description: 'Hotel, one night', amount: 179.5 },
  ],
};

const services: NodeServices = {
  odoo: () => Promise.reject(new Error('no Odoo in this benchmark')),
  fetch: () => Promise.reject(new Error('no network in this benchmark')),
  links: { run: (id) => `http://127.0.0.1/runs/${id}`, approval: (id) => `http://127.0.0.1/approvals/${id}` },
};

const resolver = nodeResolver([...nodeExecutors, noop]);

function engineOn(store: EngineStore): Engine {
  // The same options the server's Runtime uses, masking included.
  return new Engine({ store, nodes: resolver, services, mask: (flow, value) => maskValue(value, flow.settings?.mask ?? []) });
}

async function sqlEngine(flows: FlowDocument[]): Promise<{ engine: Engine; db: Db }> {
  const db = openDatabase({ dataDir: tempDir('engine') });
  await migrate(db);
  const repo = new FlowRepository(db.kysely);
  for (const flow of flows) await repo.save(flow, 'bench', Date.now());
  return { engine: engineOn(new SqlEngineStore(db)), db };
}

/** Runs `count` runs one after another, each started and ticked to its end; runs per second. */
async function throughEngine(engine: Engine, flow: FlowDocument, count: number): Promise<number> {
  const began = performance.now();
  let last = '';
  for (let i = 0; i < count; i += 1) {
    const run = await engine.startRun({ flowId: flow.id, flowVersion: 1, input: { ...expenseInput, number: `EXP-${i}` }, trigger: { kind: 'manual' } });
    await engine.tick();
    last = run.id;
  }
  const seconds = (performance.now() - began) / 1000;
  return last ? count / seconds : 0;
}

/** The floor: the same executors, configs parsed once, called in a loop. */
async function plainLoop(flow: FlowDocument, count: number): Promise<number> {
  const chain = flow.nodes.map((node) => {
    const executor = resolver.get(node.type);
    if (!executor) throw new Error(`no executor for ${node.type}`);
    return { executor, node, config: executor.configSchema.parse(node.config) };
  });
  const signal = new AbortController().signal;
  const began = performance.now();
  for (let i = 0; i < count; i += 1) {
    let data: unknown = { ...expenseInput, number: `EXP-${i}` };
    const runId = `plain-${i}`;
    for (const { executor, node, config } of chain) {
      const ctx: NodeContext<unknown> = {
        config, flowId: flow.id, nodeId: node.id, runId, rootRunId: runId, attempt: 1, idempotencyKey: `${runId}:${node.id}:0`, trigger: { kind: 'manual' },
        runInput: data, resume: undefined, signal, now: Date.now, connected: () => true, log: () => undefined, services,
      };
      const result = await executor.run(ctx, data);
      if (!('data' in result)) throw new Error(`${node.id} suspended`);
      data = result.data;
    }
  }
  return count / ((performance.now() - began) / 1000);
}

/** Benchmark 1. */
export async function engineOverhead(options: { quick: boolean }): Promise<Section> {
  const rounds = options.quick ? 1 : 5;
  const count = options.quick ? 20 : 300;
  const warm = options.quick ? 5 : 50;
  const sql = await sqlEngine([sixNodeFlow, noopFlow]);
  const memStore = new MemoryStore();
  memStore.putFlow(sixNodeFlow, 1);
  memStore.putFlow(noopFlow, 1);
  const mem = engineOn(memStore);
  try {
    await throughEngine(sql.engine, sixNodeFlow, warm);
    await throughEngine(sql.engine, noopFlow, warm);
    await throughEngine(mem, sixNodeFlow, warm);
    await plainLoop(sixNodeFlow, warm);
    const figures = await repeat(rounds, async () => {
      const plain = await plainLoop(sixNodeFlow, count);
      const durable = await throughEngine(sql.engine, sixNodeFlow, count);
      const memory = await throughEngine(mem, sixNodeFlow, count);
      const noops = await throughEngine(sql.engine, noopFlow, count);
      return {
        plain,
        durable,
        memory,
        durableSteps: durable * STEPS,
        noopSteps: noops * STEPS,
        costPerStep: ((1 / durable - 1 / plain) * 1000) / STEPS,
        storeCostPerStep: ((1 / durable - 1 / memory) * 1000) / STEPS,
        ratio: durable / plain,
      };
    });
    const failed = await sql.db.kysely.selectFrom('runs').select('id').where('status', '!=', 'succeeded').executeTakeFirst();
    if (failed) throw new Error(`engine benchmark: run ${failed.id} did not succeed`);
    const steps = figures.durableSteps.median;
    return {
      title: 'Engine overhead (six nodes, no I/O)',
      setup: `trigger → map → validate → map → map → map (JSONata and JSON Schema, no I/O), ${count} runs per round one after another (\`Engine.startRun\` + \`Engine.tick()\`), ${rounds} round(s) after ${warm} warm-up runs. Durable: \`SqlEngineStore\` on a SQLite file (WAL, synchronous=NORMAL, as the server opens it), every step and attempt committed before the next step. Floor: the same executors called in a plain loop with their configs parsed once.`,
      rows: [
        { name: 'plain loop (floor)', unit: 'runs/s', value: figures.plain },
        { name: 'engine, in-memory store', unit: 'runs/s', value: figures.memory },
        { name: 'engine, durable SQLite steps', unit: 'runs/s', value: figures.durable },
        { name: 'durable / plain', unit: '×', value: figures.ratio, digits: 3 },
        { name: 'engine cost per step (durable − plain)', unit: 'ms', value: figures.costPerStep, digits: 3 },
        { name: 'store share of it (durable − in-memory)', unit: 'ms', value: figures.storeCostPerStep, digits: 3 },
        { name: 'durable steps per second (six-node flow)', unit: 'steps/s', value: figures.durableSteps },
        { name: 'durable steps per second (six no-op nodes)', unit: 'steps/s', value: figures.noopSteps },
      ],
      targets: [{ goal: 'at least 2,000 durable steps per second', actual: `${format(steps, 0)} steps/s (no-op nodes: ${format(figures.noopSteps.median, 0)})`, met: steps >= 2000 }],
      notes: [],
    };
  } finally {
    await sql.db.close();
  }
}
