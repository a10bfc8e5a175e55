import type { FlowDocument } from '@ledgerflow/flow';
import type { AttemptRecord, RunDetail, RunRecord, RunStatus, StepRecord } from './records';

/** A change to one step, written with the outcome of an attempt. */
export type StepPatch = Partial<Pick<StepRecord, 'status' | 'input' | 'output' | 'port' | 'error' | 'attempts' | 'nextAttemptAt' | 'resume' | 'reused' | 'startedAt' | 'finishedAt'>>;
export type RunPatch = Partial<Pick<RunRecord, 'status' | 'output' | 'error' | 'startedAt' | 'finishedAt'>>;
export type AttemptPatch = Partial<Pick<AttemptRecord, 'status' | 'finishedAt' | 'error' | 'logs'>>;

/**
 * Everything one decision of the engine changes, written atomically and
 * only while `owner` still holds the run's lease and the run is not final.
 */
export interface RunCommit {
  runId: string;
  owner: string;
  now: number;
  run?: RunPatch;
  steps?: Array<{ id: string; patch: StepPatch }>;
  newSteps?: StepRecord[];
  newAttempt?: AttemptRecord;
  attempt?: { stepId: string; number: number; patch: AttemptPatch };
}

/** What the engine needs from storage; SQLite, PostgreSQL and memory implement it. */
export interface EngineStore {
  /** Inserts a run with its first step. */
  createRun(run: RunRecord, first: StepRecord): Promise<void>;
  /** Leases one due run to `owner`, or returns undefined when none is due. */
  claimRun(owner: string, now: number, leaseMs: number): Promise<string | undefined>;
  /** Extends a lease; false when it was lost. */
  renewLease(runId: string, owner: string, until: number): Promise<boolean>;
  /** Gives the lease back and recomputes when the run is next due. */
  releaseRun(runId: string, owner: string, status?: RunStatus): Promise<void>;
  /** Applies a commit; false when the lease was lost or the run is final. */
  commit(commit: RunCommit): Promise<boolean>;
  loadRun(runId: string): Promise<RunDetail | undefined>;
  /** The immutable flow version a run executes. */
  flowVersion(flowId: string, version: number): Promise<FlowDocument | undefined>;
  /** Wakes a waiting step with a resume value; false when it was not waiting. */
  resumeStep(runId: string, stepId: string, resume: unknown, now: number): Promise<boolean>;
  /** Cancels a run that is not final, and its open steps; false when already final. */
  cancelRun(runId: string, now: number, by?: string): Promise<boolean>;
}
