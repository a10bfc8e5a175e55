import type { FlowDocument, Issue } from '@ledgerflow/flow';
import { edgeId } from './doc-edits';

/** A validation issue, placed on the canvas element it is about. */
export interface PlacedIssue extends Issue {
  nodeId?: string;
  edgeId?: string;
  /** The path inside the node's config (`key.value`), for inline form errors. */
  configPath?: string;
  /** The path inside the node's retry policy, for inline form errors. */
  retryPath?: string;
}

export interface IssueIndex {
  all: PlacedIssue[];
  byNode: ReadonlyMap<string, PlacedIssue[]>;
  byEdge: ReadonlyMap<string, PlacedIssue[]>;
}

/** Sorts validateFlow's issues onto nodes and edges by their `nodes.3…` / `edges.1…` paths. */
export function indexIssues(flow: FlowDocument, issues: ReadonlyArray<Issue>): IssueIndex {
  const byNode = new Map<string, PlacedIssue[]>();
  const byEdge = new Map<string, PlacedIssue[]>();
  const all = issues.map((issue): PlacedIssue => {
    const [root, index, section, ...rest] = issue.path.split('.');
    const at = Number(index);
    if (root === 'nodes' && Number.isInteger(at)) {
      const node = flow.nodes[at];
      if (!node) return issue;
      const placed: PlacedIssue = { ...issue, nodeId: node.id, ...(section === 'config' ? { configPath: rest.join('.') } : {}), ...(section === 'retry' ? { retryPath: rest.join('.') } : {}) };
      byNode.set(node.id, [...(byNode.get(node.id) ?? []), placed]);
      return placed;
    }
    if (root === 'edges' && Number.isInteger(at)) {
      const edge = flow.edges[at];
      if (!edge) return issue;
      const placed: PlacedIssue = { ...issue, edgeId: edgeId(edge) };
      byEdge.set(placed.edgeId ?? '', [...(byEdge.get(placed.edgeId ?? '') ?? []), placed]);
      return placed;
    }
    return issue;
  });
  return { all, byNode, byEdge };
}

/** Drops the `node "x": ` prefix validateFlow adds, for display next to that node. */
export function shortMessage(issue: Issue): string {
  return issue.message.replace(/^node "[^"]+": /, '');
}
