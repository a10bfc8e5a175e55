import { useEditor, useEditorState } from '../editor/editor-context';

/** Shown when no single node is selected: the flow itself, or what is selected. */
export function FlowOverview() {
  const { editor } = useEditor();
  const { actions } = editor;
  const flow = useEditorState((s) => s.flow);
  const selection = useEditorState((s) => s.selection);
  const count = selection.nodes.length + selection.edges.length + selection.notes.length;

  return (
    <div className="lf-inspector" data-testid="flow-overview">
      {count > 0 ? (
        <div className="lf-panel-section">
          <div className="lf-section-title">Selection</div>
          <p>
            {selection.nodes.length} node{selection.nodes.length === 1 ? '' : 's'}, {selection.edges.length} connection{selection.edges.length === 1 ? '' : 's'}, {selection.notes.length} note
            {selection.notes.length === 1 ? '' : 's'}
          </p>
          <div className="lf-row">
            <button type="button" className="lf-btn lf-btn-small" onClick={() => actions.copy() > 0 && actions.paste()}>
              Duplicate
            </button>
            <button type="button" className="lf-btn lf-btn-small lf-btn-danger" onClick={actions.deleteSelection}>
              Delete
            </button>
          </div>
        </div>
      ) : null}
      <div className="lf-panel-section">
        <div className="lf-section-title">Flow</div>
        <label className="lf-field">
          <span className="lf-label">Id</span>
          <input className="lf-mono" value={flow.id} readOnly />
        </label>
        <label className="lf-field">
          <span className="lf-label">Description</span>
          <textarea rows={4} value={flow.description ?? ''} placeholder="What this flow does, for whoever opens it next" onChange={(e) => actions.setDescription(e.target.value)} />
        </label>
        <div className="lf-stats">
          <div>
            <strong>{flow.nodes.length}</strong> nodes
          </div>
          <div>
            <strong>{flow.edges.length}</strong> connections
          </div>
          <div>
            <strong>{flow.notes?.length ?? 0}</strong> notes
          </div>
        </div>
      </div>
      <div className="lf-panel-section lf-tips">
        <div className="lf-section-title">How to draw</div>
        <ol>
          <li>Drag node types from the left onto the canvas.</li>
          <li>Connect a node’s output port (right) to the next node’s input (left). Wrong connections are refused with the reason.</li>
          <li>Click a node to configure it; problems show on the node and below the canvas.</li>
          <li>Save to keep a version, then test it with sample input.</li>
        </ol>
      </div>
    </div>
  );
}
