import type { FlowDocument, FlowEdge, FlowNode, JsonShape, SpecResolver } from '@ledgerflow/flow';
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
  const path = pathFromTrigger(flow, specs, nodeId);
  if (!path) return undefined;
  const via = path.length === 0 ? [nodeId] : [...path.map((e) => e.from), nodeId];
  let value: unknown = runInput;
  let exact = true;
  let note: string | undefined;
  for (const edge of path) {
    const node = flow.nodes.find((n) => n.id === edge.from);
    if (!node) return undefined;
    if (specs.get(node.type)?.inputs.length === 0) continue; // the trigger passes the run input on
    const out = await outputOf(node, edge.port ?? 'out', value, runInput);
    if ('problem' in out) return { value: undefined, exact: false, via, note: `"${node.id}" fails on this sample: ${out.problem}` };
    value = out.value;
    if (!out.exact) {
      exact = false;
      note = `"${node.id}" talks to the outside or branches on data; its output here is an example`;
    }
  }
  return { value, exact, via, ...(note ? { note } : {}) };
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

/** The edges trigger → … → node along first incoming edges; [] for the trigger itself; undefined when unreachable. */
function pathFromTrigger(flow: FlowDocument, specs: SpecResolver, nodeId: string): FlowEdge[] | undefined {
  const path: FlowEdge[] = [];
  const seen = new Set([nodeId]);
  let at = nodeId;
  for (;;) {
    const node = flow.nodes.find((n) => n.id === at);
    if (!node) return undefined;
    if (specs.get(node.type)?.inputs.length === 0) return path;
    const edge = flow.edges.find((e) => e.to === at);
    if (!edge || seen.has(edge.from)) return undefined;
    seen.add(edge.from);
    path.unshift(edge);
    at = edge.from;
  }
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
