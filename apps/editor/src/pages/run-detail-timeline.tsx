import type { Step } from './runs-api';
import { formatMs, STATUS_COLORS } from './runs-ui';

/**
 * Steps and their attempts as bars on one time axis, so a retry's wait and a
 * slow Odoo call stand out. Reused steps of a replay show as a thin marker.
 */
export function RunTimeline({ steps, start, now, onSelect }: { steps: readonly Step[]; start: number; now: number; onSelect: (nodeId: string) => void }) {
  const ends = steps.flatMap((s) => [s.finishedAt ?? null, ...s.attempts.map((a) => a.finishedAt ?? (a.status === 'running' ? now : a.startedAt))]).filter((x): x is number => typeof x === 'number');
  const end = Math.max(start + 1, ...ends, ...steps.map((s) => s.startedAt ?? start));
  const span = end - start;
  const pct = (t: number) => `${Math.min(100, Math.max(0, ((t - start) / span) * 100))}%`;
  const width = (a: number, b: number) => `${Math.max(0.4, ((b - a) / span) * 100)}%`;
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <div className="ops-timeline" data-testid="run-timeline">
      <div className="ops-timeline-axis">
        <span />
        <div className="ops-timeline-ticks">
          {ticks.map((t) => (
            <span key={t} style={{ left: `${t * 100}%` }}>
              {formatMs(span * t)}
            </span>
          ))}
        </div>
      </div>
      {steps.map((step) => (
        <div key={step.id} className="ops-timeline-row" onClick={() => onSelect(step.nodeId)}>
          <span className="ops-timeline-label" title={step.nodeId}>
            {step.nodeId}
          </span>
          <div className="ops-timeline-track">
            {ticks.map((t) => (
              <span key={t} className="ops-timeline-grid" style={{ left: `${t * 100}%` }} />
            ))}
            {step.reused ? (
              <span className="ops-timeline-reused" style={{ left: pct(step.finishedAt ?? start) }} title="reused from the original run">
                reused
              </span>
            ) : null}
            {step.attempts.length > 1 && step.attempts[0] ? (
              <span className="ops-timeline-wait" style={{ left: pct(step.attempts[0].startedAt), width: width(step.attempts[0].startedAt, step.attempts.at(-1)?.startedAt ?? step.attempts[0].startedAt) }} />
            ) : null}
            {step.attempts.map((a) => {
              const finished = a.finishedAt ?? (a.status === 'running' ? now : a.startedAt);
              return (
                <span
                  key={a.number}
                  className="ops-timeline-bar"
                  style={{ left: pct(a.startedAt), width: width(a.startedAt, finished), background: STATUS_COLORS[a.status] ?? (a.status === 'suspended' ? STATUS_COLORS.waiting : '#8a94a6') }}
                  title={`${step.nodeId} attempt ${a.number}: ${a.status}, ${formatMs(finished - a.startedAt)}${a.error ? ` — ${a.error.message}` : ''}`}
                />
              );
            })}
            {step.status === 'waiting' && step.startedAt ? <span className="ops-timeline-waiting" style={{ left: pct(step.attempts.at(-1)?.finishedAt ?? step.startedAt), right: 0 }} title="waiting" /> : null}
          </div>
          <span className="ops-timeline-dur">{step.startedAt && step.finishedAt ? formatMs(step.finishedAt - step.startedAt) : ''}</span>
        </div>
      ))}
    </div>
  );
}
