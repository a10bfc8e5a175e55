import type { RunEvents } from './events';
import type { Logger } from './logger';

/**
 * Writes the engine's progress to the process log as JSON lines, each with
 * runId, flowId and nodeId: attempts that end, their own log lines, retries
 * scheduled and runs created or cancelled. Step data never goes to the log.
 */
export function logRunChanges(events: RunEvents, logger: Logger): () => void {
  return events.subscribe((change) => {
    const base = { runId: change.run.id, flowId: change.run.flowId };
    if (change.kind === 'created') {
      logger.info({ ...base, trigger: change.run.trigger.kind, replayOf: change.run.replayOf ?? undefined }, 'run queued');
      return;
    }
    if (change.kind === 'cancelled') {
      logger.info(base, 'run cancelled');
      return;
    }
    const { commit, state } = change;
    const done = commit.attempt;
    if (!done) return;
    const step = state.steps.find((s) => s.id === done.stepId);
    const attempt = state.attempts.find((a) => a.stepId === done.stepId && a.number === done.number);
    const fields = { ...base, nodeId: step?.nodeId, attempt: done.number };
    for (const line of done.patch.logs ?? []) logger[line.level]({ ...fields, ...(line.fields ? { fields: line.fields } : {}) }, line.message);
    const ms = attempt && done.patch.finishedAt ? done.patch.finishedAt - attempt.startedAt : undefined;
    const error = done.patch.error ?? undefined;
    if (done.patch.status === 'failed' && error) {
      const retryAt = step?.status === 'ready' ? step.nextAttemptAt : null;
      logger.warn({ ...fields, ms, errorClass: error.class, errorCode: error.code, retryable: error.retryable, odooName: error.details?.odooName, retryAt }, retryAt ? 'attempt failed, retry scheduled' : 'attempt failed');
    } else if (done.patch.status) {
      logger.debug({ ...fields, ms, status: done.patch.status }, 'attempt finished');
    }
  });
}
