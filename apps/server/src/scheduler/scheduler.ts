import type { RunRecord, RunTrigger } from '@ledgerflow/engine';
import { triggerSpec } from '@ledgerflow/nodes';
import type { OdooClient } from '@ledgerflow/odoo';
import type { Db, FlowRepository } from '@ledgerflow/store';
import { odooPollConfig, OdooPoller } from './odoo-poll';
import { ScheduleStore, type Schedule } from './schedule-store';
import { firesBetween, latestFireBetween } from './timing';
import { isoInZone } from './zoned-time';

export interface SchedulerLogger {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface SchedulerDeps {
  db: Db;
  flows: Pick<FlowRepository, 'get'>;
  startRun: (flowId: string, input: unknown, trigger: RunTrigger, options: { idempotencyKey: string }) => Promise<RunRecord>;
  odoo: (connection: string) => Promise<OdooClient>;
  logger: SchedulerLogger;
  /** Time as the scheduler sees it; tests pass a fake. */
  clock?: () => number;
  /** A fire later than this is "missed" and follows the schedule's policy (default 10 s). */
  graceMs?: number;
}

/** A claim with no run after this long belongs to a process that died. */
const ORPHAN_AFTER_MS = 30_000;

/**
 * Fires schedules. `tick(now)` finds the fire instants due since each
 * schedule's last one and starts their runs; the loop calls it every second.
 * Each instant is claimed in `schedule_fires` first, so across restarts and
 * processes exactly one run starts per instant.
 */
export class Scheduler {
  readonly store: ScheduleStore;
  private readonly poller: OdooPoller;
  private readonly clock: () => number;
  private readonly graceMs: number;
  private readonly inFlight = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(private readonly deps: SchedulerDeps) {
    this.store = new ScheduleStore(deps.db.kysely);
    this.poller = new OdooPoller({ db: deps.db.kysely, odoo: deps.odoo, startRun: deps.startRun });
    this.clock = deps.clock ?? Date.now;
    this.graceMs = deps.graceMs ?? 10_000;
  }

  /** Fires what is due at `now`. A schedule still busy from an earlier tick is left alone. */
  async tick(now: number = this.clock()): Promise<void> {
    const schedules = await this.store.list({ activeOnly: true });
    const work: Array<Promise<void>> = [];
    for (const schedule of schedules) {
      if (this.inFlight.has(schedule.flowId)) continue;
      const job = this.tickSchedule(schedule, now)
        .catch((error: unknown) => this.deps.logger.error({ err: error, flowId: schedule.flowId }, 'schedule tick failed'))
        .finally(() => this.inFlight.delete(schedule.flowId));
      this.inFlight.set(schedule.flowId, job);
      work.push(job);
    }
    work.push(this.recoverOrphans(now).catch((error: unknown) => this.deps.logger.error({ err: error }, 'orphan fire recovery failed')));
    await Promise.all(work);
  }

  private async tickSchedule(schedule: Schedule, now: number): Promise<void> {
    const from = Math.max(schedule.lastFireAt ?? -Infinity, schedule.armedAt ?? schedule.updatedAt);
    if (now <= from) return;
    const onTimeFrom = Math.max(from, now - this.graceMs);
    const onTime = firesBetween(schedule, onTimeFrom, now, 100);
    const latestMissed = from < onTimeFrom ? latestFireBetween(schedule, from, onTimeFrom) : undefined;
    if (latestMissed !== undefined && schedule.missed === 'run-once') await this.fire(schedule, latestMissed, now, true);
    for (const at of onTime) await this.fire(schedule, at, now, false);
    const newest = onTime[onTime.length - 1] ?? latestMissed;
    if (newest !== undefined) await this.store.advance(schedule.flowId, newest);
  }

  private async fire(schedule: Schedule, at: number, now: number, missed: boolean): Promise<void> {
    if (!(await this.store.claimFire(schedule.flowId, at, now))) return;
    await this.startFire(schedule, at, missed);
  }

  /** Starts the run (or the Odoo poll) of a claimed fire instant. */
  private async startFire(schedule: Schedule, at: number, missed: boolean): Promise<void> {
    const fireAt = isoInZone(at, schedule.timezone);
    const flow = await this.deps.flows.get(schedule.flowId);
    if (!flow) {
      await this.store.recordFireRun(schedule.flowId, at, 'none:flow-missing');
      return;
    }
    const node = flow.document.nodes.find((n) => n.type === 'trigger');
    const trigger = node ? triggerSpec.configSchema.safeParse(node.config) : undefined;
    if (node && trigger?.success && trigger.data.kind === 'odoo-poll') {
      const config = odooPollConfig.parse(trigger.data);
      const runIds = await this.poller.poll(schedule.flowId, node.id, config, { fireAt });
      await this.store.recordFireRun(schedule.flowId, at, runIds[0] ?? 'none:no-records');
      this.deps.logger.info({ flowId: schedule.flowId, fireAt, runs: runIds.length }, 'odoo poll fired');
      return;
    }
    const detail = { fireAt, fireAtMs: at, timezone: schedule.timezone, ...(missed ? { missed: true } : {}) };
    const run = await this.deps.startRun(schedule.flowId, { fireAt, timezone: schedule.timezone }, { kind: 'schedule', detail }, { idempotencyKey: `schedule:${at}` });
    await this.store.recordFireRun(schedule.flowId, at, run.id);
    this.deps.logger.info({ flowId: schedule.flowId, fireAt, runId: run.id }, 'schedule fired');
  }

  /** A claim whose process died before starting the run is retaken once by one process. */
  private async recoverOrphans(now: number): Promise<void> {
    for (const orphan of await this.store.orphanFires(now - ORPHAN_AFTER_MS, now - 86_400_000)) {
      if (!(await this.store.retakeFire(orphan.flowId, orphan.fireAt, orphan.createdAt, now))) continue;
      const schedule = await this.store.get(orphan.flowId);
      if (!schedule) await this.store.recordFireRun(orphan.flowId, orphan.fireAt, 'none:schedule-deleted');
      else await this.startFire(schedule, orphan.fireAt, false);
    }
  }

  /** Ticks just after every whole second until `stop()`. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const next = () => {
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        this.running = this.tick().catch((error: unknown) => this.deps.logger.error({ err: error }, 'scheduler tick failed'));
        next();
      }, 1000 - (this.clock() % 1000) + 15);
    };
    next();
  }

  /** Stops the loop and waits for the tick in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await Promise.all(this.inFlight.values());
  }
}
