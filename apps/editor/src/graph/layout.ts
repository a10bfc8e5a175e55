import dagre from '@dagrejs/dagre';
import type { FlowDocument } from '@ledgerflow/flow';
import type { XY } from './doc-edits';

export interface Size {
  width: number;
  height: number;
}

/** Node size used before the canvas has measured a node. */
export const DEFAULT_NODE_SIZE: Size = { width: 200, height: 84 };

/**
 * Left-to-right layered layout (dagre). Returns top-left positions for every
 * node; sticky notes stay where they are.
 */
export function layoutFlow(flow: FlowDocument, sizes: ReadonlyMap<string, Size> = new Map()): Map<string, XY> {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 36, ranksep: 64, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of flow.nodes) {
    const size = sizes.get(node.id) ?? DEFAULT_NODE_SIZE;
    graph.setNode(node.id, { width: size.width, height: size.height });
  }
  const ids = new Set(flow.nodes.map((n) => n.id));
  flow.edges.forEach((edge, i) => {
    if (ids.has(edge.from) && ids.has(edge.to)) graph.setEdge(edge.from, edge.to, {}, `e${i}`);
  });
  dagre.layout(graph);
  const positions = new Map<string, XY>();
  for (const node of flow.nodes) {
    const placed = graph.node(node.id);
    const size = sizes.get(node.id) ?? DEFAULT_NODE_SIZE;
    positions.set(node.id, { x: Math.round(placed.x - size.width / 2), y: Math.round(placed.y - size.height / 2) });
  }
  return positions;
}
