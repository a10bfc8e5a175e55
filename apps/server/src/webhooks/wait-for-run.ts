import { FINAL_RUN_STATUSES, type RunRecord } from '@ledgerflow/engine';

/**
 * Waits until a run finishes, stops to wait for someone (approval) or the
 * time is up, reading the store so it works whichever process runs it.
 */
export async function waitForRun(load: (id: string) => Promise<RunRecord | undefined>, runId: string, timeoutMs: number, signal?: AbortSignal): Promise<RunRecord | undefined> {
  const deadline = Date.now() + timeoutMs;
  let delay = 20;
  for (;;) {
    const run = await load(runId);
    if (!run || FINAL_RUN_STATUSES.has(run.status) || run.status === 'waiting') return run;
    if (Date.now() >= deadline || signal?.aborted) return run;
    await new Promise((resolve) => setTimeout(resolve, Math.min(delay, Math.max(0, deadline - Date.now()))));
    delay = Math.min(delay * 2, 250);
  }
}
