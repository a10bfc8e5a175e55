import type { Db } from '@ledgerflow/store';

const DAY_MS = 86_400_000;
const FINAL = ['succeeded', 'failed', 'cancelled'];
/** Runs pruned per transaction, so a large backlog never holds the database for long. */
const BATCH = 500;

export interface PruneResult {
  runs: number;
  cutoff: number;
}

/**
 * Drops the payloads (inputs, outputs, resume data, attempt logs) of final
 * runs that finished more than `days` ago. What a history page needs stays:
 * status, times, trigger, business key, errors, and each step's status and attempts.
 */
export async function pruneRuns(db: Db, options: { days: number; now: number }): Promise<PruneResult> {
  const cutoff = options.now - options.days * DAY_MS;
  let runs = 0;
  for (;;) {
    const batch = await db.kysely
      .selectFrom('runs')
      .select('id')
      .where('status', 'in', FINAL)
      .where('finished_at', '<', cutoff)
      .where('pruned_at', 'is', null)
      .limit(BATCH)
      .execute();
    if (batch.length === 0) break;
    const ids = batch.map((r) => r.id);
    await db.kysely.transaction().execute(async (tx) => {
      await tx.updateTable('runs').set({ input: null, output: null, replay_input: null, pruned_at: options.now }).where('id', 'in', ids).execute();
      await tx.updateTable('steps').set({ input: null, output: null, resume: null }).where('run_id', 'in', ids).execute();
      await tx.updateTable('attempts').set({ logs: '[]' }).where('run_id', 'in', ids).execute();
    });
    runs += ids.length;
  }
  return { runs, cutoff };
}
