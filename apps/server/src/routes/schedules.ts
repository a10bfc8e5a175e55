import { triggerSpec } from '@ledgerflow/nodes';
import type { FlowVersion } from '@ledgerflow/store';
import { Hono } from 'hono';
import { callerName, param, type Env } from '../guard';
import { HttpError, notFound, readBody } from '../http-errors';
import { applyScheduleChange } from '../scheduler/schedule-change';
import { previewRequest, resolveTiming, scheduleChange, TimingError } from '../scheduler/schedule-input';
import { ScheduleStore, type Schedule } from '../scheduler/schedule-store';
import { describeTiming, previewFires } from '../scheduler/timing';
import { isoInZone } from '../scheduler/zoned-time';
import type { RouteDeps } from './deps';

interface LastRun {
  fireAt: number;
  runId: string | null;
  status: string | null;
}

/** Schedules as their own resource: a finance user changes timing without touching the flow. */
export function scheduleRoutes({ runtime, route, audit, now, db }: RouteDeps) {
  const app = new Hono<Env>();
  const at = '/api';
  const store = new ScheduleStore(db.kysely);

  route(app, 'GET', '/schedules', at, async (c) => {
    const [rows, lastRuns, flows] = await Promise.all([store.list(), store.lastRuns(), runtime.flows.list()]);
    const byFlow = new Map(rows.map((s) => [s.flowId, s]));
    const items = [];
    for (const summary of flows) {
      const flow = await runtime.flows.get(summary.id);
      if (!flow) continue;
      const schedule = byFlow.get(summary.id);
      const trigger = triggerOf(flow);
      if (schedule) items.push(view(schedule, flow, trigger, lastRuns.get(summary.id), now()));
      else if (trigger.kind === 'schedule' || trigger.kind === 'odoo-poll') items.push(proposalView(flow, trigger, now()));
    }
    return c.json({ items });
  });

  route(app, 'GET', '/flows/:id/schedule', at, async (c) => {
    const id = param(c, 'id');
    const flow = await runtime.flows.get(id);
    if (!flow) throw notFound(`flow ${id}`);
    const schedule = await store.get(id);
    const lastRuns = await store.lastRuns();
    return c.json(schedule ? view(schedule, flow, triggerOf(flow), lastRuns.get(id), now()) : proposalView(flow, triggerOf(flow), now()));
  });

  route(app, 'PUT', '/flows/:id/schedule', at, async (c) => {
    const id = param(c, 'id');
    const body = await readBody(c, scheduleChange);
    const flow = await runtime.flows.get(id);
    if (!flow) throw notFound(`flow ${id}`);
    const current = await store.get(id);
    const trigger = triggerOf(flow);
    const when = now();
    const next: Schedule = withTimingErrors(() => applyScheduleChange(id, current, body, trigger, when, callerName(c)));
    await store.save(next);
    await audit('schedule.change', callerName(c), `flow:${id}`, { before: current ? stored(current) : null, after: stored(next) });
    const lastRuns = await store.lastRuns();
    return c.json(view(next, flow, trigger, lastRuns.get(id), when));
  });

  route(app, 'POST', '/schedules/preview', at, async (c) => {
    const body = await readBody(c, previewRequest);
    const timing = withTimingErrors(() => resolveTiming(body));
    return c.json({ description: describeTiming(timing), timezone: timing.timezone, nextRuns: previewFires(timing, now(), 5) });
  });

  return app;
}

function withTimingErrors<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof TimingError) throw new HttpError(400, 'invalid_schedule', error.message, error.issues);
    throw error;
  }
}

function triggerOf(flow: FlowVersion): { kind: string; cron?: string | undefined; timezone?: string | undefined } {
  const node = flow.document.nodes.find((n) => n.type === 'trigger');
  const parsed = node ? triggerSpec.configSchema.safeParse(node.config) : undefined;
  return parsed?.success ? { kind: parsed.data.kind, cron: parsed.data.cron, timezone: parsed.data.timezone } : { kind: 'manual' };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** What the audit log keeps of a schedule. */
function stored(s: Schedule) {
  return { cron: s.cron, businessDays: s.businessDays, timezone: s.timezone, active: s.active, missed: s.missed, startsAt: iso(s.startsAt), endsAt: iso(s.endsAt) };
}

function view(s: Schedule, flow: FlowVersion, trigger: { kind: string }, lastRun: LastRun | undefined, now: number) {
  const zoned = (ms: number | null) => (ms === null ? null : isoInZone(ms, s.timezone));
  return {
    flowId: s.flowId,
    flowName: flow.document.name,
    triggerKind: trigger.kind,
    configured: true,
    kind: s.businessDays ? 'business-days' : 'cron',
    cron: s.cron,
    businessDays: s.businessDays,
    timezone: s.timezone,
    active: s.active,
    missed: s.missed,
    startsAt: zoned(s.startsAt),
    endsAt: zoned(s.endsAt),
    description: describeTiming(s),
    // A paused schedule has no next runs; the page previews them when resuming.
    nextRuns: s.active ? previewFires(s, now, 5) : [],
    lastFireAt: zoned(s.lastFireAt),
    lastRun: lastRun ? { fireAt: zoned(lastRun.fireAt), runId: lastRun.runId?.startsWith('none:') ? null : lastRun.runId, status: lastRun.status } : null,
    updatedAt: new Date(s.updatedAt).toISOString(),
    updatedBy: s.updatedBy,
  };
}

/** A flow whose trigger asks for a schedule nobody has switched on yet. */
function proposalView(flow: FlowVersion, trigger: { kind: string; cron?: string | undefined; timezone?: string | undefined }, now: number) {
  const timezone = trigger.timezone ?? 'UTC';
  let description = 'No schedule yet';
  let nextRuns: string[] = [];
  try {
    const timing = resolveTiming({ cron: trigger.cron ?? null, timezone });
    description = describeTiming(timing);
    nextRuns = previewFires(timing, now, 5);
  } catch {
    /* the flow's cron is missing or wrong: the page shows the editor */
  }
  return {
    flowId: flow.flowId,
    flowName: flow.document.name,
    triggerKind: trigger.kind,
    configured: false,
    kind: 'cron',
    cron: trigger.cron ?? null,
    businessDays: null,
    timezone,
    active: false,
    missed: 'skip',
    startsAt: null,
    endsAt: null,
    description,
    nextRuns: [],
    // What it would do once switched on.
    proposedRuns: nextRuns,
    lastFireAt: null,
    lastRun: null,
    updatedAt: null,
    updatedBy: null,
  };
}
