import type { FlowDocument } from '@ledgerflow/flow';
import { z } from 'zod';
import { Engine, type Clock } from './engine';
import { MemoryStore } from './memory-store';
import type { NodeContext, NodeExecutor, NodeResolver, NodeResult, NodeServices } from './node-executor';

/* Helpers for engine tests (not exported from the package). */

/** A clock that only moves when told to. */
export class FakeClock implements Clock {
  constructor(public t = Date.UTC(2026, 0, 5, 9, 0, 0)) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** What a scripted node does on its n-th call (1-based) for one node id. */
export type Script = (call: number, input: unknown, ctx: NodeContext<unknown>) => Promise<NodeResult> | NodeResult;

/**
 * A node type whose behaviour each test scripts per node id, counting calls,
 * so tests can prove a step was (or was not) executed again.
 */
export class ScriptedNodes {
  readonly calls = new Map<string, number>();
  readonly inputs = new Map<string, unknown[]>();
  private readonly scripts = new Map<string, Script>();

  on(nodeId: string, script: Script): this {
    this.scripts.set(nodeId, script);
    return this;
  }

  count(nodeId: string): number {
    return this.calls.get(nodeId) ?? 0;
  }

  readonly executor: NodeExecutor = {
    type: 'script',
    version: 1,
    title: 'Script',
    description: 'test node',
    icon: '*',
    configSchema: z.object({}).passthrough(),
    inputs: [{ name: 'in' }],
    outputs: () => [{ name: 'out' }],
    run: async (ctx, input) => {
      const call = this.count(ctx.nodeId) + 1;
      this.calls.set(ctx.nodeId, call);
      this.inputs.set(ctx.nodeId, [...(this.inputs.get(ctx.nodeId) ?? []), input]);
      const script = this.scripts.get(ctx.nodeId);
      return script ? script(call, input, ctx) : { port: 'out', data: input };
    },
  };
}

/** Resolves the given executors by type. */
export function resolver(...executors: NodeExecutor[]): NodeResolver {
  const byType = new Map(executors.map((e) => [e.type, e]));
  return { get: (type) => byType.get(type) };
}

/** A linear flow: a manual trigger `in`, then the given nodes in order (default type `script`). */
export function chain(id: string, nodes: Array<Partial<FlowDocument['nodes'][number]> & { id: string }>, settings?: FlowDocument['settings']): FlowDocument {
  const all = [{ id: 'in', type: 'trigger', config: { kind: 'manual' } }, ...nodes.map((n) => ({ type: 'script', config: {}, ...n }))];
  return {
    schema: 'ledgerflow/flow@1',
    id,
    name: id,
    nodes: all,
    edges: all.slice(1).map((n, i) => ({ from: all[i]?.id ?? 'in', to: n.id })),
    ...(settings ? { settings } : {}),
  };
}

/** An engine on a MemoryStore with a fake clock, the built-in nodes given by the test and a scripted node type. */
export function harness(flows: FlowDocument[], options: { executors?: NodeExecutor[]; owner?: string; leaseMs?: number; random?: () => number } = {}) {
  const store = new MemoryStore();
  for (const flow of flows) store.putFlow(flow, 1);
  const clock = new FakeClock();
  const script = new ScriptedNodes();
  const nodes = resolver(script.executor, ...(options.executors ?? []));
  const make = (owner: string) =>
    new Engine({ store, nodes, services: stubServices(), clock, owner, leaseMs: options.leaseMs ?? 30_000, random: options.random ?? (() => 1) });
  const engine = make(options.owner ?? 'worker-a');
  return {
    store,
    clock,
    script,
    engine,
    /** A second engine on the same store, as another process would be. */
    other: (owner: string) => make(owner),
    start: (flowId: string, input: unknown, version = 1) => engine.startRun({ flowId, flowVersion: version, input, trigger: { kind: 'manual' } }),
    /** Ticks until nothing is due now. */
    settle: async (on: Engine = engine) => {
      let total = 0;
      for (let n = await on.tick(); n > 0; n = await on.tick()) total += n;
      return total;
    },
    detail: async (runId: string) => {
      const d = await store.loadRun(runId);
      if (!d) throw new Error(`no run ${runId}`);
      return d;
    },
  };
}

/** Services for nodes that reach no outside system; the Odoo one refuses. */
export function stubServices(): NodeServices {
  return {
    odoo: async () => Promise.reject(new Error('no Odoo in engine tests')),
    fetch: async () => Promise.reject(new Error('no network in engine tests')),
    links: { run: (id) => `http://lf.test/runs/${id}`, approval: (id) => `http://lf.test/approvals/${id}` },
  };
}
