import type { FlowDocument, FlowNode } from './document';

/** Read-only lookups over a parsed flow that the engine and editor share. */
export interface FlowGraph {
  node(id: string): FlowNode | undefined;
  trigger(): FlowNode | undefined;
  /** Targets of the edges leaving `id` on `port`. */
  next(id: string, port: string): string[];
  /** `id` and every node downstream of it. */
  downstream(id: string): Set<string>;
}

/** Indexes a flow for repeated lookups. */
export function flowGraph(flow: FlowDocument, isTrigger: (node: FlowNode) => boolean): FlowGraph {
  const nodes = new Map(flow.nodes.map((n) => [n.id, n]));
  const byPort = new Map<string, string[]>();
  const all = new Map<string, string[]>();
  for (const edge of flow.edges) {
    const key = `${edge.from}\u0000${edge.port ?? 'out'}`;
    byPort.set(key, [...(byPort.get(key) ?? []), edge.to]);
    all.set(edge.from, [...(all.get(edge.from) ?? []), edge.to]);
  }
  return {
    node: (id) => nodes.get(id),
    trigger: () => flow.nodes.find(isTrigger),
    next: (id, port) => byPort.get(`${id}\u0000${port}`) ?? [],
    downstream(id) {
      const seen = new Set([id]);
      const stack = [id];
      while (stack.length > 0) {
        for (const next of all.get(stack.pop() ?? '') ?? []) {
          if (!seen.has(next)) {
            seen.add(next);
            stack.push(next);
          }
        }
      }
      return seen;
    },
  };
}
