import type { Kysely } from 'kysely';

/* Frozen in time: takes Kysely<any> and imports no application code. */
/* eslint-disable @typescript-eslint/no-explicit-any */

/** Working-day rules beside cron, and the instant from which a schedule counts fires. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('schedules').addColumn('business_days', 'text').execute();
  // Fires before armed_at are never "missed": it moves on create, resume and change of timing.
  await db.schema.alterTable('schedules').addColumn('armed_at', 'bigint').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('schedules').dropColumn('armed_at').execute();
  await db.schema.alterTable('schedules').dropColumn('business_days').execute();
}
