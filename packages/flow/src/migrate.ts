import { FLOW_SCHEMA } from './document';

/**
 * Brings a document of an older schema up to `ledgerflow/flow@1`. Older
 * documents are migrated, never refused. The only older form is the
 * pre-release `ledgerflow/flow@0`, which called `edges[].port` `fromPort`
 * and kept positions at `node.position`.
 */
export function migrateFlow(input: unknown): unknown {
  if (!isRecord(input)) return input;
  if (input.schema === FLOW_SCHEMA) return input;
  if (input.schema !== undefined && input.schema !== 'ledgerflow/flow@0') return input;
  const nodes = Array.isArray(input.nodes) ? input.nodes.map(migrateNode) : input.nodes;
  const edges = Array.isArray(input.edges) ? input.edges.map(migrateEdge) : input.edges;
  return { ...input, schema: FLOW_SCHEMA, nodes, edges };
}

function migrateNode(node: unknown): unknown {
  if (!isRecord(node) || !('position' in node)) return node;
  const { position, ...rest } = node;
  const ui = isRecord(rest.ui) ? rest.ui : {};
  return { ...rest, ui: { ...ui, position } };
}

function migrateEdge(edge: unknown): unknown {
  if (!isRecord(edge) || !('fromPort' in edge)) return edge;
  const { fromPort, ...rest } = edge;
  return { ...rest, port: fromPort };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
