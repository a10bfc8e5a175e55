import type { FlowDocument, FlowEdge, FlowNode } from './document';
import { canonicalJson } from './hash';

/** One value that differs between two versions, at a dotted key (`config.expression`). */
export interface ValueChange {
  key: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** A node present in both versions whose running behaviour changed. */
export interface NodeChange {
  id: string;
  type: string;
  changes: ValueChange[];
}

/** What changed from one flow version to another, in terms a reviewer reads. */
export interface FlowDiff {
  /** True when nothing differs at all, canvas layout included. */
  same: boolean;
  /** Flow-level keys: name, description, settings.* */
  flow: ValueChange[];
  nodes: {
    added: Array<{ id: string; type: string }>;
    removed: Array<{ id: string; type: string }>;
    changed: NodeChange[];
    /** Ids of nodes whose canvas data (`ui`) alone changed: layout, never behaviour. */
    moved: string[];
  };
  edges: { added: FlowEdge[]; removed: FlowEdge[] };
  notes: { added: number; removed: number; changed: number };
}

/** Compares two flow documents: nodes added, removed and changed (down to config keys), edges, notes. */
export function diffFlows(a: FlowDocument, b: FlowDocument): FlowDiff {
  const before = new Map(a.nodes.map((n) => [n.id, n]));
  const after = new Map(b.nodes.map((n) => [n.id, n]));
  const added = b.nodes.filter((n) => !before.has(n.id)).map(nodeRef);
  const removed = a.nodes.filter((n) => !after.has(n.id)).map(nodeRef);
  const changed: NodeChange[] = [];
  const moved: string[] = [];
  for (const node of b.nodes) {
    const old = before.get(node.id);
    if (!old) continue;
    const changes = compareValues(behaviour(old), behaviour(node));
    if (changes.length > 0) changed.push({ id: node.id, type: node.type, changes });
    else if (canonicalJson(old.ui ?? {}) !== canonicalJson(node.ui ?? {})) moved.push(node.id);
  }
  const edgeKey = (e: FlowEdge) => `${e.from}\u0000${e.port ?? 'out'}\u0000${e.to}`;
  const edgesBefore = new Set(a.edges.map(edgeKey));
  const edgesAfter = new Set(b.edges.map(edgeKey));
  const flow = compareValues(flowLevel(a), flowLevel(b));
  const notes = diffNotes(a, b);
  const edges = { added: b.edges.filter((e) => !edgesBefore.has(edgeKey(e))), removed: a.edges.filter((e) => !edgesAfter.has(edgeKey(e))) };
  const same =
    flow.length + added.length + removed.length + changed.length + moved.length + edges.added.length + edges.removed.length === 0 &&
    notes.added + notes.removed + notes.changed === 0;
  return { same, flow, nodes: { added, removed, changed, moved }, edges, notes };
}

/** The diff as short sentences, one per change, for a versions list. */
export function describeDiff(diff: FlowDiff): string[] {
  if (diff.same) return ['No changes.'];
  const lines: string[] = [];
  for (const change of diff.flow) lines.push(`Flow ${describeChange(change)}`);
  for (const node of diff.nodes.added) lines.push(`Added ${node.type} node "${node.id}"`);
  for (const node of diff.nodes.removed) lines.push(`Removed ${node.type} node "${node.id}"`);
  for (const node of diff.nodes.changed) {
    for (const change of node.changes) lines.push(`Node "${node.id}": ${describeChange(change)}`);
  }
  for (const edge of diff.edges.added) lines.push(`Connected ${edgeLabel(edge)}`);
  for (const edge of diff.edges.removed) lines.push(`Disconnected ${edgeLabel(edge)}`);
  if (diff.nodes.moved.length > 0) lines.push(`Moved ${diff.nodes.moved.length} node(s) on the canvas`);
  const { notes } = diff;
  if (notes.added + notes.removed + notes.changed > 0) lines.push(`Sticky notes: ${notes.added} added, ${notes.removed} removed, ${notes.changed} changed`);
  return lines;
}

function nodeRef(node: FlowNode): { id: string; type: string } {
  return { id: node.id, type: node.type };
}

/** Everything about a node that can change what runs (all but `ui`). */
function behaviour(node: FlowNode): Record<string, unknown> {
  const { ui: _ui, id: _id, ...rest } = node;
  return rest;
}

function flowLevel(flow: FlowDocument): Record<string, unknown> {
  return { name: flow.name, description: flow.description, settings: flow.settings };
}

function diffNotes(a: FlowDocument, b: FlowDocument): FlowDiff['notes'] {
  const before = new Map((a.notes ?? []).map((n) => [n.id, canonicalJson(n)]));
  const after = new Map((b.notes ?? []).map((n) => [n.id, canonicalJson(n)]));
  let changed = 0;
  for (const [id, text] of after) if (before.has(id) && before.get(id) !== text) changed += 1;
  return {
    added: [...after.keys()].filter((id) => !before.has(id)).length,
    removed: [...before.keys()].filter((id) => !after.has(id)).length,
    changed,
  };
}

/** Leaf differences between two plain values; objects are walked, arrays compared whole. */
function compareValues(a: unknown, b: unknown, prefix = ''): ValueChange[] {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) => compareValues(a[key], b[key], prefix ? `${prefix}.${key}` : key));
  }
  if (a === undefined && b === undefined) return [];
  if (a === undefined) return [{ key: prefix, kind: 'added', after: b }];
  if (b === undefined) return [{ key: prefix, kind: 'removed', before: a }];
  return canonicalJson(a) === canonicalJson(b) ? [] : [{ key: prefix, kind: 'changed', before: a, after: b }];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeChange(change: ValueChange): string {
  if (change.kind === 'added') return `set ${change.key} to ${preview(change.after)}`;
  if (change.kind === 'removed') return `removed ${change.key} (was ${preview(change.before)})`;
  return `changed ${change.key} from ${preview(change.before)} to ${preview(change.after)}`;
}

function edgeLabel(edge: FlowEdge): string {
  return `${edge.from}${edge.port && edge.port !== 'out' ? `.${edge.port}` : ''} → ${edge.to}`;
}

function preview(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : canonicalJson(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
