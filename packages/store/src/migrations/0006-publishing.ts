import type { Kysely } from 'kysely';

/* Frozen in time: takes Kysely<any> and imports no application code. */
/* eslint-disable @typescript-eslint/no-explicit-any */

/** Published versions, flow owners and reviews of changes before they are published. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('flows').addColumn('published_version', 'integer').execute();
  await db.schema.alterTable('flows').addColumn('owner', 'varchar(100)').execute();
  await db.schema
    .createTable('flow_reviews')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('flow_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('submitted_by', 'varchar(100)', (c) => c.notNull())
    .addColumn('submitted_at', 'bigint', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('decided_by', 'varchar(100)')
    .addColumn('decided_at', 'bigint')
    .addColumn('decision_comment', 'text')
    .execute();
  await db.schema.createIndex('flow_reviews_flow').on('flow_reviews').columns(['flow_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('flow_reviews').execute();
  await db.schema.alterTable('flows').dropColumn('owner').execute();
  await db.schema.alterTable('flows').dropColumn('published_version').execute();
}
