import type { Kysely } from 'kysely';

/* Frozen in time: takes Kysely<any> and imports no application code. */
/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('flows')
    .addColumn('id', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('max_concurrency', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('flow_versions')
    .addColumn('flow_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'varchar(100)')
    .addPrimaryKeyConstraint('flow_versions_pk', ['flow_id', 'version'])
    .execute();

  await db.schema
    .createTable('runs')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('flow_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('flow_version', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('input', 'text')
    .addColumn('output', 'text')
    .addColumn('error', 'text')
    .addColumn('error_signature', 'varchar(300)')
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('business_key', 'varchar(200)')
    .addColumn('idempotency_key', 'varchar(300)')
    .addColumn('replay_of', 'varchar(64)')
    .addColumn('root_run_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('replay_from', 'varchar(100)')
    .addColumn('replay_input', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .addColumn('deadline_at', 'bigint')
    .addColumn('next_due_at', 'bigint')
    .addColumn('lease_owner', 'varchar(100)')
    .addColumn('lease_expires_at', 'bigint')
    .execute();
  await db.schema.createIndex('runs_due').on('runs').columns(['next_due_at']).execute();
  await db.schema.createIndex('runs_history').on('runs').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('runs_flow_history').on('runs').columns(['flow_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('runs_status_history').on('runs').columns(['status', 'created_at', 'id']).execute();
  await db.schema.createIndex('runs_business_key').on('runs').columns(['business_key']).execute();
  await db.schema.createIndex('runs_replay_of').on('runs').columns(['replay_of']).execute();
  await db.schema.createIndex('runs_idempotency').on('runs').columns(['flow_id', 'idempotency_key']).unique().execute();

  await db.schema
    .createTable('steps')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('run_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('node_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('input', 'text')
    .addColumn('output', 'text')
    .addColumn('port', 'varchar(100)')
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint')
    .addColumn('resume', 'text')
    .addColumn('reused', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('steps_run').on('steps').columns(['run_id', 'seq']).execute();

  await db.schema
    .createTable('attempts')
    .addColumn('step_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('run_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('error', 'text')
    .addColumn('logs', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attempts_pk', ['step_id', 'number'])
    .execute();
  await db.schema.createIndex('attempts_run').on('attempts').columns(['run_id']).execute();

  await db.schema
    .createTable('users')
    .addColumn('username', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('password_hash', 'varchar(300)', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('username', 'varchar(100)', (c) => c.notNull())
    .addColumn('csrf', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('created_by', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();

  await db.schema
    .createTable('connections')
    .addColumn('name', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('type', 'varchar(20)', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('approvals')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('run_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('step_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('node_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('flow_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('approvers', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('data', 'text')
    .addColumn('submitted_by', 'varchar(100)')
    .addColumn('decided_by', 'varchar(100)')
    .addColumn('decision', 'varchar(20)')
    .addColumn('comment', 'text')
    .addColumn('shown_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .addColumn('expires_at', 'bigint')
    .execute();
  await db.schema.createIndex('approvals_status').on('approvals').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('approvals_step').on('approvals').columns(['step_id']).unique().execute();

  await db.schema
    .createTable('schedules')
    .addColumn('flow_id', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('cron', 'varchar(200)', (c) => c.notNull())
    .addColumn('timezone', 'varchar(100)', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('missed', 'varchar(20)', (c) => c.notNull())
    .addColumn('starts_at', 'bigint')
    .addColumn('ends_at', 'bigint')
    .addColumn('last_fire_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(100)')
    .execute();

  await db.schema
    .createTable('schedule_fires')
    .addColumn('flow_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('fire_at', 'bigint', (c) => c.notNull())
    .addColumn('run_id', 'varchar(64)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('schedule_fires_pk', ['flow_id', 'fire_at'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'varchar(100)', (c) => c.notNull())
    .addColumn('action', 'varchar(100)', (c) => c.notNull())
    .addColumn('target', 'varchar(300)')
    .addColumn('detail', 'text')
    .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_at').on('audit_log').columns(['at']).execute();

  await db.schema
    .createTable('kv')
    .addColumn('key', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['kv', 'audit_log', 'schedule_fires', 'schedules', 'approvals', 'connections', 'api_tokens', 'sessions', 'users', 'attempts', 'steps', 'runs', 'flow_versions', 'flows']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
