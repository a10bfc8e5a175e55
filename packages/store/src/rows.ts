import type { AttemptRecord, RunRecord, RunStatus, RunTrigger, StepRecord, StepStatus, AttemptStatus, LogLine } from '@ledgerflow/engine';
import type { ErrorRecord } from '@ledgerflow/flow';
import { fromJson } from './json';
import type { Database } from './schema';

// Rows are written only by this package, so their JSON has the shapes below.
/* The casts here read back what `engine-store.ts` wrote; nothing user-supplied is trusted by them. */

export function runFromRow(row: Database['runs']): RunRecord {
  return {
    id: row.id,
    flowId: row.flow_id,
    flowVersion: row.flow_version,
    status: row.status as RunStatus,
    input: fromJson(row.input),
    output: fromJson(row.output),
    error: fromJson(row.error) as RunRecord['error'],
    trigger: fromJson(row.trigger) as RunTrigger,
    businessKey: row.business_key,
    replayOf: row.replay_of,
    rootRunId: row.root_run_id,
    replayFrom: row.replay_from,
    ...(row.replay_input === null ? {} : { replayInput: fromJson(row.replay_input) }),
    ...(row.idempotency_key === null ? {} : { idempotencyKey: row.idempotency_key }),
    ...(row.pruned_at === null || row.pruned_at === undefined ? {} : { prunedAt: Number(row.pruned_at) }),
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    deadlineAt: row.deadline_at,
  };
}

export function stepFromRow(row: Database['steps']): StepRecord {
  return {
    id: row.id,
    runId: row.run_id,
    nodeId: row.node_id,
    seq: row.seq,
    status: row.status as StepStatus,
    input: fromJson(row.input),
    output: fromJson(row.output),
    port: row.port,
    error: fromJson(row.error) as ErrorRecord | null,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    resume: fromJson(row.resume),
    reused: row.reused === 1,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export function attemptFromRow(row: Database['attempts']): AttemptRecord {
  return {
    stepId: row.step_id,
    number: row.number,
    runId: row.run_id,
    status: row.status as AttemptStatus,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: fromJson(row.error) as ErrorRecord | null,
    logs: fromJson(row.logs) as LogLine[],
  };
}
