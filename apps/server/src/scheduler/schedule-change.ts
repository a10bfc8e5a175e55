import { resolveTiming, type ScheduleChange } from './schedule-input';
import type { Schedule } from './schedule-store';
import type { Timing } from './timing';

/** What the flow's trigger proposes when no schedule is stored yet. */
export interface TriggerDefaults {
  cron?: string | undefined;
  timezone?: string | undefined;
}

/**
 * Applies a change to a stored schedule (or to the trigger's proposal):
 * keys left out keep their value; a new cron replaces a working-day rule and
 * the other way round. Throws TimingError for a wrong expression or zone.
 */
export function applyScheduleChange(flowId: string, current: Schedule | undefined, change: ScheduleChange, defaults: TriggerDefaults, now: number, by: string): Schedule {
  const base: Timing = current ?? { cron: defaults.cron ?? null, businessDays: null, timezone: defaults.timezone ?? 'UTC', startsAt: null, endsAt: null };
  const timingChanged = change.cron !== undefined || change.businessDays !== undefined;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const timing = resolveTiming({
    cron: timingChanged ? (change.cron ?? null) : base.cron,
    businessDays: timingChanged ? (change.cron ? null : (change.businessDays ?? null)) : base.businessDays,
    timezone: change.timezone ?? base.timezone,
    startsAt: change.startsAt !== undefined ? change.startsAt : iso(base.startsAt),
    endsAt: change.endsAt !== undefined ? change.endsAt : iso(base.endsAt),
  });
  const active = change.active ?? current?.active ?? true;
  // Pausing, resuming or changing the timing never turns past instants into "missed" ones.
  const rearm = !current || (active && !current.active) || !sameTiming(current, timing);
  return {
    flowId,
    ...timing,
    active,
    missed: change.missed ?? current?.missed ?? 'skip',
    lastFireAt: current?.lastFireAt ?? null,
    armedAt: rearm ? now : (current?.armedAt ?? now),
    updatedAt: now,
    updatedBy: by,
  };
}

function sameTiming(a: Timing, b: Timing): boolean {
  return a.cron === b.cron && a.timezone === b.timezone && JSON.stringify(a.businessDays) === JSON.stringify(b.businessDays) && a.startsAt === b.startsAt && a.endsAt === b.endsAt;
}
