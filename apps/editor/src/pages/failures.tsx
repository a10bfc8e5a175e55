import { useCallback, useEffect, useState } from 'react';
import { Link } from '../app/Link';
import { getReplayJob, listFailures, replayFailures, type FailureGroup, type ReplayJob } from './runs-api';
import { ConfirmDialog, formatWhen, messageOf } from './runs-ui';

/** Share of a bulk replay that is settled: replays that finished, plus runs skipped or refused. */
function progressOf(job: ReplayJob): number {
  if (job.total === 0) return 1;
  return Math.min(1, (job.succeeded + job.failed + job.skipped) / job.total);
}

function JobProgress({ job }: { job: ReplayJob }) {
  const pct = Math.round(progressOf(job) * 100);
  const label = job.done ? 'Done' : 'Replaying';
  return (
    <div className="ops-job" data-testid="replay-progress" data-done={job.done ? 'true' : 'false'}>
      <div className="ops-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label="Bulk replay progress">
        <span style={{ width: `${pct}%` }} className={job.failed > 0 ? 'has-failures' : ''} />
      </div>
      <span className="ops-job-text">
        {label} {pct}% · {job.succeeded} succeeded · {job.failed} failed again · {job.skipped} skipped (already handled) of {job.total}
      </span>
    </div>
  );
}

/** The failed-run queue: failures grouped by flow and cause, each replayable in bulk. */
export function FailuresPage() {
  const [groups, setGroups] = useState<FailureGroup[] | undefined>();
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState<FailureGroup | undefined>();
  const [jobs, setJobs] = useState<Record<string, ReplayJob>>({});

  const load = useCallback(() => {
    listFailures().then(
      (answer) => {
        setGroups(answer.items);
        setTotal(answer.total);
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }, []);
  useEffect(load, [load]);

  const key = (g: FailureGroup) => `${g.flowId}|${g.signature}`;

  const start = async (group: FailureGroup) => {
    setConfirming(undefined);
    try {
      const started = await replayFailures(group.signature ? { signature: group.signature, flowId: group.flowId } : { flowId: group.flowId });
      const k = key(group);
      setJobs((j) => ({ ...j, [k]: { id: started.id, total: started.total, started: 0, skipped: 0, succeeded: 0, failed: 0, done: started.total === 0 } }));
      // Poll the job until every replay has settled, then refresh the queue.
      for (;;) {
        await new Promise((r) => setTimeout(r, 400));
        const job = await getReplayJob(started.id);
        setJobs((j) => ({ ...j, [k]: job }));
        if (job.done) break;
      }
      load();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const finishedJobs = Object.entries(jobs).filter(([k]) => !groups?.some((g) => key(g) === k));
  return (
    <div className="lf-page ops-page" data-testid="failures-page">
      <div className="lf-page-head">
        <div>
          <h1>Failed runs</h1>
          <p className="lf-muted">Failures not yet fixed by a replay, grouped by flow and cause. Replay a group once its cause is fixed.</p>
        </div>
        <span className={`ops-big-count ${total === 0 ? 'is-zero' : ''}`}>{total} open</span>
      </div>
      {error ? <div className="lf-alert lf-alert-error">{error}</div> : null}
      {groups === undefined ? <p className="lf-muted">Loading…</p> : null}
      {groups && groups.length === 0 && finishedJobs.length === 0 ? (
        <div className="lf-card lf-empty">
          <h2>No failed runs waiting</h2>
          <p className="lf-muted">Every failure has been replayed or there were none.</p>
        </div>
      ) : null}
      {groups?.map((group) => {
        const job = jobs[key(group)];
        return (
          <section key={key(group)} className="lf-card ops-failure-group" data-testid="failure-group" data-flow={group.flowId}>
            <div className="ops-failure-main">
              <div className="ops-failure-count">{group.count}</div>
              <div className="ops-failure-text">
                <div>
                  <strong>{group.flowId}</strong>
                  {group.sample.nodeId ? (
                    <span className="lf-muted">
                      {' '}
                      at <code>{group.sample.nodeId}</code>
                    </span>
                  ) : null}
                  {group.sample.code ? <span className="lf-tag">{group.sample.code}</span> : null}
                </div>
                <p className="ops-failure-message">{group.sample.message || 'no message'}</p>
                <p className="lf-muted">
                  First {formatWhen(group.firstSeen)} · last {formatWhen(group.lastSeen)} · latest <Link href={`/runs/${group.sample.runId}`}>{group.sample.runId.slice(0, 8)}</Link> ·{' '}
                  <Link href={`/runs?flowId=${encodeURIComponent(group.flowId)}&status=failed`}>all failed runs of this flow</Link>
                </p>
              </div>
              <button type="button" className="lf-btn lf-btn-primary" onClick={() => setConfirming(group)} disabled={job !== undefined && !job.done}>
                Replay {group.count} run{group.count === 1 ? '' : 's'}
              </button>
            </div>
            {job ? <JobProgress job={job} /> : null}
          </section>
        );
      })}
      {finishedJobs.map(([k, job]) => (
        <section key={k} className="lf-card ops-failure-group is-cleared" data-testid="failure-group-cleared">
          <div className="ops-failure-text">
            <strong>{k.split('|')[0]}</strong> <span className="lf-muted">— group cleared by replay</span>
          </div>
          <JobProgress job={job} />
        </section>
      ))}
      {confirming ? (
        <ConfirmDialog title={`Replay ${confirming.count} failed run${confirming.count === 1 ? '' : 's'}?`} confirmLabel="Replay all" onConfirm={() => void start(confirming)} onCancel={() => setConfirming(undefined)}>
          <p>
            Each run of <strong>{confirming.flowId}</strong> failing with “{confirming.sample.message}” is retried from its failed step. Runs already fixed by another replay are skipped.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
