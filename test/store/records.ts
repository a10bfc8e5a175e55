import type { RunRecord, StepRecord } from '@ledgerflow/engine';
import type { FlowDocument } from '@ledgerflow/flow';

let counter = 0;

/** A queued run record as the engine would create it. */
export function runRecord(flowId: string, at: number, extra: Partial<RunRecord> = {}): RunRecord {
  counter += 1;
  const id = extra.id ?? `run-${String(counter).padStart(4, '0')}-${Math.random().toString(36).slice(2, 6)}`;
  return {
    id, flowId, flowVersion: 1, status: 'queued', input: { n: counter }, output: null, error: null, trigger: { kind: 'manual' }, businessKey: null,
    replayOf: null, rootRunId: id, replayFrom: null, createdAt: at, startedAt: null, finishedAt: null, deadlineAt: null, ...extra,
  };
}

/** The first (ready) step of a run. */
export function stepRecord(run: RunRecord, nodeId = 'in', extra: Partial<StepRecord> = {}): StepRecord {
  return {
    id: `${run.id}-s-${nodeId}`, runId: run.id, nodeId, seq: 0, status: 'ready', input: run.input, output: null, port: null, error: null, attempts: 0,
    nextAttemptAt: run.createdAt, resume: null, reused: false, createdAt: run.createdAt, startedAt: null, finishedAt: null, ...extra,
  };
}

/** A minimal valid flow: trigger then one map. */
export function tinyFlow(id: string, settings?: FlowDocument['settings']): FlowDocument {
  return {
    schema: 'ledgerflow/flow@1',
    id,
    name: id,
    nodes: [
      { id: 'in', type: 'trigger', config: { kind: 'manual' } },
      { id: 'm', type: 'map', config: { expression: '$' } },
    ],
    edges: [{ from: 'in', to: 'm' }],
    ...(settings ? { settings } : {}),
  };
}
