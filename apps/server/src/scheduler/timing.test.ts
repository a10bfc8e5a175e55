import { describe, expect, it } from 'vitest';
import { firesBetween, latestFireBetween, nextFires, previewFires, describeTiming, type Timing } from './timing';
import { isoInZone } from './zoned-time';

const paris = (cron: string, extra: Partial<Timing> = {}): Timing => ({ cron, businessDays: null, timezone: 'Europe/Paris', startsAt: null, endsAt: null, ...extra });
const iso = (ms: number[]) => ms.map((t) => isoInZone(t, 'Europe/Paris'));

describe('cron timing across daylight saving time (Europe/Paris)', () => {
  it('spring forward: 02:30 does not exist on 2026-03-29, so the run happens once, when clocks jump to 03:00', () => {
    const fires = nextFires(paris('30 2 * * *'), Date.parse('2026-03-27T12:00:00Z'), 4);
    expect(iso(fires)).toEqual(['2026-03-28T02:30:00+01:00', '2026-03-29T03:00:00+02:00', '2026-03-30T02:30:00+02:00', '2026-03-31T02:30:00+02:00']);
  });

  it('fall back: 02:30 happens twice on 2026-10-25, the schedule fires once', () => {
    const fires = nextFires(paris('30 2 * * *'), Date.parse('2026-10-23T12:00:00Z'), 3);
    expect(iso(fires)).toEqual(['2026-10-24T02:30:00+02:00', '2026-10-25T02:30:00+02:00', '2026-10-26T02:30:00+01:00']);
    // 24 h + 1 h between the two runs around the change.
    expect((fires[2] ?? 0) - (fires[1] ?? 0)).toBe(25 * 3_600_000);
  });

  it('an hourly schedule fires every real hour through the repeated hour', () => {
    const fires = nextFires(paris('0 * * * *'), Date.parse('2026-10-24T23:30:00Z'), 3);
    expect(iso(fires)).toEqual(['2026-10-25T02:00:00+02:00', '2026-10-25T02:00:00+01:00', '2026-10-25T03:00:00+01:00']);
  });

  it('respects start and end bounds', () => {
    const t = paris('0 9 * * *', { startsAt: Date.parse('2026-05-03T00:00:00+02:00'), endsAt: Date.parse('2026-05-05T23:59:59+02:00') });
    expect(previewFires(t, Date.parse('2026-05-01T00:00:00Z'), 5)).toEqual(['2026-05-03T09:00:00+02:00', '2026-05-04T09:00:00+02:00', '2026-05-05T09:00:00+02:00']);
  });

  it('finds fires in a window and the latest one without walking them all', () => {
    const every2s = { ...paris('*/2 * * * * *'), timezone: 'UTC' };
    const start = Date.parse('2026-01-01T00:00:00Z');
    expect(firesBetween(every2s, start, start + 10_000).map((t) => (t - start) / 1000)).toEqual([2, 4, 6, 8, 10]);
    expect(latestFireBetween(every2s, start, start + 86_400_000 + 1500)).toBe(start + 86_400_000);
  });

  it('describes the schedule in words with its zone', () => {
    expect(describeTiming(paris('0 7 * * 1-5'))).toBe('At 07:00, Monday through Friday (Europe/Paris)');
  });
});
