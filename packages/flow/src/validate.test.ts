import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validateFlow } from './validate';
import { specResolver, type NodeSpec } from './node-spec';
import { migrateFlow } from './migrate';
import { flowHash } from './hash';
import { parseDuration } from './duration';

const trigger: NodeSpec<{ kind?: string }> = { type: 'trigger', version: 1, title: 'T', description: '', icon: '', configSchema: z.object({ kind: z.string().optional() }), inputs: [], outputs: () => [{ name: 'out' }] };
const step: NodeSpec<{ n: number }> = { type: 'step', version: 1, title: 'S', description: '', icon: '', configSchema: z.object({ n: z.number() }), inputs: [{ name: 'in' }], outputs: () => [{ name: 'out' }, { name: 'other' }], aliases: ['old-step'] };
const specs = specResolver([trigger, step] as NodeSpec[]);

const base = {
  schema: 'ledgerflow/flow@1',
  id: 'f',
  name: 'F',
  nodes: [
    { id: 'in', type: 'trigger', config: {} },
    { id: 'a', type: 'step', config: { n: 1 } },
  ],
  edges: [{ from: 'in', to: 'a' }],
};

describe('validateFlow', () => {
  it('accepts a good flow and finds node types by alias', () => {
    expect(validateFlow(base, specs)).toMatchObject({ ok: true, issues: [] });
    expect(validateFlow({ ...base, nodes: [base.nodes[0], { id: 'a', type: 'old-step', config: { n: 1 } }] }, specs).ok).toBe(true);
  });

  it('reports every problem at once, each naming the node and field', () => {
    const flow = {
      ...base,
      nodes: [
        { id: 'in', type: 'trigger', config: {} },
        { id: 'a', type: 'step', config: { n: 'one' } },
        { id: 'b', type: 'mystery', config: {} },
        { id: 'lonely', type: 'step', config: { n: 2 } },
      ],
      edges: [
        { from: 'in', to: 'a' },
        { from: 'a', to: 'ghost' },
        { from: 'in', port: 'nope', to: 'b' },
        { from: 'b', to: 'in' },
      ],
    };
    const { ok, issues } = validateFlow(flow, specs);
    expect(ok).toBe(false);
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    expect(byPath['nodes.1.config.n']).toContain('node "a"');
    expect(byPath['nodes.2.type']).toContain('unknown type "mystery"');
    expect(byPath['edges.1.to']).toContain('missing node "ghost"');
    expect(byPath['edges.2.port']).toContain('no output port "nope"');
    expect(byPath['edges.3.to']).toContain('trigger');
    expect(byPath['nodes.3']).toContain('cannot be reached');
  });

  it('finds cycles and counts triggers', () => {
    const cyclic = { ...base, nodes: [...base.nodes, { id: 'b', type: 'step', config: { n: 1 } }], edges: [{ from: 'in', to: 'a' }, { from: 'a', to: 'b' }, { from: 'b', to: 'a' }] };
    expect(validateFlow(cyclic, specs).issues.map((i) => i.message)).toContainEqual(expect.stringContaining('cycle: a → b → a'));
    const none = { ...base, nodes: [{ id: 'a', type: 'step', config: { n: 1 } }], edges: [] };
    expect(validateFlow(none, specs).issues[0]?.message).toContain('no trigger');
    const two = { ...base, nodes: [...base.nodes, { id: 'in2', type: 'trigger', config: {} }] };
    expect(validateFlow(two, specs).issues.map((i) => i.message)).toContainEqual(expect.stringContaining('2 triggers'));
  });

  it('reports a bad document shape with zod paths', () => {
    const { issues } = validateFlow({ schema: 'ledgerflow/flow@1', id: '', name: 3, nodes: [{ id: 'x' }] }, specs);
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['id', 'name', 'nodes.0.type']));
  });
});

describe('versions and migration', () => {
  it('migrates a pre-release @0 document instead of refusing it', () => {
    const old = { schema: 'ledgerflow/flow@0', id: 'f', name: 'F', nodes: [{ id: 'in', type: 'trigger', config: {}, position: { x: 1, y: 2 } }, { id: 'a', type: 'step', config: { n: 1 } }], edges: [{ from: 'in', fromPort: 'out', to: 'a' }] };
    const check = validateFlow(old, specs);
    expect(check.ok).toBe(true);
    expect(check.flow?.nodes[0]?.ui?.position).toEqual({ x: 1, y: 2 });
    expect(migrateFlow(base)).toBe(base);
  });

  it('hashes content, not key order', async () => {
    const parsed = validateFlow(base, specs).flow;
    const reordered = validateFlow({ edges: base.edges, nodes: base.nodes, name: 'F', id: 'f', schema: 'ledgerflow/flow@1' }, specs).flow;
    if (!parsed || !reordered) throw new Error('expected valid flows');
    expect(await flowHash(parsed)).toBe(await flowHash(reordered));
    expect(await flowHash({ ...parsed, name: 'G' })).not.toBe(await flowHash(parsed));
  });

  it('parses ISO 8601 durations', () => {
    expect(parseDuration('PT30M')).toBe(1_800_000);
    expect(parseDuration('P1DT12H')).toBe(129_600_000);
    expect(parseDuration('P3D')).toBe(259_200_000);
    expect(parseDuration('P1M')).toBeUndefined();
    expect(parseDuration('soon')).toBeUndefined();
  });
});
