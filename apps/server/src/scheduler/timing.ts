import { Cron } from 'croner';
import cronstrue from 'cronstrue';
import { describeBusinessDays, nextBusinessFires, type BusinessDayRule } from './business-days';
import { isoInZone } from './zoned-time';

/** When a schedule fires: a cron expression or a working-day rule, in a zone, between optional bounds. */
export interface Timing {
  cron: string | null;
  businessDays: BusinessDayRule | null;
  timezone: string;
  startsAt: number | null;
  endsAt: number | null;
}

const crons = new Map<string, Cron>();

function cronOf(expression: string, zone: string): Cron {
  const key = `${zone}\u0000${expression}`;
  let cron = crons.get(key);
  if (!cron) {
    if (crons.size > 1000) crons.clear();
    cron = new Cron(expression, { timezone: zone, paused: true });
    crons.set(key, cron);
  }
  return cron;
}

/** Up to `count` fire instants (epoch ms) strictly after `after`, within the bounds. */
export function nextFires(timing: Timing, after: number, count: number): number[] {
  const from = timing.startsAt === null ? after : Math.max(after, timing.startsAt - 1);
  const until = timing.endsAt ?? Infinity;
  if (from >= until) return [];
  let fires: number[];
  if (timing.businessDays) fires = nextBusinessFires(timing.businessDays, timing.timezone, from, count, until);
  else if (timing.cron) fires = cronOf(timing.cron, timing.timezone).nextRuns(count, new Date(from)).map((d) => d.getTime());
  else fires = [];
  return fires.filter((t) => t > from && t <= until);
}

/** Fire instants in (after, until], at most `max` of them, oldest first. */
export function firesBetween(timing: Timing, after: number, until: number, max = 100): number[] {
  const out: number[] = [];
  let cursor = after;
  while (out.length < max) {
    const batch = nextFires(timing, cursor, Math.min(50, max - out.length));
    for (const t of batch) {
      if (t > until) return out;
      out.push(t);
    }
    const last = batch[batch.length - 1];
    if (last === undefined) return out;
    cursor = last;
  }
  return out;
}

/** The latest fire instant in (after, at], without walking every instant between. */
export function latestFireBetween(timing: Timing, after: number, at: number): number | undefined {
  const until = Math.min(at, timing.endsAt ?? Infinity);
  const from = timing.startsAt === null ? after : Math.max(after, timing.startsAt - 1);
  if (until <= from) return undefined;
  if (timing.cron && !timing.businessDays) {
    const previous = cronOf(timing.cron, timing.timezone).previousRuns(1, new Date(until + 1))[0]?.getTime();
    return previous !== undefined && previous > from && previous <= until ? previous : undefined;
  }
  // Working-day rules fire at most daily, so walking is cheap.
  let latest: number | undefined;
  for (const t of firesBetween(timing, from, until, 5000)) latest = t;
  return latest;
}

/** The schedule in words, e.g. "At 07:00, Monday through Friday (Europe/Paris)". */
export function describeTiming(timing: Pick<Timing, 'cron' | 'businessDays' | 'timezone'>): string {
  let text: string;
  if (timing.businessDays) text = describeBusinessDays(timing.businessDays);
  else if (timing.cron) {
    try {
      text = cronstrue.toString(timing.cron, { use24HourTimeFormat: true, verbose: false });
    } catch {
      text = timing.cron;
    }
  } else text = 'No schedule';
  return `${text} (${timing.timezone})`;
}

/** The next `count` fire times as ISO strings with the zone's offset. */
export function previewFires(timing: Timing, now: number, count = 5): string[] {
  return nextFires(timing, now, count).map((t) => isoInZone(t, timing.timezone));
}
