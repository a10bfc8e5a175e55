import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { TypeIcon } from '../common/TypeIcon';
import { shortMessage } from '../../graph/issue-index';
import type { FlowCanvasNode } from '../../graph/to-canvas';
import { durationMs, formatDuration, STATUS_LABEL } from '../../run/run-status';

/** A flow node on the canvas: type icon, name, what it does, its ports, problems and run status. */
export const FlowNodeCard = memo(function FlowNodeCard({ data, selected }: NodeProps<FlowCanvasNode>) {
  const { node, title, typeTitle, icon, summary, outputs, isTrigger, issues, step, known } = data;
  const classes = ['lf-node', `lf-type-${known ? node.type : 'unknown'}`, selected ? 'is-selected' : '', issues.length > 0 ? 'has-issues' : '', step ? `run-${step.status}` : ''];
  const single = outputs.length === 1 && outputs[0]?.name === 'out';
  return (
    <div className={classes.filter(Boolean).join(' ')} data-testid={`node-${node.id}`} data-status={step?.status ?? ''}>
      <Handle
        type="target"
        position={Position.Left}
        id="in"
        className={isTrigger ? 'lf-handle-closed' : 'lf-handle-in'}
        title={isTrigger ? 'A trigger starts the flow and takes no input' : 'Input'}
      />
      <div className="lf-node-head">
        <span className="lf-node-icon" aria-hidden>
          <TypeIcon type={known ? node.type : ''} glyph={icon} />
        </span>
        <div className="lf-node-titles">
          <div className="lf-node-title" title={title}>
            {title}
          </div>
          <div className="lf-node-type">{title === node.id ? typeTitle : `${typeTitle} · ${node.id}`}</div>
        </div>
        {issues.length > 0 ? (
          <span className="lf-node-badge" title={issues.map(shortMessage).join('\n')} aria-label={`${issues.length} problems`}>
            {issues.length}
          </span>
        ) : null}
      </div>
      <div className="lf-node-summary" title={summary}>
        {summary}
      </div>
      {step ? (
        <div className={`lf-node-run run-${step.status}`} data-testid={`node-run-${node.id}`}>
          <span className="lf-run-dot" aria-hidden />
          <span>{STATUS_LABEL[step.status] ?? step.status}</span>
          {step.reused ? <span className="lf-muted">reused</span> : null}
          <span className="lf-node-run-meta" title={`${step.attempts.length} attempt${step.attempts.length === 1 ? '' : 's'}`}>
            {step.attempts.length}× · {formatDuration(durationMs(step.startedAt, step.finishedAt)) || '…'}
          </span>
        </div>
      ) : null}
      {single ? (
        <Handle type="source" position={Position.Right} id="out" className="lf-handle-out" title="Output" />
      ) : (
        <div className="lf-node-ports">
          {outputs.map((port) => (
            <div className={`lf-port lf-port-${port.name}`} key={port.name} title={port.description ?? port.name}>
              <span>{port.title ?? port.name}</span>
              <Handle type="source" position={Position.Right} id={port.name} className="lf-handle-out" />
            </div>
          ))}
        </div>
      )}
    </div>
  );
});
