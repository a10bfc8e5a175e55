import type { Issue } from '@ledgerflow/flow';
import { z } from 'zod';
import { businessDayRule, type BusinessDayRule } from './business-days';
import { checkCron, checkTimezone } from './cron-check';
import type { Timing } from './timing';
import { instantOf } from './zoned-time';

const when = z.string().max(40).describe('YYYY-MM-DD (in the schedule\'s zone) or an ISO 8601 date-time with offset');

/** `PUT /api/flows/:id/schedule`: every key optional; missing keys keep their stored value. */
export const scheduleChange = z
  .object({
    cron: z.string().max(200).nullable().optional(),
    businessDays: businessDayRule.nullable().optional(),
    timezone: z.string().max(100).optional(),
    active: z.boolean().optional(),
    missed: z.enum(['skip', 'run-once']).optional(),
    startsAt: when.nullable().optional(),
    endsAt: when.nullable().optional(),
  })
  .strict();
export type ScheduleChange = z.infer<typeof scheduleChange>;

/** `POST /api/schedules/preview`. */
export const previewRequest = z
  .object({
    cron: z.string().max(200).nullable().optional(),
    businessDays: businessDayRule.nullable().optional(),
    timezone: z.string().max(100).default('UTC'),
    startsAt: when.nullable().optional(),
    endsAt: when.nullable().optional(),
  })
  .strict();
export type PreviewRequest = z.infer<typeof previewRequest>;

/** A problem with the timing, worded for the person who typed it. */
export class TimingError extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues.map((i) => i.message).join('; '));
  }
}

/**
 * Checks cron / business days / zone / bounds together and turns them into a
 * Timing; throws TimingError naming the field (`body.cron`, …).
 */
export function resolveTiming(input: { cron?: string | null | undefined; businessDays?: BusinessDayRule | null | undefined; timezone: string; startsAt?: string | null | undefined; endsAt?: string | null | undefined }): Timing {
  const issues: Issue[] = [];
  const cron = input.cron?.trim() || null;
  const businessDays = input.businessDays ?? null;
  if (cron && businessDays) issues.push({ path: 'body.businessDays', message: 'give either a cron expression or a business-day rule, not both' });
  if (!cron && !businessDays) issues.push({ path: 'body.cron', message: 'give a cron expression (e.g. "0 7 * * 1-5") or a business-day rule' });
  if (cron) {
    const check = checkCron(cron);
    if (!check.ok) issues.push({ path: 'body.cron', message: check.message });
  }
  const zone = checkTimezone(input.timezone);
  if (!zone.ok) issues.push({ path: 'body.timezone', message: zone.message });
  let startsAt: number | null = null;
  let endsAt: number | null = null;
  if (zone.ok) {
    startsAt = parseWhen(input.startsAt, input.timezone, 'start', 'body.startsAt', issues);
    endsAt = parseWhen(input.endsAt, input.timezone, 'end', 'body.endsAt', issues);
    if (startsAt !== null && endsAt !== null && endsAt <= startsAt) issues.push({ path: 'body.endsAt', message: 'the end must come after the start' });
  }
  if (issues.length > 0) throw new TimingError(issues);
  return { cron: businessDays ? null : cron, businessDays, timezone: input.timezone, startsAt, endsAt };
}

function parseWhen(text: string | null | undefined, zone: string, edge: 'start' | 'end', path: string, issues: Issue[]): number | null {
  if (!text) return null;
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    // A bare date means the whole day: from its first moment, or through its last one.
    const start = instantOf({ year, month, day: edge === 'start' ? day : day + 1, hour: 0, minute: 0 }, zone);
    if (Number.isFinite(start)) return edge === 'start' ? start : start - 1;
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const at = Date.parse(text);
    if (Number.isFinite(at)) return at;
  }
  issues.push({ path, message: `'${text}' is not a date; write YYYY-MM-DD or a date-time with its offset, e.g. 2026-01-31T18:00:00+01:00` });
  return null;
}
