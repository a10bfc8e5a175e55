import type { Kysely } from 'kysely';

/**
 * Approvals by level: a step may open several approvals (one per level, and
 * one more when a level is escalated), each with a quorum and its decisions.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('approvals_step').execute();
  await db.schema.alterTable('approvals').addColumn('level', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('approvals').addColumn('level_count', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('approvals').addColumn('quorum', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('approvals').addColumn('escalated', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('approvals').addColumn('decisions', 'text').execute();
  await db.schema.alterTable('approvals').addColumn('submitters', 'text').execute();
  await db.schema.alterTable('approvals').addColumn('fields', 'text').execute();
  await db.schema.alterTable('approvals').addColumn('amount', 'text').execute();
  await db.schema.createIndex('approvals_step_level').on('approvals').columns(['step_id', 'level', 'escalated']).unique().execute();
  await db.schema.createIndex('approvals_run').on('approvals').columns(['run_id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('approvals_run').execute();
  await db.schema.dropIndex('approvals_step_level').execute();
  for (const column of ['amount', 'fields', 'submitters', 'decisions', 'escalated', 'quorum', 'level_count', 'level']) {
    await db.schema.alterTable('approvals').dropColumn(column).execute();
  }
  await db.schema.createIndex('approvals_step').on('approvals').columns(['step_id']).unique().execute();
}
