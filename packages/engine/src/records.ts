import type { ErrorRecord } from '@ledgerflow/flow';

export type RunStatus = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';
export type StepStatus = 'ready' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';
export type AttemptStatus = 'running' | 'succeeded' | 'failed' | 'interrupted' | 'suspended' | 'deferred';

export const FINAL_RUN_STATUSES: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'cancelled']);

/** How a run came to be. */
export interface RunTrigger {
  kind: 'manual' | 'webhook' | 'schedule' | 'odoo-poll' | 'replay' | 'cli';
  by?: string;
  /** Schedule fire instant (ms), webhook path, … */
  detail?: Record<string, unknown>;
}

/** One execution of a flow version. */
export interface RunRecord {
  id: string;
  flowId: string;
  flowVersion: number;
  status: RunStatus;
  input: unknown;
  output: unknown;
  error: (ErrorRecord & { nodeId?: string }) | null;
  trigger: RunTrigger;
  businessKey: string | null;
  /** The run this one replays, and the first run of that chain. */
  replayOf: string | null;
  rootRunId: string;
  /** Node the replay starts at: it and what follows run again, the rest is reused. */
  replayFrom: string | null;
  /** Input given to `replayFrom` instead of the recorded one. */
  replayInput?: unknown;
  /** A caller's key (e.g. a webhook's Idempotency-Key): one run per key and flow. */
  idempotencyKey?: string;
  /** Set when retention dropped this run's payloads; its summary (status, times, error) stays. */
  prunedAt?: number;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  deadlineAt: number | null;
}

/** One execution of one node inside a run. */
export interface StepRecord {
  id: string;
  runId: string;
  nodeId: string;
  /** Order of creation inside the run. */
  seq: number;
  status: StepStatus;
  input: unknown;
  output: unknown;
  port: string | null;
  error: ErrorRecord | null;
  /** Attempts started so far (interrupted ones included). */
  attempts: number;
  /** When a ready step may run, or when a waiting step wakes up (timeout). */
  nextAttemptAt: number | null;
  /** What resumed a waiting step (an approval decision, a timeout). */
  resume: unknown;
  /** True when a replay took this step's output from the original run. */
  reused: boolean;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface LogLine {
  at: number;
  level: 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

/** One try of a step. */
export interface AttemptRecord {
  stepId: string;
  runId: string;
  number: number;
  status: AttemptStatus;
  startedAt: number;
  finishedAt: number | null;
  error: ErrorRecord | null;
  logs: LogLine[];
}

/** A run with its steps and attempts, as the API shows it. */
export interface RunDetail {
  run: RunRecord;
  steps: StepRecord[];
  attempts: AttemptRecord[];
}
