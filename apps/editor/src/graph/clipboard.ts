import { z } from 'zod';
import { flowEdgeSchema, flowNodeSchema, stickyNoteSchema, type FlowDocument, type FlowEdge, type FlowNode } from '@ledgerflow/flow';
import { edgeId, nextId, type Selection, type XY } from './doc-edits';

const clipboardSchema = z.object({
  kind: z.literal('ledgerflow/clipboard@1'),
  nodes: z.array(flowNodeSchema),
  edges: z.array(flowEdgeSchema),
  notes: z.array(stickyNoteSchema),
});

/** What copy puts aside: the selected nodes, the edges between them, and notes. */
export interface ClipboardContent {
  kind: 'ledgerflow/clipboard@1';
  nodes: FlowNode[];
  edges: FlowEdge[];
  notes: NonNullable<FlowDocument['notes']>;
}

/** Copies the selection; edges come along only when both ends are copied. */
export function copySelection(flow: FlowDocument, selection: Selection): ClipboardContent | undefined {
  const ids = new Set(selection.nodes);
  const noteIds = new Set(selection.notes);
  const nodes = flow.nodes.filter((n) => ids.has(n.id));
  const notes = (flow.notes ?? []).filter((n) => noteIds.has(n.id));
  if (nodes.length === 0 && notes.length === 0) return undefined;
  const edges = flow.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  return structuredClone({ kind: 'ledgerflow/clipboard@1', nodes, edges, notes });
}

/** Reads clipboard text written by `copySelection` (e.g. from another tab), if it is ours. */
export function parseClipboard(text: string): ClipboardContent | undefined {
  try {
    const parsed = clipboardSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Pastes copied nodes with fresh ids, shifted by `offset`, keeping the edges
 * between them. Returns the new selection.
 */
export function pasteClipboard(flow: FlowDocument, content: ClipboardContent, offset: XY): { flow: FlowDocument; selection: Selection } {
  const taken = new Set(flow.nodes.map((n) => n.id));
  const renamed = new Map<string, string>();
  const nodes = content.nodes.map((node) => {
    const id = nextId(taken, node.id.replace(/-\d+$/, ''));
    taken.add(id);
    renamed.set(node.id, id);
    const position = node.ui?.position ?? { x: 0, y: 0 };
    return { ...structuredClone(node), id, ui: { ...node.ui, position: { x: position.x + offset.x, y: position.y + offset.y } } };
  });
  const edges = content.edges.flatMap((edge) => {
    const from = renamed.get(edge.from);
    const to = renamed.get(edge.to);
    return from && to ? [{ ...edge, from, to }] : [];
  });
  const takenNotes = new Set((flow.notes ?? []).map((n) => n.id));
  const notes = content.notes.map((note) => {
    const id = nextId(takenNotes, 'note');
    takenNotes.add(id);
    return { ...note, id, position: { x: note.position.x + offset.x, y: note.position.y + offset.y } };
  });
  const next: FlowDocument = {
    ...flow,
    nodes: [...flow.nodes, ...nodes],
    edges: [...flow.edges, ...edges],
    ...(notes.length > 0 || flow.notes ? { notes: [...(flow.notes ?? []), ...notes] } : {}),
  };
  return { flow: next, selection: { nodes: nodes.map((n) => n.id), edges: edges.map(edgeId), notes: notes.map((n) => n.id) } };
}
