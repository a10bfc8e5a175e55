import type { CommittedState, RunCommit, RunRecord, RunStatus } from '@ledgerflow/engine';

/**
 * One change to a run as this process saw it: created, advanced by the engine
 * (with the commit and the run's state after it) or cancelled.
 */
export type RunChange =
  | { kind: 'created'; run: RunRecord }
  | { kind: 'commit'; run: RunRecord; commit: RunCommit; state: CommittedState }
  | { kind: 'cancelled'; run: RunRecord };

/** What the events stream sends for a run: enough to update a row of the runs list. */
export interface RunEventView {
  id: string;
  flowId: string;
  flowVersion: number;
  status: RunStatus;
  businessKey: string | null;
  replayOf: string | null;
  replayFrom: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  error: RunRecord['error'];
  /** Steps whose status this change touched. */
  steps: Array<{ nodeId: string; status: string }>;
}

type Listener = (change: RunChange) => void;

/**
 * The in-process bus of run changes behind `GET /api/events` and the metrics.
 * Listeners run synchronously after the commit; one that throws is cut off
 * from that change only, so it can never fail the engine.
 */
export class RunEvents {
  private readonly listeners = new Set<Listener>();

  /** Registers a listener; returns its removal. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(change: RunChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch {
        /* a broken listener must not stop the run or the other listeners */
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}

/** The status a user should see now: a run whose only open steps wait is `waiting` before the worker releases it. */
export function visibleStatus(change: RunChange): RunStatus {
  if (change.kind !== 'commit') return change.run.status;
  const { run, steps } = change.state;
  if (run.status === 'succeeded' || run.status === 'failed' || run.status === 'cancelled') return run.status;
  const open = steps.filter((s) => s.status === 'ready' || s.status === 'running');
  if (open.length === 0 && steps.some((s) => s.status === 'waiting')) return 'waiting';
  return open.some((s) => s.status === 'running') ? 'running' : run.status;
}

/** The JSON the events stream sends for a change. */
export function eventView(change: RunChange): RunEventView {
  const { run } = change;
  const touched = change.kind === 'commit' ? new Set([...(change.commit.steps ?? []).map((s) => s.id), ...(change.commit.newSteps ?? []).map((s) => s.id)]) : new Set<string>();
  const steps = change.kind === 'commit' ? change.state.steps.filter((s) => touched.has(s.id)).map((s) => ({ nodeId: s.nodeId, status: s.status })) : [];
  return {
    id: run.id,
    flowId: run.flowId,
    flowVersion: run.flowVersion,
    status: visibleStatus(change),
    businessKey: run.businessKey,
    replayOf: run.replayOf,
    replayFrom: run.replayFrom,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    error: run.error,
    steps,
  };
}
