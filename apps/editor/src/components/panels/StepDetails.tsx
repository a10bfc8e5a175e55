import type { ErrorRecordView, StepView } from '../../api/schemas';
import { durationMs, formatDuration, formatTime, odooMessage, STATUS_LABEL } from '../../run/run-status';
import { JsonView } from '../form/JsonView';

/** One step of a run: its error (with Odoo's own words), output, input, attempts and logs. */
export function StepDetails({ step, title }: { step: StepView; title: string }) {
  return (
    <div className="lf-step" data-testid={`step-${step.nodeId}`}>
      <div className="lf-step-head">
        <span className={`lf-pill run-${step.status}`}>{STATUS_LABEL[step.status] ?? step.status}</span>
        <strong>{title}</strong>
        {step.port && step.port !== 'out' ? <span className="lf-tag">→ {step.port}</span> : null}
        <span className="lf-muted">{formatDuration(durationMs(step.startedAt, step.finishedAt))}</span>
      </div>
      {step.error ? <ErrorBox error={step.error} /> : null}
      <div className="lf-subtle-title">Output</div>
      <JsonView value={step.status === 'failed' && step.output === null ? undefined : step.output} empty={step.status === 'failed' ? 'no output: the step failed' : 'no output yet'} testId="step-output" maxHeight={220} />
      <details>
        <summary className="lf-subtle-title">Input</summary>
        <JsonView value={step.input} testId="step-input" maxHeight={220} />
      </details>
      <div className="lf-subtle-title">
        Attempts <span className="lf-count">{step.attempts.length}</span>
      </div>
      <ol className="lf-attempts">
        {step.attempts.map((a) => (
          <li key={a.number}>
            <div className="lf-attempt-row">
              <span className={`lf-pill run-${a.status}`}>#{a.number} {a.status}</span>
              <span className="lf-muted">{formatTime(a.startedAt)}</span>
              <span className="lf-muted">{formatDuration(durationMs(a.startedAt, a.finishedAt))}</span>
            </div>
            {a.error ? <div className="lf-error">{a.error.message.length > 160 ? `${a.error.message.slice(0, 157)}…` : a.error.message}</div> : null}
            {(a.logs ?? []).length > 0 ? (
              <ul className="lf-logs">
                {(a.logs ?? []).map((line, i) => (
                  <li key={i}>{logText(line)}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** A failure: what went wrong, whether it is retried, and Odoo's message when Odoo refused. */
export function ErrorBox({ error }: { error: ErrorRecordView }) {
  const odoo = odooMessage(error);
  const odooName = typeof error.details?.odooName === 'string' ? error.details.odooName : undefined;
  // Our message repeats Odoo's; show Odoo's words once, in their own box.
  const lead = odoo ? error.message.replace(odoo, '').trim().replace(/:$/, '') : error.message;
  return (
    <div className="lf-error-box" role="alert" data-testid="step-error">
      <div className="lf-error-title">
        {error.class ?? 'Error'}
        {error.code ? <span className="lf-mono"> · {error.code}</span> : null}
        <span className={`lf-tag ${error.retryable ? 'is-retry' : ''}`}>{error.retryable ? 'retryable' : 'permanent'}</span>
      </div>
      <div>{lead}</div>
      {odoo ? (
        <div className="lf-odoo-message" data-testid="odoo-message">
          <span className="lf-subtle-title">Odoo says{odooName ? ` (${odooName.replace(/^odoo\.exceptions\./, '')})` : ''}</span>
          <div>{odoo}</div>
        </div>
      ) : null}
    </div>
  );
}

function logText(line: unknown): string {
  if (typeof line === 'object' && line !== null && 'message' in line) {
    const level = 'level' in line && typeof line.level === 'string' && line.level !== 'info' ? `[${line.level}] ` : '';
    return `${level}${String(line.message)}`;
  }
  return typeof line === 'string' ? line : JSON.stringify(line);
}
