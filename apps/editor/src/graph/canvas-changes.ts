import type { EdgeChange, NodeChange } from '@xyflow/react';
import type { Selection, XY } from './doc-edits';
import type { Size } from './layout';
import { noteIdOf, type CanvasEdge, type CanvasNode } from './to-canvas';

/** React Flow's change events, sorted into what the store cares about. */
export interface SortedChanges {
  positions: Map<string, XY>;
  notePositions: Map<string, XY>;
  measured: Map<string, Size>;
  /** The selection after the changes, when any select change came in. */
  selection?: Selection;
}

/**
 * Sorts node and edge changes. Removals are ignored: deleting goes through
 * the store's deleteSelection so it is one undo step with its edges.
 */
export function sortChanges(nodeChanges: ReadonlyArray<NodeChange<CanvasNode>>, edgeChanges: ReadonlyArray<EdgeChange<CanvasEdge>>, current: Selection): SortedChanges {
  const positions = new Map<string, XY>();
  const notePositions = new Map<string, XY>();
  const measured = new Map<string, Size>();
  let nodes: Set<string> | undefined;
  let notes: Set<string> | undefined;
  let edges: Set<string> | undefined;
  for (const change of nodeChanges) {
    if (change.type === 'position' && change.position) {
      const note = noteIdOf(change.id);
      if (note) notePositions.set(note, change.position);
      else positions.set(change.id, change.position);
    } else if (change.type === 'dimensions' && change.dimensions) {
      measured.set(change.id, { width: change.dimensions.width, height: change.dimensions.height });
    } else if (change.type === 'select') {
      const note = noteIdOf(change.id);
      const set = note ? (notes ??= new Set(current.notes)) : (nodes ??= new Set(current.nodes));
      const id = note ?? change.id;
      if (change.selected) set.add(id);
      else set.delete(id);
    }
  }
  for (const change of edgeChanges) {
    if (change.type === 'select') {
      edges ??= new Set(current.edges);
      if (change.selected) edges.add(change.id);
      else edges.delete(change.id);
    }
  }
  const changedSelection = nodes || notes || edges;
  return {
    positions,
    notePositions,
    measured,
    ...(changedSelection
      ? { selection: { nodes: [...(nodes ?? current.nodes)], edges: [...(edges ?? current.edges)], notes: [...(notes ?? current.notes)] } }
      : {}),
  };
}
