import { FIT_OPTIONS } from '../canvas/view-options';
import { useReactFlow } from '@xyflow/react';
import { downloadFlow, pickTextFile, readFlowFile } from '../../app/flow-files';
import { Link } from '../../app/Link';
import { publishBlocker } from '../../store/editor-store';
import { useEditor, useEditorState } from './editor-context';

/** Flow name, save state, edit commands, and Save / Test run / Publish. */
export function Toolbar() {
  const { editor } = useEditor();
  const { actions } = editor;
  const rf = useReactFlow();
  const flow = useEditorState((s) => s.flow);
  const dirty = useEditorState((s) => s.flow !== s.savedFlow);
  const version = useEditorState((s) => s.version);
  const valid = useEditorState((s) => s.valid);
  const problems = useEditorState((s) => s.issues.all.length);
  const saving = useEditorState((s) => s.saving);
  const running = useEditorState((s) => s.running);
  const canUndo = useEditorState((s) => s.history.past.length > 0);
  const canRedo = useEditorState((s) => s.history.future.length > 0);
  const panel = useEditorState((s) => s.panel);
  const publishedVersion = useEditorState((s) => s.publishedVersion);
  const blocker = useEditorState((s) => publishBlocker(s));

  const status = dirty
    ? { className: 'is-dirty', text: valid ? 'Unsaved changes' : `Unsaved draft · ${problems} problem${problems === 1 ? '' : 's'}` }
    : valid
      ? { className: 'is-saved', text: version !== null && version === publishedVersion ? `Published · v${version}` : `Saved · v${version ?? '?'}` }
      : { className: 'is-draft', text: `Draft · v${version ?? '?'} · ${problems} problem${problems === 1 ? '' : 's'}` };

  const importFile = async () => {
    const text = await pickTextFile();
    if (text === undefined) return;
    const read = readFlowFile(text);
    if ('error' in read) actions.toast('error', read.error);
    else {
      actions.replaceFlow(read.flow);
      actions.toast('info', `Imported “${read.flow.name}” — save to keep it as a new version`);
      window.setTimeout(() => void rf.fitView(FIT_OPTIONS), 50);
    }
  };

  return (
    <div className="lf-toolbar" role="toolbar" aria-label="Flow">
      <div className="lf-toolbar-left">
        <Link href="/" className="lf-crumb">
          Flows
        </Link>
        <span className="lf-crumb-sep">/</span>
        <input className="lf-flow-name" value={flow.name} onChange={(e) => actions.setFlowName(e.target.value)} aria-label="Flow name" size={Math.max(12, Math.min(42, flow.name.length + 2))} />
        <span className={`lf-status ${status.className}`} data-testid="save-status">
          <span className="lf-status-dot" aria-hidden />
          {status.text}
        </span>
        {publishedVersion !== null && publishedVersion !== version ? (
          <span className="lf-status-note" data-testid="published-version" title="Runs started by webhooks and schedules use the published version">
            runs use v{publishedVersion}
          </span>
        ) : null}
      </div>
      <div className="lf-toolbar-tools">
        <IconButton label="Undo (Ctrl Z)" onClick={actions.undo} disabled={!canUndo} testId="undo">
          ↶
        </IconButton>
        <IconButton label="Redo (Ctrl Shift Z)" onClick={actions.redo} disabled={!canRedo} testId="redo">
          ↷
        </IconButton>
        <span className="lf-toolbar-sep" />
        <IconButton
          label="Auto-layout (L)"
          testId="auto-layout"
          onClick={() => {
            actions.autoLayout();
            window.setTimeout(() => void rf.fitView(FIT_OPTIONS), 30);
          }}
        >
          ⊞
        </IconButton>
        <IconButton label="Import a flow JSON file into this flow" onClick={() => void importFile()} testId="import">
          ⤓
        </IconButton>
        <IconButton label="Export this flow as a JSON file" onClick={() => downloadFlow(flow)} testId="export">
          ⤒
        </IconButton>
        <span className="lf-toolbar-sep" />
        <button type="button" className={`lf-btn lf-btn-ghost ${panel === 'versions' ? 'is-active' : ''}`} onClick={() => actions.setPanel('versions')} data-testid="open-versions">
          Versions
        </button>
        <button type="button" className={`lf-btn lf-btn-ghost ${panel === 'help' ? 'is-active' : ''}`} onClick={() => actions.setPanel('help')} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
          ?
        </button>
      </div>
      <div className="lf-toolbar-right">
        <button type="button" className="lf-btn" onClick={() => void actions.save()} disabled={saving} data-testid="save" title={valid ? 'Save a new version (Ctrl S)' : 'Save a draft version; it has problems (Ctrl S)'}>
          {saving ? 'Saving…' : valid ? 'Save' : 'Save draft'}
        </button>
        <button type="button" className={`lf-btn lf-btn-run ${panel === 'run' ? 'is-active' : ''}`} onClick={() => actions.setPanel('run')} disabled={running} data-testid="open-run">
          ▶ {running ? 'Running…' : 'Test run'}
        </button>
        <span className="lf-publish" title={blocker ?? 'Publish: save this version and make it the one runs use'}>
          <button type="button" className="lf-btn lf-btn-primary" onClick={() => void actions.publish()} disabled={blocker !== undefined} data-testid="publish">
            Publish
          </button>
          {blocker && blocker !== 'Saving…' ? (
            <span className="lf-publish-reason" data-testid="publish-reason">
              {blocker.replace(/; you can still save a draft$/, '')}
            </span>
          ) : null}
        </span>
      </div>
    </div>
  );
}

function IconButton({ label, onClick, disabled, children, testId }: { label: string; onClick: () => void; disabled?: boolean; children: string; testId: string }) {
  return (
    <button type="button" className="lf-icon-btn" onClick={onClick} disabled={disabled} title={label} aria-label={label} data-testid={testId}>
      {children}
    </button>
  );
}
