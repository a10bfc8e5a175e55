import type { FlowDocument, FlowEdge, FlowNode } from '@ledgerflow/flow';

/** Canvas coordinates. */
export interface XY {
  x: number;
  y: number;
}

/** The ids of what is selected on the canvas. */
export interface Selection {
  nodes: string[];
  edges: string[];
  notes: string[];
}

/** A path into config: keys and list indexes. */
export type FieldPathLike = ReadonlyArray<string | number>;

export const EMPTY_SELECTION: Selection = { nodes: [], edges: [], notes: [] };

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Stable edge id, also used as the canvas edge id. */
export function edgeId(edge: FlowEdge): string {
  return `${edge.from}:${edge.port ?? 'out'}->${edge.to}`;
}

/** The first free id from `base`, `base-2`, `base-3`… */
export function nextId(taken: ReadonlySet<string>, base: string): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i += 1) {
    const candidate = `${base}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A short id base for a new node of this type. */
export function idBase(type: string): string {
  return type === 'post-to-odoo' ? 'post' : type;
}

/** Adds a node with a starter config at a canvas position. */
export function addNode(flow: FlowDocument, type: string, config: Record<string, unknown>, position: XY): { flow: FlowDocument; id: string } {
  const id = nextId(new Set(flow.nodes.map((n) => n.id)), idBase(type));
  const node: FlowNode = { id, type, config, ui: { position: roundXY(position) } };
  return { flow: { ...flow, nodes: [...flow.nodes, node] }, id };
}

/** Removes nodes (with the edges touching them), edges and sticky notes. */
export function removeElements(flow: FlowDocument, selection: Selection): FlowDocument {
  const nodes = new Set(selection.nodes);
  const edges = new Set(selection.edges);
  const notes = new Set(selection.notes);
  return {
    ...flow,
    nodes: flow.nodes.filter((n) => !nodes.has(n.id)),
    edges: flow.edges.filter((e) => !edges.has(edgeId(e)) && !nodes.has(e.from) && !nodes.has(e.to)),
    ...(flow.notes ? { notes: flow.notes.filter((n) => !notes.has(n.id)) } : {}),
  };
}

/** Adds an edge; `out` is written as no port, as in hand-written flows. */
export function connect(flow: FlowDocument, from: string, port: string, to: string): FlowDocument {
  const edge: FlowEdge = port === 'out' ? { from, to } : { from, port, to };
  return { ...flow, edges: [...flow.edges, edge] };
}

/** Moves nodes and notes; positions live under `ui` only. */
export function moveElements(flow: FlowDocument, positions: ReadonlyMap<string, XY>, notePositions: ReadonlyMap<string, XY> = new Map()): FlowDocument {
  const nodes = flow.nodes.map((node) => {
    const at = positions.get(node.id);
    return at ? { ...node, ui: { ...node.ui, position: roundXY(at) } } : node;
  });
  const notes = flow.notes?.map((note) => {
    const at = notePositions.get(note.id);
    return at ? { ...note, position: roundXY(at) } : note;
  });
  return { ...flow, nodes, ...(notes ? { notes } : {}) };
}

/** Replaces one node through `change`. */
export function updateNode(flow: FlowDocument, id: string, change: (node: FlowNode) => FlowNode): FlowDocument {
  return { ...flow, nodes: flow.nodes.map((n) => (n.id === id ? change(n) : n)) };
}

/** Renames a node and rewires its edges, or explains why the id cannot be used. */
export function renameNode(flow: FlowDocument, from: string, to: string): { flow: FlowDocument } | { error: string } {
  if (from === to) return { flow };
  if (!ID_PATTERN.test(to) || to.length > 100) return { error: 'use letters, digits, "_", "-" or "." and start with a letter or digit' };
  if (flow.nodes.some((n) => n.id === to)) return { error: `a node "${to}" already exists` };
  return {
    flow: {
      ...flow,
      nodes: flow.nodes.map((n) => (n.id === from ? { ...n, id: to } : n)),
      edges: flow.edges.map((e) => ({ ...e, from: e.from === from ? to : e.from, to: e.to === from ? to : e.to })),
    },
  };
}

/** Adds a sticky note. */
export function addNote(flow: FlowDocument, position: XY, text = ''): { flow: FlowDocument; id: string } {
  const notes = flow.notes ?? [];
  const id = nextId(new Set(notes.map((n) => n.id)), 'note');
  return { flow: { ...flow, notes: [...notes, { id, text, position: roundXY(position) }] }, id };
}

/** Changes a sticky note's text or colour. */
export function updateNote(flow: FlowDocument, id: string, patch: { text?: string; color?: string }): FlowDocument {
  return { ...flow, notes: (flow.notes ?? []).map((n) => (n.id === id ? { ...n, ...patch } : n)) };
}

/** Sets (or, for undefined, deletes) a value at a dotted path inside a plain object, immutably. */
export function setAtPath(target: Record<string, unknown>, path: ReadonlyArray<string | number>, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return target;
  const key = String(head);
  const current = target[key];
  let next: unknown = value;
  if (rest.length > 0) {
    if (typeof rest[0] === 'number') {
      const list = Array.isArray(current) ? [...current] : [];
      const index = rest[0];
      const inner = rest.slice(1);
      const item: unknown = list[index];
      list[index] = inner.length === 0 ? value : setAtPath(isRecord(item) ? item : {}, inner, value);
      next = list;
    } else {
      next = setAtPath(isRecord(current) ? current : {}, rest, value);
    }
  }
  const copy = { ...target };
  if (next === undefined) delete copy[key];
  else copy[key] = next;
  return copy;
}

/** Reads the value at a path inside plain data. */
export function getAtPath(target: unknown, path: ReadonlyArray<string | number>): unknown {
  let at: unknown = target;
  for (const key of path) {
    if (Array.isArray(at) && typeof key === 'number') at = at[key];
    else if (isRecord(at)) at = at[String(key)];
    else return undefined;
  }
  return at;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function roundXY(at: XY): XY {
  return { x: Math.round(at.x), y: Math.round(at.y) };
}
