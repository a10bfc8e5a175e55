import type { Edge, Node } from '@xyflow/react';
import type { FlowDocument, FlowEdge, FlowNode, PortSpec, SpecResolver } from '@ledgerflow/flow';
import type { StepView } from '../api/schemas';
import { edgeId, type Selection, type XY } from './doc-edits';
import type { IssueIndex, PlacedIssue } from './issue-index';
import { layoutFlow, type Size } from './layout';
import { outputPorts } from './node-ports';
import { nodeSummary } from './node-summary';

/** What the canvas shows for one flow node. */
export type FlowNodeData = {
  node: FlowNode;
  title: string;
  typeTitle: string;
  icon: string;
  summary: string;
  outputs: PortSpec[];
  isTrigger: boolean;
  known: boolean;
  issues: PlacedIssue[];
  step?: StepView;
};

export type NoteData = { text: string; color?: string };

export type FlowCanvasNode = Node<FlowNodeData, 'flow'>;
export type NoteCanvasNode = Node<NoteData, 'note'>;
export type CanvasNode = FlowCanvasNode | NoteCanvasNode;
export type CanvasEdge = Edge<{ port: string; issues: PlacedIssue[] }>;

export const NOTE_PREFIX = 'note:';

export interface CanvasInput {
  flow: FlowDocument;
  selection: Selection;
  measured: ReadonlyMap<string, Size>;
  issues: IssueIndex;
  steps: ReadonlyMap<string, StepView>;
}

/**
 * Turns the document into React Flow nodes and edges. Objects for unchanged
 * nodes are reused, so React Flow only re-renders what changed (this matters
 * for large flows while dragging).
 */
export function createCanvasModel(specs: SpecResolver) {
  const nodeCache = new Map<string, { source: FlowNode; measured: Size | undefined; at: XY; signature: string; view: FlowCanvasNode }>();
  const edgeCache = new Map<string, { source: FlowEdge; signature: string; view: CanvasEdge }>();
  let fallback: { flow: FlowDocument['nodes']; edges: FlowDocument['edges']; positions: Map<string, XY> } | undefined;

  /** Positions for nodes that have none (hand-written flows): laid out, not written to the document. */
  function fallbackPositions(flow: FlowDocument): ReadonlyMap<string, XY> {
    if (flow.nodes.every((n) => n.ui?.position)) return new Map();
    if (fallback && fallback.flow === flow.nodes && fallback.edges === flow.edges) return fallback.positions;
    fallback = { flow: flow.nodes, edges: flow.edges, positions: layoutFlow(flow) };
    return fallback.positions;
  }

  function nodes(input: CanvasInput): CanvasNode[] {
    const { flow, selection, measured, issues, steps } = input;
    const selected = new Set(selection.nodes);
    const laidOut = fallbackPositions(flow);
    const out: CanvasNode[] = [];
    const seen = new Set<string>();
    for (const node of flow.nodes) {
      seen.add(node.id);
      const nodeIssues = issues.byNode.get(node.id) ?? [];
      const step = steps.get(node.id);
      const size = measured.get(node.id);
      const at = node.ui?.position ?? laidOut.get(node.id) ?? { x: 0, y: 0 };
      const signature = `${selected.has(node.id)}|${nodeIssues.map((i) => i.message).join('\u0000')}|${stepSignature(step)}`;
      const cached = nodeCache.get(node.id);
      if (cached && cached.source === node && cached.measured === size && cached.signature === signature && cached.at.x === at.x && cached.at.y === at.y) {
        out.push(cached.view);
        continue;
      }
      const spec = specs.get(node.type);
      const view: FlowCanvasNode = {
        id: node.id,
        type: 'flow',
        position: at,
        selected: selected.has(node.id),
        ...(size ? { measured: size } : {}),
        data: {
          node,
          title: node.name || node.id,
          typeTitle: spec?.title ?? node.type,
          icon: spec?.icon ?? '?',
          summary: nodeSummary(node),
          outputs: outputPorts(node, spec),
          isTrigger: spec?.inputs.length === 0,
          known: spec !== undefined,
          issues: nodeIssues,
          ...(step ? { step } : {}),
        },
      };
      nodeCache.set(node.id, { source: node, measured: size, at, signature, view });
      out.push(view);
    }
    for (const id of nodeCache.keys()) if (!seen.has(id)) nodeCache.delete(id);
    const notesSelected = new Set(selection.notes);
    for (const note of flow.notes ?? []) {
      const id = `${NOTE_PREFIX}${note.id}`;
      const size = measured.get(id);
      out.push({
        id,
        type: 'note',
        position: note.position,
        selected: notesSelected.has(note.id),
        zIndex: -1,
        ...(size ? { measured: size } : {}),
        data: { text: note.text, ...(note.color ? { color: note.color } : {}) },
      });
    }
    return out;
  }

  function edges(input: CanvasInput): CanvasEdge[] {
    const { flow, selection, issues, steps } = input;
    const selected = new Set(selection.edges);
    const out: CanvasEdge[] = [];
    for (const edge of flow.edges) {
      const id = edgeId(edge);
      const edgeIssues = issues.byEdge.get(id) ?? [];
      const port = edge.port ?? 'out';
      const fromStep = steps.get(edge.from);
      const taken = fromStep?.status === 'succeeded' && (fromStep.port ?? 'out') === port && steps.has(edge.to);
      const signature = `${selected.has(id)}|${edgeIssues.length}|${taken}`;
      const cached = edgeCache.get(id);
      if (cached && cached.source === edge && cached.signature === signature) {
        out.push(cached.view);
        continue;
      }
      const classes = [edgeIssues.length > 0 ? 'lf-edge-problem' : '', taken ? 'lf-edge-taken' : '', port === 'invalid' || port === 'rejected' ? 'lf-edge-unhappy' : ''];
      const view: CanvasEdge = {
        id,
        source: edge.from,
        sourceHandle: port,
        target: edge.to,
        targetHandle: 'in',
        selected: selected.has(id),
        className: classes.filter(Boolean).join(' '),
        ...(port === 'out' ? {} : { label: port }),
        data: { port, issues: edgeIssues },
      };
      edgeCache.set(id, { source: edge, signature, view });
      out.push(view);
    }
    return out;
  }

  return { nodes, edges };
}

function stepSignature(step: StepView | undefined): string {
  if (!step) return '';
  return `${step.status}|${step.attempts.length}|${String(step.finishedAt ?? '')}|${step.error?.message ?? ''}`;
}

/** Canvas id → the sticky note id, or undefined for flow nodes. */
export function noteIdOf(canvasId: string): string | undefined {
  return canvasId.startsWith(NOTE_PREFIX) ? canvasId.slice(NOTE_PREFIX.length) : undefined;
}
