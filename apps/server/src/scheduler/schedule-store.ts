import type { Database } from '@ledgerflow/store';
import type { Kysely } from 'kysely';
import { businessDayRule, type BusinessDayRule } from './business-days';
import type { Timing } from './timing';

export type MissedPolicy = 'skip' | 'run-once';

/** A flow's schedule as stored. */
export interface Schedule extends Timing {
  flowId: string;
  active: boolean;
  missed: MissedPolicy;
  lastFireAt: number | null;
  armedAt: number | null;
  updatedAt: number;
  updatedBy: string | null;
}

type Row = Database['schedules'];

function parseRule(text: string | null): BusinessDayRule | null {
  if (!text) return null;
  const parsed = businessDayRule.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

function fromRow(row: Row): Schedule {
  return {
    flowId: row.flow_id,
    cron: row.cron === '' ? null : row.cron,
    businessDays: parseRule(row.business_days),
    timezone: row.timezone,
    active: row.active === 1,
    missed: row.missed === 'run-once' ? 'run-once' : 'skip',
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    lastFireAt: row.last_fire_at,
    armedAt: row.armed_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** The `schedules` and `schedule_fires` tables. */
export class ScheduleStore {
  constructor(private readonly db: Kysely<Database>) {}

  async list(options: { activeOnly?: boolean } = {}): Promise<Schedule[]> {
    let query = this.db.selectFrom('schedules').selectAll().orderBy('flow_id');
    if (options.activeOnly) query = query.where('active', '=', 1);
    return (await query.execute()).map(fromRow);
  }

  async get(flowId: string): Promise<Schedule | undefined> {
    const row = await this.db.selectFrom('schedules').selectAll().where('flow_id', '=', flowId).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** Inserts or replaces a flow's schedule. */
  async save(schedule: Schedule): Promise<void> {
    const values = {
      cron: schedule.cron ?? '',
      business_days: schedule.businessDays ? JSON.stringify(schedule.businessDays) : null,
      timezone: schedule.timezone,
      active: schedule.active ? 1 : 0,
      missed: schedule.missed,
      starts_at: schedule.startsAt,
      ends_at: schedule.endsAt,
      armed_at: schedule.armedAt,
      updated_at: schedule.updatedAt,
      updated_by: schedule.updatedBy,
    };
    await this.db
      .insertInto('schedules')
      .values({ flow_id: schedule.flowId, last_fire_at: schedule.lastFireAt, ...values })
      .onConflict((oc) => oc.column('flow_id').doUpdateSet(values))
      .execute();
  }

  /**
   * Claims one fire instant for this process. The primary key (flow_id,
   * fire_at) lets exactly one inserter win, across restarts and processes.
   */
  async claimFire(flowId: string, fireAt: number, now: number): Promise<boolean> {
    const result = await this.db
      .insertInto('schedule_fires')
      .values({ flow_id: flowId, fire_at: fireAt, run_id: null, created_at: now })
      .onConflict((oc) => oc.columns(['flow_id', 'fire_at']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async recordFireRun(flowId: string, fireAt: number, runId: string): Promise<void> {
    await this.db.updateTable('schedule_fires').set({ run_id: runId }).where('flow_id', '=', flowId).where('fire_at', '=', fireAt).execute();
  }

  /** Claims that were taken but never got a run (the process died in between). */
  async orphanFires(olderThan: number, newerThan: number): Promise<Array<{ flowId: string; fireAt: number; createdAt: number }>> {
    const rows = await this.db
      .selectFrom('schedule_fires')
      .select(['flow_id', 'fire_at', 'created_at'])
      .where('run_id', 'is', null)
      .where('created_at', '<', olderThan)
      .where('fire_at', '>', newerThan)
      .limit(100)
      .execute();
    return rows.map((r) => ({ flowId: r.flow_id, fireAt: r.fire_at, createdAt: r.created_at }));
  }

  /** Re-takes an orphaned claim; compare-and-set, so one process wins. */
  async retakeFire(flowId: string, fireAt: number, seenCreatedAt: number, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('schedule_fires')
      .set({ created_at: now })
      .where('flow_id', '=', flowId)
      .where('fire_at', '=', fireAt)
      .where('created_at', '=', seenCreatedAt)
      .where('run_id', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Moves `last_fire_at` forward (never back). */
  async advance(flowId: string, fireAt: number): Promise<void> {
    await this.db
      .updateTable('schedules')
      .set({ last_fire_at: fireAt })
      .where('flow_id', '=', flowId)
      .where((eb) => eb.or([eb('last_fire_at', 'is', null), eb('last_fire_at', '<', fireAt)]))
      .execute();
  }

  /** The last fire of each flow that started a run, with that run's status. */
  async lastRuns(): Promise<Map<string, { fireAt: number; runId: string | null; status: string | null }>> {
    const latest = this.db.selectFrom('schedule_fires').select(['flow_id', (eb) => eb.fn.max('fire_at').as('fire_at')]).groupBy('flow_id').as('latest');
    const rows = await this.db
      .selectFrom('schedule_fires')
      .innerJoin(latest, (j) => j.onRef('latest.flow_id', '=', 'schedule_fires.flow_id').onRef('latest.fire_at', '=', 'schedule_fires.fire_at'))
      .leftJoin('runs', 'runs.id', 'schedule_fires.run_id')
      .select(['schedule_fires.flow_id', 'schedule_fires.fire_at', 'schedule_fires.run_id', 'runs.status'])
      .execute();
    return new Map(rows.map((r) => [r.flow_id, { fireAt: r.fire_at, runId: r.run_id, status: r.status ?? null }]));
  }
}
