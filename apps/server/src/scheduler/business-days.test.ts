import { describe, expect, it } from 'vitest';
import { businessDayRule, describeBusinessDays, nextBusinessFires } from './business-days';
import { isoInZone } from './zoned-time';

const zone = 'Europe/Paris';

describe('working-day rules', () => {
  it('third working day after month end skips weekends and listed holidays', () => {
    const rule = businessDayRule.parse({ kind: 'nth-working-day-after-month-end', n: 3, time: '07:00', holidays: ['2026-01-01', '2026-05-01', '2026-05-08'] });
    const fires = nextBusinessFires(rule, zone, Date.parse('2025-12-15T00:00:00Z'), 6).map((t) => isoInZone(t, zone));
    expect(fires).toEqual([
      '2026-01-06T07:00:00+01:00', // Thu 1 is a holiday: Fri 2, Mon 5, Tue 6
      '2026-02-04T07:00:00+01:00',
      '2026-03-04T07:00:00+01:00',
      '2026-04-03T07:00:00+02:00',
      '2026-05-06T07:00:00+02:00', // Fri 1 is a holiday: Mon 4, Tue 5, Wed 6
      '2026-06-03T07:00:00+02:00',
    ]);
  });

  it('last working day of the month, and every working day', () => {
    const last = businessDayRule.parse({ kind: 'nth-working-day-before-month-end', n: 1, time: '18:00', holidays: [] });
    expect(nextBusinessFires(last, zone, Date.parse('2026-05-01T00:00:00Z'), 2).map((t) => isoInZone(t, zone))).toEqual(['2026-05-29T18:00:00+02:00', '2026-06-30T18:00:00+02:00']);
    const daily = businessDayRule.parse({ kind: 'every-working-day', time: '07:30', holidays: ['2026-12-25'] });
    expect(nextBusinessFires(daily, zone, Date.parse('2026-12-24T12:00:00Z'), 2).map((t) => isoInZone(t, zone))).toEqual(['2026-12-28T07:30:00+01:00', '2026-12-29T07:30:00+01:00']);
  });

  it('describes itself and refuses impossible input with the field named', () => {
    expect(describeBusinessDays(businessDayRule.parse({ kind: 'nth-working-day-after-month-end', n: 3, holidays: ['2026-12-25'] }))).toBe('At 07:00 on the 3rd working day after each month end (weekends and 1 holiday skipped)');
    const bad = businessDayRule.safeParse({ kind: 'nth-working-day-after-month-end', n: 3, time: '25:00', holidays: ['2026-02-30'] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['holidays.0', 'time']);
  });
});
