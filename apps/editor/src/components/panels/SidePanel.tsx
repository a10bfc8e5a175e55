import type { Panel } from '../../store/editor-store';
import { useEditor, useEditorState } from '../editor/editor-context';
import { HelpPanel } from './HelpPanel';
import { NodeInspector } from './NodeInspector';
import { RunPanel } from './RunPanel';
import { VersionsPanel } from './VersionsPanel';

const TABS: ReadonlyArray<{ id: Panel; label: string }> = [
  { id: 'inspect', label: 'Configure' },
  { id: 'run', label: 'Test run' },
  { id: 'versions', label: 'Versions' },
  { id: 'help', label: 'Shortcuts' },
];

/** The right-hand panel and its tabs. */
export function SidePanel() {
  const { editor } = useEditor();
  const panel = useEditorState((s) => s.panel);
  const run = useEditorState((s) => s.run);
  return (
    <aside className="lf-side" aria-label="Details">
      <div className="lf-tabs" role="tablist">
        {TABS.map((tab) => (
          <button key={tab.id} type="button" role="tab" aria-selected={panel === tab.id} className={panel === tab.id ? 'is-on' : ''} onClick={() => editor.actions.setPanel(tab.id)} data-testid={`tab-${tab.id}`}>
            {tab.label}
            {tab.id === 'run' && run ? <span className={`lf-run-dot run-${run.status}`} aria-hidden /> : null}
          </button>
        ))}
      </div>
      <div className="lf-side-body">
        {panel === 'inspect' ? <NodeInspector /> : null}
        {panel === 'run' ? <RunPanel /> : null}
        {panel === 'versions' ? <VersionsPanel /> : null}
        {panel === 'help' ? <HelpPanel /> : null}
      </div>
    </aside>
  );
}
