import type { FlowDocument } from '@ledgerflow/flow';
import { useCallback, useEffect, useRef, useState } from 'react';
import { parseDocument } from '../api/ledgerflow-api';
import { Link } from '../app/Link';
import { navigate } from '../app/router';
import { RunCanvas } from './run-detail-canvas';
import { RunTimeline } from './run-detail-timeline';
import { cancelRun, getFlowVersion, getRun, replayRun, watchRuns, type ErrorRecord, type RunDetail, type Step } from './runs-api';
import { ConfirmDialog, formatMs, formatNumber, formatWhen, JsonTree, messageOf, StatusBadge } from './runs-ui';

const OPEN = new Set(['queued', 'running', 'waiting']);

type Action = { kind: 'retry' } | { kind: 'whole' } | { kind: 'cancel' } | { kind: 'from'; nodeId: string; input: string };

function odooText(error: ErrorRecord, key: 'odooName' | 'odooMessage'): string | undefined {
  const value = error.details?.[key];
  return typeof value === 'string' ? value : undefined;
}

function ErrorPanel({ error }: { error: ErrorRecord }) {
  const odooName = odooText(error, 'odooName');
  const odooMessage = odooText(error, 'odooMessage');
  return (
    <div className="ops-error-panel" data-testid="run-error">
      <div className="ops-error-head">
        <span className="ops-error-class">{error.class ?? 'Error'}</span>
        {error.code ? <code>{error.code}</code> : null}
        {error.nodeId ? (
          <span>
            at node <code>{error.nodeId}</code>
          </span>
        ) : null}
        <span className={`lf-tag ${error.retryable ? 'is-retry' : ''}`}>{error.retryable ? 'retryable' : 'permanent'}</span>
      </div>
      {odooMessage ? (
        <div className="ops-odoo-message" data-testid="odoo-message">
          <span className="lf-label">Odoo says{odooName ? ` (${odooName.replace(/^odoo\.exceptions\./, '')})` : ''}</span>
          <p>{odooMessage}</p>
        </div>
      ) : null}
      <p className="ops-error-message">{error.message}</p>
    </div>
  );
}

function StepCard({ step, type, open, onToggle, onReplayFrom }: { step: Step; type: string; open: boolean; onToggle: () => void; onReplayFrom: () => void }) {
  const logs = step.attempts.flatMap((a) => a.logs.map((l) => ({ ...l, attempt: a.number })));
  return (
    <section className={`ops-step lf-card ${open ? 'is-open' : ''}`} data-testid={`step-${step.nodeId}`} id={`step-${step.nodeId}`}>
      <button type="button" className="ops-step-head" onClick={onToggle} aria-expanded={open}>
        <StatusBadge status={step.status} />
        <strong>{step.nodeId}</strong>
        <span className="lf-muted">{type}</span>
        {step.reused ? <span className="lf-tag">reused</span> : null}
        {step.attempts.length > 1 ? <span className="lf-tag is-retry">{step.attempts.length} attempts</span> : null}
        <span className="lf-grow" />
        <span className="lf-muted">{step.startedAt && step.finishedAt ? formatMs(step.finishedAt - step.startedAt) : step.status === 'ready' && step.nextAttemptAt ? `retry at ${formatWhen(step.nextAttemptAt)}` : ''}</span>
        <span className="ops-chevron" aria-hidden>
          {open ? '▾' : '▸'}
        </span>
      </button>
      {open ? (
        <div className="ops-step-body">
          {step.error ? <ErrorPanel error={step.error} /> : null}
          <div className="ops-io">
            <div>
              <div className="ops-io-head">
                <span className="lf-label">Input</span>
                <button type="button" className="lf-link-btn" onClick={onReplayFrom}>
                  Replay from here…
                </button>
              </div>
              <div className="ops-json" data-testid={`step-${step.nodeId}-input`}>
                <JsonTree value={step.input} />
              </div>
            </div>
            <div>
              <div className="ops-io-head">
                <span className="lf-label">Output{step.port && step.port !== 'out' ? ` (port ${step.port})` : ''}</span>
              </div>
              <div className="ops-json" data-testid={`step-${step.nodeId}-output`}>
                {step.output === null || step.output === undefined ? <span className="lf-muted">no output</span> : <JsonTree value={step.output} />}
              </div>
            </div>
          </div>
          <div className="ops-attempts">
            <span className="lf-label">Attempts and log</span>
            {step.attempts.length === 0 ? <p className="lf-muted">{step.reused ? 'Reused from the original run; not executed again.' : 'Not started.'}</p> : null}
            <ol className="ops-attempt-list">
              {step.attempts.map((a) => (
                <li key={a.number}>
                  <StatusBadge status={a.status} /> attempt {a.number} · {formatWhen(a.startedAt)}
                  {a.finishedAt ? ` · ${formatMs(a.finishedAt - a.startedAt)}` : ''}
                  {a.error ? <span className="ops-attempt-error"> — {odooText(a.error, 'odooMessage') ?? a.error.message}</span> : null}
                </li>
              ))}
            </ol>
            {logs.length > 0 ? (
              <pre className="ops-logs" data-testid={`step-${step.nodeId}-logs`}>
                {logs.map((l, i) => (
                  <div key={i} className={`ops-log ops-log-${l.level}`}>
                    <span className="lf-muted">{new Date(l.at).toLocaleTimeString()}</span> <span className="ops-log-level">{l.level}</span> #{l.attempt} {l.message}
                    {l.fields ? <span className="lf-muted"> {JSON.stringify(l.fields)}</span> : null}
                  </div>
                ))}
              </pre>
            ) : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}

function totalText(value: number | Record<string, number>): string {
  return typeof value === 'number' ? formatNumber(value) : Object.entries(value).map(([k, v]) => `${k} ${formatNumber(v)}`).join(' · ');
}

/** One run: timeline, the flow as it ran, each step's data, error and log; retry, replay and cancel. */
export function RunDetailPage({ id }: { id: string }) {
  const [run, setRun] = useState<RunDetail | undefined>();
  const [flow, setFlow] = useState<FlowDocument | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [action, setAction] = useState<Action | undefined>();
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | undefined>();
  const [now, setNow] = useState(Date.now());
  const opened = useRef(false);

  const load = useCallback(() => {
    getRun(id).then(
      (r) => {
        setRun(r);
        setNow(Date.now());
        setError(undefined);
        if (!opened.current) {
          opened.current = true;
          const failed = r.steps.filter((s) => s.status === 'failed' || s.status === 'waiting').map((s) => s.id);
          setOpen(new Set(failed));
        }
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }, [id]);

  useEffect(() => {
    load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Several commits arrive in a burst; one reload after them is enough.
    const stop = watchRuns({ runId: id }, () => {
      clearTimeout(timer);
      timer = setTimeout(load, 120);
    }, load);
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [id, load]);

  useEffect(() => {
    if (!run) return;
    getFlowVersion(run.flowId, run.flowVersion).then(
      (v) => setFlow(parseDocument(v.document)),
      () => setFlow(undefined),
    );
  }, [run?.flowId, run?.flowVersion]);

  useEffect(() => {
    if (!run || !OPEN.has(run.status)) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [run?.status]);

  if (error) return <div className="lf-page"><div className="lf-alert lf-alert-error">{error}</div></div>;
  if (!run) return <div className="lf-page lf-muted">Loading run…</div>;

  const typeOf = (nodeId: string) => flow?.nodes.find((n) => n.id === nodeId)?.type ?? '';
  const trigger = flow?.nodes.find((n) => n.type === 'trigger')?.id ?? run.steps[0]?.nodeId;
  const failedStep = run.steps.find((s) => s.status === 'failed');
  const toggle = (stepId: string) => setOpen((o) => (o.has(stepId) ? new Set([...o].filter((x) => x !== stepId)) : new Set([...o, stepId])));
  const select = (nodeId: string) => {
    const step = [...run.steps].reverse().find((s) => s.nodeId === nodeId);
    if (!step) return;
    setOpen((o) => new Set([...o, step.id]));
    requestAnimationFrame(() => document.getElementById(`step-${nodeId}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
  };
  const replayFrom = (nodeId: string) => {
    const step = [...run.steps].reverse().find((s) => s.nodeId === nodeId);
    setActionError(undefined);
    setAction({ kind: 'from', nodeId, input: JSON.stringify(step?.input ?? run.input ?? {}, null, 2) });
  };

  const confirm = async () => {
    if (!action) return;
    setBusy(true);
    setActionError(undefined);
    try {
      if (action.kind === 'cancel') {
        await cancelRun(run.id);
        setAction(undefined);
        load();
      } else {
        let body: { from?: string; input?: unknown } = {};
        if (action.kind === 'whole' && trigger) body = { from: trigger };
        if (action.kind === 'from') body = { from: action.nodeId, input: JSON.parse(action.input) };
        const started = await replayRun(run.id, body);
        setAction(undefined);
        opened.current = false;
        navigate(`/runs/${started.id}`);
      }
    } catch (e) {
      setActionError(e instanceof SyntaxError ? `The input is not valid JSON: ${e.message}` : messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const inputError = action?.kind === 'from' ? jsonProblem(action.input) : undefined;
  const start = Math.min(run.createdAt, ...run.steps.map((s) => s.startedAt ?? run.createdAt));
  const totals = Object.entries(run.totals);

  return (
    <div className="lf-page ops-page ops-run" data-testid="run-detail" data-run-status={run.status}>
      <div className="ops-breadcrumb">
        <Link href="/runs">Runs</Link> <span className="lf-muted">/</span> <span>{run.businessKey ?? run.id.slice(0, 8)}</span>
      </div>
      <div className="lf-page-head ops-run-head">
        <div>
          <h1>
            <StatusBadge status={run.status} /> {run.businessKey ?? 'Run'} <code className="ops-run-id">{run.id}</code>
          </h1>
          <p className="lf-muted">
            <Link href={`/flows/${run.flowId}`}>{flow?.name ?? run.flowId}</Link> · version {run.flowVersion} · {run.trigger?.kind ?? 'run'}
            {run.trigger?.by ? ` by ${run.trigger.by}` : ''} · created {formatWhen(run.createdAt)}
            {run.startedAt && run.finishedAt ? ` · took ${formatMs(run.finishedAt - run.startedAt)}` : ''}
          </p>
          {run.replayOf ? (
            <p className="ops-replay-link">
              Replay of <Link href={`/runs/${run.replayOf}`}>{run.replayOf.slice(0, 8)}</Link>
              {run.replayFrom ? (
                <>
                  {' '}
                  from <code>{run.replayFrom}</code>
                </>
              ) : null}
            </p>
          ) : null}
        </div>
        <div className="ops-actions">
          {run.status === 'failed' && failedStep ? (
            <button type="button" className="lf-btn lf-btn-primary" onClick={() => setAction({ kind: 'retry' })}>
              Retry failed step
            </button>
          ) : null}
          <button type="button" className="lf-btn" onClick={() => replayFrom(failedStep?.nodeId ?? run.steps.at(-1)?.nodeId ?? trigger ?? '')}>
            Replay from node…
          </button>
          <button type="button" className="lf-btn" onClick={() => setAction({ kind: 'whole' })} disabled={!trigger}>
            Replay whole run
          </button>
          {OPEN.has(run.status) ? (
            <button type="button" className="lf-btn lf-btn-danger" onClick={() => setAction({ kind: 'cancel' })}>
              Cancel run
            </button>
          ) : null}
        </div>
      </div>

      {run.error ? <ErrorPanel error={run.error} /> : null}

      {run.replays.length > 0 ? (
        <div className="lf-card ops-replays" data-testid="replays">
          <span className="lf-label">Replays of this run</span>
          {run.replays.map((r) => (
            <Link key={r.id} href={`/runs/${r.id}`} className="ops-replay-chip">
              <StatusBadge status={r.status} /> {r.id.slice(0, 8)} {r.replayFrom ? <span className="lf-muted">from {r.replayFrom}</span> : null} <span className="lf-muted">{formatWhen(r.createdAt)}</span>
            </Link>
          ))}
        </div>
      ) : null}

      <div className="ops-run-grid">
        <div className="lf-card ops-card-pad">
          <div className="ops-card-title">Flow as it ran</div>
          {flow ? <RunCanvas flow={flow} steps={run.steps} onSelect={select} /> : <div className="ops-canvas lf-muted">Loading flow…</div>}
        </div>
        <div className="lf-card ops-card-pad">
          <div className="ops-card-title">Timeline</div>
          <RunTimeline steps={run.steps} start={start} now={now} onSelect={select} />
          {totals.length > 0 ? (
            <div className="ops-run-totals" data-testid="run-totals">
              <div className="ops-card-title">Control totals</div>
              <dl>
                {totals.map(([name, value]) => (
                  <div key={name}>
                    <dt>{name}</dt>
                    <dd>{totalText(value)}</dd>
                  </div>
                ))}
              </dl>
            </div>
          ) : null}
        </div>
      </div>

      <h2 className="ops-section-title">Steps</h2>
      {run.steps.map((step) => (
        <StepCard key={step.id} step={step} type={typeOf(step.nodeId)} open={open.has(step.id)} onToggle={() => toggle(step.id)} onReplayFrom={() => replayFrom(step.nodeId)} />
      ))}

      {action ? (
        <ConfirmDialog
          title={action.kind === 'retry' ? 'Retry the failed step?' : action.kind === 'whole' ? 'Replay the whole run?' : action.kind === 'cancel' ? 'Cancel this run?' : `Replay from “${action.nodeId}”?`}
          confirmLabel={action.kind === 'cancel' ? 'Cancel run' : 'Start replay'}
          danger={action.kind === 'cancel' || action.kind === 'whole'}
          busy={busy || inputError !== undefined}
          onConfirm={() => void confirm()}
          onCancel={() => setAction(undefined)}
        >
          {action.kind === 'retry' ? <p>A new run starts at <code>{failedStep?.nodeId}</code>; the steps before it reuse their recorded output.</p> : null}
          {action.kind === 'whole' ? <p>Every step runs again from the trigger with the original input. Odoo effects are keyed, so records already created are found, not created twice.</p> : null}
          {action.kind === 'cancel' ? <p>Open steps stop and the run ends as cancelled. This cannot be undone.</p> : null}
          {action.kind === 'from' ? (
            <>
              <label className="lf-field">
                <span className="lf-label">Start at node</span>
                <select value={action.nodeId} onChange={(e) => replayFrom(e.target.value)} aria-label="Start at node">
                  {(flow?.nodes ?? []).map((n) => (
                    <option key={n.id} value={n.id}>
                      {n.id} ({n.type})
                    </option>
                  ))}
                </select>
              </label>
              <label className="lf-field">
                <span className="lf-label">Input of {action.nodeId} (JSON)</span>
                <textarea className={`ops-json-editor ${inputError ? 'is-invalid' : ''}`} spellCheck={false} value={action.input} onChange={(e) => setAction({ ...action, input: e.target.value })} aria-label="Replay input" rows={12} />
              </label>
              {inputError ? <p className="lf-error">{inputError}</p> : <p className="lf-hint">Steps before {action.nodeId} reuse their recorded output.</p>}
            </>
          ) : null}
          {actionError ? <div className="lf-alert lf-alert-error">{actionError}</div> : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    return `Not valid JSON: ${messageOf(e)}`;
  }
}
