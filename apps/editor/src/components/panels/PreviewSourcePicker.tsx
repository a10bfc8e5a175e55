import { useEffect, useState } from 'react';
import type { RunSummary } from '../../api/schemas';
import { parseJsonInput } from '../../form/schema-to-form';
import { formatTime } from '../../run/run-status';
import { useEditor, useEditorState } from '../editor/editor-context';

/** Chooses the data previews run on: the trigger sample, pasted JSON, or a past run. */
export function PreviewSourcePicker() {
  const { editor, api, specs } = useEditor();
  const { actions } = editor;
  const flow = useEditorState((s) => s.flow);
  const preview = useEditorState((s) => s.preview);
  const savedStamp = useEditorState((s) => s.savedStamp);
  const lastRun = useEditorState((s) => s.run?.status);
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [pasting, setPasting] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    api.listRuns(flow.id, 10).then(setRuns, () => setRuns([]));
  }, [api, flow.id, savedStamp, lastRun]);

  const value = preview.kind === 'run' ? `run:${preview.run.id}` : preview.kind;
  const choose = async (next: string) => {
    setError(undefined);
    if (next === 'sample') actions.setPreview({ kind: 'sample' });
    else if (next === 'pasted') setPasting(true);
    else if (next.startsWith('run:')) {
      try {
        actions.setPreview({ kind: 'run', run: await api.getRun(next.slice(4)) });
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    }
  };

  const use = (alsoSave: boolean) => {
    const parsed = parseJsonInput(text);
    if ('error' in parsed) {
      setError(`Not valid JSON: ${parsed.error}`);
      return;
    }
    actions.setPreview({ kind: 'pasted', value: parsed.value });
    const trigger = flow.nodes.find((n) => specs.get(n.type)?.inputs.length === 0);
    if (alsoSave && trigger) actions.setConfig(trigger.id, ['sample'], parsed.value);
    setPasting(false);
  };

  return (
    <div className="lf-panel-section lf-preview-picker">
      <label className="lf-field lf-field-inline">
        <span className="lf-label">Preview on</span>
        <select value={value} onChange={(e) => void choose(e.target.value)} data-testid="preview-source">
          <option value="sample">Trigger sample</option>
          <option value="pasted">{preview.kind === 'pasted' ? 'Pasted sample' : 'Paste a sample…'}</option>
          {runs.map((run) => (
            <option key={run.id} value={`run:${run.id}`}>
              Run {run.id.slice(0, 8)} · {run.status} · {formatTime(run.createdAt)}
            </option>
          ))}
          {preview.kind === 'run' && !runs.some((r) => r.id === preview.run.id) ? <option value={value}>Run {preview.run.id.slice(0, 8)}</option> : null}
        </select>
      </label>
      {pasting ? (
        <div className="lf-paste">
          <textarea className="lf-code" rows={6} value={text} onChange={(e) => setText(e.target.value)} placeholder='Paste sample input, e.g. the contents of flows/samples/expense.json' data-testid="paste-sample" autoFocus />
          <div className="lf-row">
            <button type="button" className="lf-btn lf-btn-small lf-btn-primary" onClick={() => use(true)} data-testid="paste-sample-save">
              Use and save as trigger sample
            </button>
            <button type="button" className="lf-btn lf-btn-small" onClick={() => use(false)}>
              Use once
            </button>
            <button type="button" className="lf-link-btn" onClick={() => setPasting(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {error ? <div className="lf-error">{error}</div> : null}
    </div>
  );
}
