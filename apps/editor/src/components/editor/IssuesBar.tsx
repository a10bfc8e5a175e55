import { useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { shortMessage, type PlacedIssue } from '../../graph/issue-index';
import { useEditor, useEditorState } from './editor-context';

/** The list of problems under the canvas; a click selects and shows the node. */
export function IssuesBar() {
  const { editor } = useEditor();
  const issues = useEditorState((s) => s.issues.all);
  const [open, setOpen] = useState(false);
  const rf = useReactFlow();

  const show = (issue: PlacedIssue) => {
    if (issue.nodeId) {
      editor.actions.select({ nodes: [issue.nodeId], edges: [], notes: [] });
      editor.actions.setPanel('inspect');
      void rf.fitView({ nodes: [{ id: issue.nodeId }], duration: 250, maxZoom: 1.1, padding: 0.6 });
    } else if (issue.edgeId) {
      editor.actions.select({ nodes: [], edges: [issue.edgeId], notes: [] });
    }
  };

  if (issues.length === 0) {
    return (
      <div className="lf-issues lf-issues-ok" data-testid="issues">
        <span aria-hidden>✓</span> No problems: ready to publish
      </div>
    );
  }
  return (
    <div className={`lf-issues ${open ? 'is-open' : ''}`} data-testid="issues">
      <button type="button" className="lf-issues-toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
        <span className="lf-issues-icon" aria-hidden>
          !
        </span>
        {issues.length} problem{issues.length === 1 ? '' : 's'}
        <span className="lf-muted">{open ? 'Hide' : 'Show'}</span>
      </button>
      {open ? (
        <ul className="lf-issues-list">
          {issues.map((issue, i) => (
            <li key={`${issue.path}-${i}`}>
              <button type="button" onClick={() => show(issue)}>
                <span className="lf-issue-where">{issue.nodeId ?? (issue.edgeId ? 'edge' : 'flow')}</span>
                <span>{shortMessage(issue)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
