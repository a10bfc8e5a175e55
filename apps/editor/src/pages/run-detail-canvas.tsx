import type { FlowDocument } from '@ledgerflow/flow';
import { Background, Handle, Position, ReactFlow, type Edge, type Node, type NodeProps, type NodeTypes } from '@xyflow/react';
import { useMemo } from 'react';
import { layoutFlow } from '../graph/layout';
import type { Step } from './runs-api';
import { STATUS_COLORS } from './runs-ui';

type StatusNodeData = { label: string; type: string; status: string; attempts: number; reused: boolean; selected: boolean };
type StatusNode = Node<StatusNodeData, 'status'>;

function StatusNodeCard({ data }: NodeProps<StatusNode>) {
  const color = STATUS_COLORS[data.status] ?? '#c5ccd8';
  return (
    <div className={`ops-canvas-node ${data.selected ? 'is-selected' : ''}`} style={{ borderColor: color }} data-node-status={data.status}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="ops-canvas-node-head" style={{ background: color }} />
      <div className="ops-canvas-node-body">
        <strong>{data.label}</strong>
        <span className="lf-muted">{data.type}</span>
        <span className="ops-canvas-node-status" style={{ color }}>
          {data.status === 'not-run' ? 'not run' : data.status}
          {data.reused ? ' · reused' : data.attempts > 1 ? ` · ${data.attempts} attempts` : ''}
        </span>
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

// Outside the component so React Flow never remounts the nodes.
const nodeTypes: NodeTypes = { status: StatusNodeCard };

/** The flow version a run executed, read-only, each node coloured by the status of its (latest) step. */
export function RunCanvas({ flow, steps, selected, onSelect }: { flow: FlowDocument; steps: readonly Step[]; selected?: string | undefined; onSelect: (nodeId: string) => void }) {
  const { nodes, edges } = useMemo(() => {
    const byNode = new Map<string, Step>();
    for (const step of steps) byNode.set(step.nodeId, step);
    const positions = layoutFlow(flow);
    const nodes: StatusNode[] = flow.nodes.map((n) => {
      const step = byNode.get(n.id);
      return {
        id: n.id,
        type: 'status',
        position: n.ui?.position ?? positions.get(n.id) ?? { x: 0, y: 0 },
        data: { label: n.id, type: n.type, status: step?.status ?? 'not-run', attempts: step?.attempts.length ?? 0, reused: step?.reused === true, selected: n.id === selected },
        draggable: false,
        connectable: false,
      };
    });
    const edges: Edge[] = flow.edges.map((e, i) => {
      const ran = byNode.has(e.to) && byNode.get(e.from)?.port === (e.port ?? byNode.get(e.from)?.port);
      return { id: `e${i}`, source: e.from, target: e.to, ...(e.port && e.port !== 'out' ? { label: e.port } : {}), animated: byNode.get(e.to)?.status === 'running', style: { stroke: ran ? '#7b8aa3' : '#d5dae3', strokeWidth: ran ? 2 : 1.5 } };
    });
    return { nodes, edges };
  }, [flow, steps, selected]);

  return (
    <div className="ops-canvas" data-testid="run-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        fitView
        fitViewOptions={{ padding: 0.2 }}
        proOptions={{ hideAttribution: true }}
        onNodeClick={(_, node) => onSelect(node.id)}
        minZoom={0.3}
        maxZoom={1.5}
      >
        <Background gap={18} color="#e3e7ee" />
      </ReactFlow>
    </div>
  );
}
