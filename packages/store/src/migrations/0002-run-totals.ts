import type { Kysely } from 'kysely';

/* Frozen in time: takes Kysely<any> and imports no application code. */
/* eslint-disable @typescript-eslint/no-explicit-any */

/** Control totals per run (record counts, sums of debits and credits, …) and a runs index for flow + status filters. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('run_totals')
    .addColumn('run_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    // JSON text: a number, or an object of numbers (e.g. a sum by currency).
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('run_totals_pk', ['run_id', 'name'])
    .execute();
  // The console filters by flow and status at once; without this the status has to be checked row by row.
  await db.schema.createIndex('runs_flow_status_history').on('runs').columns(['flow_id', 'status', 'created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('runs_flow_status_history').ifExists().execute();
  await db.schema.dropTable('run_totals').ifExists().execute();
}
