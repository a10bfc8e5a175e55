import { useEffect, useState } from 'react';
import type { RunSummary } from '../../api/schemas';
import { parseJsonInput } from '../../form/schema-to-form';
import { triggerSample } from '../../mapping/sample-input';
import { durationMs, formatDuration, formatTime, STATUS_LABEL, stepsByNode } from '../../run/run-status';
import { useEditor, useEditorState } from '../editor/editor-context';
import { ErrorBox, StepDetails } from './StepDetails';

/** Test runs: input, start, live status per node, and the selected node's data. */
export function RunPanel() {
  const { editor, specs, api } = useEditor();
  const { actions } = editor;
  const flow = useEditorState((s) => s.flow);
  const run = useEditorState((s) => s.run);
  const running = useEditorState((s) => s.running);
  const selection = useEditorState((s) => s.selection);
  const preview = useEditorState((s) => s.preview);
  const sample = preview.kind === 'pasted' ? preview.value : triggerSample(flow, specs);
  const [text, setText] = useState(() => JSON.stringify(sample ?? {}, null, 2));
  const [error, setError] = useState<string | undefined>();
  const [recent, setRecent] = useState<RunSummary[]>([]);

  useEffect(() => {
    if (!running) api.listRuns(flow.id, 8).then(setRecent, () => setRecent([]));
  }, [api, flow.id, running]);

  const start = () => {
    const parsed = parseJsonInput(text);
    if ('error' in parsed) {
      setError(`The input is not valid JSON: ${parsed.error}`);
      return;
    }
    setError(undefined);
    void actions.startRun(parsed.value ?? {});
  };

  const steps = stepsByNode(run);
  const selected = selection.nodes.length === 1 ? selection.nodes[0] : undefined;
  const selectedStep = selected ? steps.get(selected) : undefined;
  const title = (nodeId: string) => flow.nodes.find((n) => n.id === nodeId)?.name ?? nodeId;

  return (
    <div className="lf-run-panel" data-testid="run-panel">
      {run ? (
        <div className="lf-panel-section">
          <div className="lf-run-head">
            <span className={`lf-pill lf-pill-big run-${run.status}`} data-testid="run-status">
              {STATUS_LABEL[run.status] ?? run.status}
            </span>
            <div>
              <div className="lf-strong">Run {run.id.slice(0, 8)}</div>
              <div className="lf-muted">
                version {run.flowVersion ?? '?'} · {formatTime(run.createdAt)} {run.finishedAt ? `· ${formatDuration(durationMs(run.startedAt, run.finishedAt))}` : ''}
              </div>
            </div>
            <button type="button" className="lf-link-btn" onClick={actions.clearRun}>
              Clear
            </button>
          </div>
          {run.error ? <ErrorBox error={run.error} /> : null}
          <ul className="lf-step-list">
            {run.steps.map((step) => (
              <li key={String(step.id ?? step.nodeId)}>
                <button type="button" className={selected === step.nodeId ? 'is-on' : ''} onClick={() => actions.select({ nodes: [step.nodeId], edges: [], notes: [] })} data-testid={`run-step-${step.nodeId}`}>
                  <span className={`lf-run-dot run-${step.status}`} aria-hidden />
                  <span className="lf-grow">{title(step.nodeId)}</span>
                  <span className="lf-muted">{step.attempts.length}×</span>
                  <span className="lf-muted">{formatDuration(durationMs(step.startedAt, step.finishedAt))}</span>
                </button>
              </li>
            ))}
            {run.steps.length === 0 ? <li className="lf-muted">Waiting for the first step…</li> : null}
          </ul>
          {selectedStep ? <StepDetails step={selectedStep} title={title(selectedStep.nodeId)} /> : <p className="lf-hint">Click a node on the canvas (or a step above) to see its input, output and attempts.</p>}
        </div>
      ) : null}
      <div className="lf-panel-section">
        <div className="lf-section-title">{run ? 'Run again' : 'Test run'}</div>
        <p className="lf-hint">Saves the drawing if needed, then runs this version with the input below against the connections it names.</p>
        <label className="lf-field">
          <span className="lf-label">Input (JSON)</span>
          <textarea className="lf-code" rows={8} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} data-testid="run-input" />
        </label>
        {error ? <div className="lf-error">{error}</div> : null}
        <div className="lf-row">
          <button type="button" className="lf-btn lf-btn-run" onClick={start} disabled={running} data-testid="run-start">
            ▶ {running ? 'Running…' : 'Run with this input'}
          </button>
          <button type="button" className="lf-link-btn" onClick={() => setText(JSON.stringify(triggerSample(flow, specs) ?? {}, null, 2))}>
            Reset to trigger sample
          </button>
        </div>
      </div>
      {recent.length > 0 ? (
        <div className="lf-panel-section">
          <div className="lf-section-title">Recent runs</div>
          <ul className="lf-recent-runs">
            {recent.map((r) => (
              <li key={r.id}>
                <button type="button" onClick={() => void actions.showRun(r.id)}>
                  <span className={`lf-run-dot run-${r.status}`} aria-hidden />
                  <span className="lf-mono">{r.id.slice(0, 8)}</span>
                  <span className="lf-muted">v{r.flowVersion ?? '?'}</span>
                  <span className="lf-muted lf-grow">{formatTime(r.createdAt)}</span>
                  <span>{STATUS_LABEL[r.status] ?? r.status}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
