import { z } from 'zod';
import { instantOf, wallTime } from './zoned-time';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'write dates as YYYY-MM-DD, e.g. 2026-12-25').refine(validDate, 'this date does not exist');

const common = {
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'write the time as HH:MM on a 24-hour clock, e.g. 07:00').default('07:00'),
  holidays: z.array(isoDate).max(500).default([]).describe('Days that are not working days, besides Saturdays and Sundays'),
  calendar: z.string().max(100).optional().describe('Name of the holiday calendar the list comes from (a label; the list is what counts)'),
};

/**
 * A working-day rule: weekends and the listed holidays are skipped.
 * `nth-working-day-after-month-end` with n=3 fires on the third working day of each month.
 */
export const businessDayRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('nth-working-day-after-month-end'), n: z.number().int().min(1, 'n must be at least 1').max(23, 'a month has at most 23 working days'), ...common }).strict(),
  z.object({ kind: z.literal('nth-working-day-before-month-end'), n: z.number().int().min(1, 'n must be at least 1 (1 is the last working day)').max(23, 'a month has at most 23 working days'), ...common }).strict(),
  z.object({ kind: z.literal('every-working-day'), ...common }).strict(),
]);
export type BusinessDayRule = z.infer<typeof businessDayRule>;

function validDate(text: string): boolean {
  const [y = 0, m = 0, d = 0] = text.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The working days of a month (day numbers), in order. */
function workingDays(rule: BusinessDayRule, year: number, month: number): number[] {
  const holidays = new Set(rule.holidays);
  const days: number[] = [];
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  for (let day = 1; day <= length; day += 1) {
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    if (holidays.has(`${year}-${pad(month)}-${pad(day)}`)) continue;
    days.push(day);
  }
  return days;
}

function daysOfMonth(rule: BusinessDayRule, year: number, month: number): number[] {
  const days = workingDays(rule, year, month);
  if (rule.kind === 'every-working-day') return days;
  const day = rule.kind === 'nth-working-day-after-month-end' ? days[rule.n - 1] : days[days.length - rule.n];
  return day === undefined ? [] : [day];
}

/** Up to `count` fire instants strictly after `after`, in `zone`; stops after ten years. */
export function nextBusinessFires(rule: BusinessDayRule, zone: string, after: number, count: number, until = Infinity): number[] {
  const [hour = 0, minute = 0] = rule.time.split(':').map(Number);
  const start = wallTime(after, zone);
  const fires: number[] = [];
  let year = start.year;
  let month = start.month;
  for (let i = 0; i < 120 && fires.length < count; i += 1) {
    for (const day of daysOfMonth(rule, year, month)) {
      const at = instantOf({ year, month, day, hour, minute }, zone);
      if (at > until) return fires;
      if (at > after) fires.push(at);
      if (fires.length >= count) break;
    }
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return fires;
}

const ordinal = (n: number) => `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;

/** The rule in words, e.g. "At 07:00 on the 3rd working day of each month (…)". */
export function describeBusinessDays(rule: BusinessDayRule): string {
  const when =
    rule.kind === 'every-working-day'
      ? 'on every working day'
      : rule.kind === 'nth-working-day-after-month-end'
        ? `on the ${ordinal(rule.n)} working day after each month end`
        : rule.n === 1
          ? 'on the last working day of each month'
          : `on the ${ordinal(rule.n)}-last working day of each month`;
  const skipped = rule.holidays.length === 0 ? 'weekends skipped' : `weekends and ${rule.holidays.length} holiday${rule.holidays.length === 1 ? '' : 's'} skipped`;
  return `At ${rule.time} ${when} (${skipped}${rule.calendar ? `, calendar ${rule.calendar}` : ''})`;
}
