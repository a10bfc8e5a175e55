import { useEffect, useState } from 'react';
import type { FlowNode, NodeSpec } from '@ledgerflow/flow';
import { isAdvanced, isRelevant } from '../../form/form-hints';
import { shortMessage } from '../../graph/issue-index';
import { knownInputShape } from '../../mapping/sample-input';
import { TypeIcon } from '../common/TypeIcon';
import { useEditor, useEditorState } from '../editor/editor-context';
import { ConfigForm } from '../form/ConfigForm';
import { configFormOf, RICH_EXPRESSIONS, retryFormFields } from '../../form/spec-forms';
import { usePreviewInput } from '../form/use-preview-input';
import { FlowOverview } from './FlowOverview';
import { odooOverride, OdooSection } from './OdooSection';
import { PreviewSourcePicker } from './PreviewSourcePicker';

/** The selected node's settings, or the flow overview when nothing (or several things) is selected. */
export function NodeInspector() {
  const selection = useEditorState((s) => s.selection);
  const flow = useEditorState((s) => s.flow);
  const { specs } = useEditor();
  const only = selection.nodes.length === 1 ? flow.nodes.find((n) => n.id === selection.nodes[0]) : undefined;
  if (!only) return <FlowOverview />;
  const spec = specs.get(only.type);
  if (!spec) {
    return (
      <div className="lf-panel-section">
        <div className="lf-alert lf-alert-error">
          “{only.id}” has the unknown type “{only.type}”. Delete it, or import a flow made for this version of Ledgerflow.
        </div>
      </div>
    );
  }
  return <NodeSettings key={only.id} node={only} spec={spec} />;
}

function NodeSettings({ node, spec }: { node: FlowNode; spec: NodeSpec }) {
  const { editor, specs } = useEditor();
  const { actions } = editor;
  const flow = useEditorState((s) => s.flow);
  const issues = useEditorState((s) => s.issues.byNode.get(node.id)) ?? [];
  const preview = usePreviewInput(node.id);
  const [idText, setIdText] = useState(node.id);
  const [idError, setIdError] = useState<string | undefined>();
  useEffect(() => setIdText(node.id), [node.id]);

  const fields = configFormOf(spec);
  const configErrors = issues.filter((i) => i.configPath !== undefined).map((i) => ({ path: i.configPath ?? '', message: shortMessage(i) }));
  const shown = new Set(fields.filter((f) => isRelevant(node.type, f.key, node.config)).map((f) => f.key));
  const general = issues.filter((i) => i.configPath === undefined && i.retryPath === undefined);
  const hidden = configErrors.filter((e) => e.path === '' || !shown.has(e.path.split('.')[0] ?? ''));
  const retryErrors = issues.filter((i) => i.retryPath !== undefined).map((i) => ({ path: i.retryPath ?? '', message: shortMessage(i) }));
  const usesExpressions = fields.some((f) => f.kind === 'jsonata' || f.kind === 'list' || f.kind === 'object');

  const commitId = () => {
    const error = actions.renameNode(node.id, idText.trim());
    setIdError(error);
    if (error) setIdText(node.id);
  };

  return (
    <div className="lf-inspector" data-testid="inspector">
      <div className={`lf-inspector-head lf-type-${node.type}`}>
        <span className="lf-node-icon" aria-hidden>
          <TypeIcon type={spec.type} glyph={spec.icon} size={18} />
        </span>
        <div>
          <div className="lf-inspector-title">{spec.title}</div>
          <div className="lf-hint">{spec.description}</div>
        </div>
      </div>
      {general.length > 0 || hidden.length > 0 ? (
        <div className="lf-alert lf-alert-error" data-testid="node-problems">
          {[...general.map(shortMessage), ...hidden.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message))].map((m) => (
            <div key={m}>{m}</div>
          ))}
        </div>
      ) : null}
      <div className="lf-panel-section lf-two-col">
        <label className="lf-field">
          <span className="lf-label">Name</span>
          <input value={node.name ?? ''} placeholder={node.id} onChange={(e) => actions.setNodeName(node.id, e.target.value)} data-testid="node-name" />
        </label>
        <label className="lf-field">
          <span className="lf-label">Id</span>
          <input
            className="lf-mono"
            value={idText}
            onChange={(e) => setIdText(e.target.value)}
            onBlur={commitId}
            onKeyDown={(e) => e.key === 'Enter' && commitId()}
            data-testid="node-id"
            title="Stable id used in edges, run logs and replays"
          />
          {idError ? <span className="lf-error">{idError}</span> : null}
        </label>
      </div>
      {usesExpressions ? <PreviewSourcePicker /> : null}
      <div className="lf-panel-section">
        <div className="lf-section-title">Configuration</div>
        <ConfigForm
          idPrefix={`cfg-${node.id}`}
          fields={fields}
          value={node.config}
          onChange={(path, value) => actions.setConfig(node.id, path, value)}
          errors={configErrors}
          preview={preview}
          isVisible={(key) => isRelevant(node.type, key, node.config)}
          isAdvanced={(key) => isAdvanced(node.type, key)}
          override={node.type === 'post-to-odoo' ? odooOverride : undefined}
          richKeys={RICH_EXPRESSIONS[node.type] ?? []}
          inputShape={knownInputShape(flow, specs, node.id)}
        />
      </div>
      {node.type === 'post-to-odoo' ? <OdooSection node={node} preview={preview} /> : null}
      {spec.inputs.length > 0 ? (
        <details className="lf-panel-section lf-details" open={retryErrors.length > 0 || node.retry !== undefined}>
          <summary className="lf-section-title">Retries {node.retry ? <span className="lf-tag">custom</span> : <span className="lf-muted">· flow defaults</span>}</summary>
          <p className="lf-hint">Retryable errors (network, timeouts, Odoo busy) are tried again with this policy; permanent errors never are.</p>
          <ConfigForm
            idPrefix={`retry-${node.id}`}
            fields={retryFormFields()}
            value={node.retry ?? {}}
            onChange={(path, value) => actions.setRetry(node.id, path, value)}
            errors={retryErrors}
            preview={preview}
          />
        </details>
      ) : null}
    </div>
  );
}
