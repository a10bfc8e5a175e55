import { useCallback, useMemo, useState, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  ConnectionLineType,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
} from '@xyflow/react';
import { sortChanges } from '../../graph/canvas-changes';
import { createCanvasModel, type CanvasEdge, type CanvasNode } from '../../graph/to-canvas';
import { stepsByNode } from '../../run/run-status';
import { useEditor, useEditorState } from '../editor/editor-context';
import { FIT_OPTIONS } from './view-options';
import { nodeTypes, TYPE_COLORS } from './node-types';
import { DRAG_TYPE } from './Palette';

const defaultEdgeOptions = { type: 'smoothstep', markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 } } as const;
/** Above this many nodes the canvas renders only what is visible and drops shadows (see bench/editor-render.ts). */
const LARGE_FLOW = 150;
const minimapStyle = { width: 168, height: 112 } as const;
const fitViewOptions = { padding: FIT_OPTIONS.padding, maxZoom: FIT_OPTIONS.maxZoom } as const;

function minimapColor(node: CanvasNode): string {
  return node.type === 'flow' ? (TYPE_COLORS[node.data.node.type] ?? '#94a3b8') : '#f6e58d';
}

/** The drawing surface: a thin React Flow layer over the editor store. */
export function FlowCanvas() {
  const { editor, specs } = useEditor();
  const { actions, store } = editor;
  const rf = useReactFlow();
  const model = useMemo(() => createCanvasModel(specs), [specs]);
  const flow = useEditorState((s) => s.flow);
  const selection = useEditorState((s) => s.selection);
  const measured = useEditorState((s) => s.measured);
  const issues = useEditorState((s) => s.issues);
  const run = useEditorState((s) => s.run);
  const steps = useMemo(() => stepsByNode(run), [run]);
  // Fit only a flow that opens with nodes; on an empty canvas, drops must land where the pointer is.
  const [fitOnOpen] = useState(() => store.get().flow.nodes.length > 0);
  const nodes = useMemo(() => model.nodes({ flow, selection, measured, issues, steps }), [model, flow, selection, measured, issues, steps]);
  const edges = useMemo(() => model.edges({ flow, selection, measured, issues, steps }), [model, flow, selection, measured, issues, steps]);

  const applyChanges = useCallback(
    (nodeChanges: NodeChange<CanvasNode>[], edgeChanges: EdgeChange<CanvasEdge>[]) => {
      const sorted = sortChanges(nodeChanges, edgeChanges, store.get().selection);
      if (sorted.measured.size > 0) actions.setMeasured(sorted.measured);
      if (sorted.positions.size > 0 || sorted.notePositions.size > 0) actions.move(sorted.positions, sorted.notePositions);
      if (sorted.selection) actions.select(sorted.selection);
    },
    [actions, store],
  );
  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => applyChanges(changes, []), [applyChanges]);
  const onEdgesChange = useCallback((changes: EdgeChange<CanvasEdge>[]) => applyChanges([], changes), [applyChanges]);

  const isValidConnection: IsValidConnection<CanvasEdge> = useCallback(
    (c) => actions.canConnect({ source: c.source, sourceHandle: c.sourceHandle ?? null, target: c.target, targetHandle: c.targetHandle ?? null }).ok,
    [actions],
  );
  const onConnect = useCallback((c: Connection) => void actions.connect(c), [actions]);
  // A refused connection says why, right where the user let go.
  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid !== false || !state.fromNode || !state.toNode || !state.fromHandle) return;
      const fromSource = state.fromHandle.type === 'source';
      const attempt = fromSource
        ? { source: state.fromNode.id, sourceHandle: state.fromHandle.id ?? null, target: state.toNode.id, targetHandle: state.toHandle?.id ?? null }
        : { source: state.toNode.id, sourceHandle: state.toHandle?.id ?? null, target: state.fromNode.id, targetHandle: state.fromHandle.id ?? null };
      actions.connect(attempt);
    },
    [actions],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(DRAG_TYPE);
      if (!type) return;
      event.preventDefault();
      const at = rf.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      if (type === 'note') actions.addNote({ x: at.x - 100, y: at.y - 20 });
      else actions.addNode(type, { x: at.x - 110, y: at.y - 40 });
    },
    [actions, rf],
  );

  return (
    <div className={flow.nodes.length > LARGE_FLOW ? 'lf-canvas is-large' : 'lf-canvas'} onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onNodeDragStart={actions.beginMove}
        onSelectionDragStart={actions.beginMove}
        defaultEdgeOptions={defaultEdgeOptions}
        connectionLineType={ConnectionLineType.SmoothStep}
        connectionRadius={28}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        fitView={fitOnOpen}
        fitViewOptions={fitViewOptions}
        minZoom={0.1}
        maxZoom={2}
        onlyRenderVisibleElements={flow.nodes.length > LARGE_FLOW}
        proOptions={{ hideAttribution: true }}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#c9ced8" />
        <MiniMap<CanvasNode> style={minimapStyle} pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={2} maskColor="rgba(240,242,246,0.7)" />
        <Controls showInteractive={false} position="bottom-left" />
      </ReactFlow>
      {flow.nodes.length === 0 ? (
        <div className="lf-canvas-empty" data-testid="canvas-empty">
          <div className="lf-empty-icon" aria-hidden>
            ⚡
          </div>
          <h2>Start with a trigger</h2>
          <p>
            Drag <strong>Trigger</strong> from the left onto the canvas, then add the steps after it and connect them port to port.
          </p>
          <p className="lf-muted">Press ? for keyboard shortcuts.</p>
        </div>
      ) : null}
    </div>
  );
}
