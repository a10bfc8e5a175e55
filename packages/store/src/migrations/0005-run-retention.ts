import type { Kysely } from 'kysely';

/* Frozen in time: takes Kysely<any> and imports no application code. */
/* eslint-disable @typescript-eslint/no-explicit-any */

/** When retention dropped a final run's payloads (its summary stays); and an index to find old final runs. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('runs').addColumn('pruned_at', 'bigint').execute();
  await db.schema.createIndex('runs_finished').on('runs').columns(['finished_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('runs_finished').execute();
  await db.schema.alterTable('runs').dropColumn('pruned_at').execute();
}
