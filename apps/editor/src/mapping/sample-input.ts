import type { FlowDocument, FlowNode, JsonShape, SpecResolver } from '@ledgerflow/flow';
import { evaluateExpression } from './jsonata-check';

/** What a node would receive for a given run input, worked out in the browser. */
export interface SimulatedInput {
  value: unknown;
  /** False when an upstream node talks to the outside (Odoo, e-mail) and its output is an example. */
  exact: boolean;
  /** The node ids the data passed through, trigger first. */
  via: string[];
  note?: string;
}

/**
 * Follows the first incoming edge back to the trigger and replays the pure
 * nodes (map, validate, approve) on `runInput`, so previews see what the
 * node will really get. Undefined when the node is not connected to a trigger.
 */
export async function simulateInput(flow: FlowDocument, specs: SpecResolver, nodeId: string, runInput: unknown): Promise<SimulatedInput | undefined> {
  const chain = upstreamChain(flow, specs, nodeId);
  if (!chain) return undefined;
  let value: unknown = runInput;
  let exact = true;
  let note: string | undefined;
  for (const step of chain.slice(1)) {
    const node = flow.nodes.find((n) => n.id === step.from);
    if (!node) return undefined;
    const out = await outputOf(node, step.port, value, runInput);
    if ('problem' in out) return { value: undefined, exact: false, via: chain.map((s) => s.from), note: `"${node.id}" fails on this sample: ${out.problem}` };
    value = out.value;
    if (!out.exact) {
      exact = false;
      note = `"${node.id}" talks to the outside; its output here is an example`;
    }
  }
  return { value, exact, via: chain.map((s) => s.from), ...(note ? { note } : {}) };
}

/** The JSON shape a node's input is known to have from its upstream node's spec, if any. */
export function knownInputShape(flow: FlowDocument, specs: SpecResolver, nodeId: string): JsonShape | undefined {
  const edge = flow.edges.find((e) => e.to === nodeId);
  if (!edge) return undefined;
  const upstream = flow.nodes.find((n) => n.id === edge.from);
  const spec = upstream ? specs.get(upstream.type) : undefined;
  if (!upstream || !spec?.outputShape) return undefined;
  const parsed = spec.configSchema.safeParse(upstream.config);
  return parsed.success ? spec.outputShape(parsed.data, edge.port ?? 'out') : undefined;
}

/** The trigger's `sample` config, the default preview input. */
export function triggerSample(flow: FlowDocument, specs: SpecResolver): unknown {
  const trigger = flow.nodes.find((n) => specs.get(n.type)?.inputs.length === 0);
  return trigger?.config.sample;
}

interface ChainStep {
  /** A node on the way, and the port its data leaves on towards the next one. */
  from: string;
  port: string;
}

/** Trigger → … → node along first incoming edges; undefined without a path or on a loop. */
function upstreamChain(flow: FlowDocument, specs: SpecResolver, nodeId: string): ChainStep[] | undefined {
  const chain: ChainStep[] = [{ from: nodeId, port: '' }];
  const seen = new Set([nodeId]);
  let at = nodeId;
  for (;;) {
    const node = flow.nodes.find((n) => n.id === at);
    if (!node) return undefined;
    if (specs.get(node.type)?.inputs.length === 0) break;
    const edge = flow.edges.find((e) => e.to === at);
    if (!edge || seen.has(edge.from)) return undefined;
    seen.add(edge.from);
    chain.unshift({ from: edge.from, port: edge.port ?? 'out' });
    at = edge.from;
  }
  // chain[i] is the node, chain[i].port the port towards chain[i + 1]; replay from the trigger's successor.
  return chain.slice(0, -1).map((step, i) => ({ from: chain[i + 1]?.from ?? step.from, port: step.port })).length === 0
    ? [{ from: nodeId, port: '' }]
    : [{ from: chain[0]?.from ?? nodeId, port: chain[0]?.port ?? 'out' }, ...chain.slice(1, -1).map((s, i) => ({ from: s.from, port: chain[i + 1]?.port ?? 'out' }))];
}

async function outputOf(node: FlowNode, port: string, input: unknown, runInput: unknown): Promise<{ value: unknown; exact: boolean } | { problem: string }> {
  switch (node.type) {
    case 'map': {
      const expression = typeof node.config.expression === 'string' ? node.config.expression : '$';
      const result = await evaluateExpression(expression, input, { run: { id: 'preview', input: runInput } });
      return result.ok ? { value: result.value ?? null, exact: true } : { problem: result.problem.message };
    }
    case 'validate':
      return port === 'invalid' ? { value: { input, errors: [{ path: '', message: 'example problem' }] }, exact: false } : { value: input, exact: true };
    case 'post-to-odoo':
      return { value: { model: node.config.model ?? 'account.move', id: 1, created: true }, exact: false };
    case 'notify':
      return { value: { channel: node.config.channel ?? 'email', delivered: true }, exact: false };
    default:
      return { value: input, exact: true };
  }
}
