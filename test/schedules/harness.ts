import { randomBytes } from 'node:crypto';
import type { FlowDocument } from '@ledgerflow/flow';
import type { Db } from '@ledgerflow/store';
import { Connections } from '../../apps/server/src/connections';
import { createLogger } from '../../apps/server/src/logger';
import { Runtime } from '../../apps/server/src/runtime';
import { applyScheduleChange } from '../../apps/server/src/scheduler/schedule-change';
import type { ScheduleChange } from '../../apps/server/src/scheduler/schedule-input';
import { Scheduler } from '../../apps/server/src/scheduler/scheduler';
import { SecretBox } from '../../apps/server/src/secrets';

/** A flow whose only node is a trigger. */
export function triggerFlow(id: string, config: Record<string, unknown>): FlowDocument {
  return { schema: 'ledgerflow/flow@1', id, name: `Flow ${id}`, nodes: [{ id: 'in', type: 'trigger', config }], edges: [] };
}

/** A scheduler on `db` with a clock the test moves; the worker never runs, so runs stay queued and countable. */
export function schedulerOn(db: Db, options: { graceMs?: number; connections?: Connections } = {}) {
  const clock = { now: 0 };
  const counts = { startRun: 0 };
  /** Set to make the next startRun calls fail, as a store outage would. */
  const faults = { failStartRuns: 0 };
  const logger = createLogger('silent');
  const connections = options.connections ?? new Connections(db.kysely, new SecretBox(randomBytes(32)));
  const runtime = new Runtime({ db, connections, logger, publicUrl: 'http://127.0.0.1', workerConcurrency: 1 });
  const scheduler = new Scheduler({
    db,
    flows: runtime.flows,
    startRun: (flowId, input, trigger, opts) => {
      counts.startRun += 1;
      if (faults.failStartRuns > 0) {
        faults.failStartRuns -= 1;
        return Promise.reject(new Error('store unavailable'));
      }
      return runtime.startRun(flowId, input, trigger, opts);
    },
    odoo: (name) => connections.odoo(name),
    logger,
    clock: () => clock.now,
    ...(options.graceMs === undefined ? {} : { graceMs: options.graceMs }),
  });
  return {
    clock,
    /** How often this scheduler asked for a run (the claim must keep the loser from asking at all). */
    counts,
    faults,
    runtime,
    scheduler,
    connections,
    /** Changes a flow's schedule the way PUT /api/flows/:id/schedule does. */
    async setSchedule(flowId: string, change: ScheduleChange, at: number) {
      const current = await scheduler.store.get(flowId);
      await scheduler.store.save(applyScheduleChange(flowId, current, change, {}, at, 'test'));
    },
    async tickAt(iso: string | number) {
      clock.now = typeof iso === 'number' ? iso : Date.parse(iso);
      await scheduler.tick(clock.now);
    },
    /** Scheduled runs of a flow, oldest first, with their trigger detail. */
    async runs(flowId: string): Promise<Array<{ id: string; kind: string; detail: Record<string, unknown>; input: unknown }>> {
      const rows = await db.kysely.selectFrom('runs').select(['id', 'trigger', 'input', 'created_at']).where('flow_id', '=', flowId).orderBy('created_at').orderBy('id').execute();
      return rows
        .map((r) => ({ id: r.id, trigger: JSON.parse(r.trigger), input: r.input === null ? null : JSON.parse(r.input) }))
        .map((r) => ({ id: r.id, kind: String(r.trigger.kind), detail: r.trigger.detail ?? {}, input: r.input }))
        .sort((a, b) => String(a.detail.fireAt ?? '').localeCompare(String(b.detail.fireAt ?? '')) || 0);
    },
  };
}
