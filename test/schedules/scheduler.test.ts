import { afterEach, beforeEach, expect, it } from 'vitest';
import { eachDialect, type DialectHandle } from '../store/dialects';
import { schedulerOn, triggerFlow } from './harness';

type Opened = Awaited<ReturnType<DialectHandle['open']>>;
const MIN = 60_000;

eachDialect('scheduler with a fake clock', (dialect) => {
  let opened: Opened;
  beforeEach(async () => {
    opened = await dialect.open();
  });
  afterEach(async () => {
    await opened.close();
  });

  async function withFlow(id: string, options: { graceMs?: number } = {}) {
    const h = schedulerOn(opened.db, options);
    await h.runtime.flows.save(triggerFlow(id, { kind: 'schedule', cron: '0 * * * *' }), 'test', 0);
    return h;
  }

  /** Ticks every `step` ms from `from` to `to`, as the loop would (coarser, with a matching grace). */
  async function sweep(h: Awaited<ReturnType<typeof withFlow>>, from: string, to: string, step: number) {
    for (let t = Date.parse(from); t <= Date.parse(to); t += step) await h.tickAt(t);
  }

  it('spring forward in Europe/Paris: "30 2 * * *" runs once on 2026-03-29, at 03:00 when 02:30 does not exist', async () => {
    const h = await withFlow('spring', { graceMs: 11 * MIN });
    await h.setSchedule('spring', { cron: '30 2 * * *', timezone: 'Europe/Paris' }, Date.parse('2026-03-27T12:00:00Z'));
    await sweep(h, '2026-03-28T00:00:00Z', '2026-03-30T03:00:00Z', 10 * MIN);
    const runs = await h.runs('spring');
    expect(runs.map((r) => r.detail.fireAt)).toEqual(['2026-03-28T02:30:00+01:00', '2026-03-29T03:00:00+02:00', '2026-03-30T02:30:00+02:00']);
    expect(runs.every((r) => r.kind === 'schedule')).toBe(true);
  });

  it('fall back in Europe/Paris: "30 2 * * *" runs once on 2026-10-25 although 02:30 happens twice', async () => {
    const h = await withFlow('fall', { graceMs: 11 * MIN });
    await h.setSchedule('fall', { cron: '30 2 * * *', timezone: 'Europe/Paris' }, Date.parse('2026-10-23T12:00:00Z'));
    await sweep(h, '2026-10-24T00:00:00Z', '2026-10-26T03:00:00Z', 10 * MIN);
    expect((await h.runs('fall')).map((r) => r.detail.fireAt)).toEqual(['2026-10-24T02:30:00+02:00', '2026-10-25T02:30:00+02:00', '2026-10-26T02:30:00+01:00']);
  });

  it('after downtime, "skip" drops the missed fires and "run-once" runs one catch-up for the latest of them', async () => {
    for (const missed of ['skip', 'run-once'] as const) {
      const h = await withFlow(`down-${missed}`);
      await h.setSchedule(`down-${missed}`, { cron: '0 * * * *', timezone: 'UTC', missed }, Date.parse('2026-06-01T09:30:00Z'));
      await h.tickAt('2026-06-01T10:00:00.200Z'); // on time
      // Down from 10:00:01 to 13:30: 11:00, 12:00 and 13:00 are missed.
      await h.tickAt('2026-06-01T13:30:00Z');
      await h.tickAt('2026-06-01T13:30:01Z');
      await h.tickAt('2026-06-01T14:00:00.500Z'); // on time again
      const runs = await h.runs(`down-${missed}`);
      const expected = missed === 'skip' ? ['2026-06-01T10:00:00+00:00', '2026-06-01T14:00:00+00:00'] : ['2026-06-01T10:00:00+00:00', '2026-06-01T13:00:00+00:00', '2026-06-01T14:00:00+00:00'];
      expect(runs.map((r) => r.detail.fireAt), missed).toEqual(expected);
      if (missed === 'run-once') expect(runs[1]?.detail.missed).toBe(true);
    }
  });

  it('a paused schedule does not fire, and resuming does not catch up the paused time', async () => {
    const h = await withFlow('pause');
    await h.setSchedule('pause', { cron: '* * * * *', timezone: 'UTC', missed: 'run-once' }, Date.parse('2026-06-01T10:00:30Z'));
    await h.tickAt('2026-06-01T10:01:00.100Z');
    await h.setSchedule('pause', { active: false }, Date.parse('2026-06-01T10:01:30Z'));
    await h.tickAt('2026-06-01T10:02:00.100Z');
    await h.tickAt('2026-06-01T10:03:00.100Z');
    await h.setSchedule('pause', { active: true }, Date.parse('2026-06-01T10:03:30Z'));
    await h.tickAt('2026-06-01T10:03:31Z');
    await h.tickAt('2026-06-01T10:04:00.100Z');
    expect((await h.runs('pause')).map((r) => r.detail.fireAt)).toEqual(['2026-06-01T10:01:00+00:00', '2026-06-01T10:04:00+00:00']);
  });

  it('two schedulers on the same database firing the same instant start one run', async () => {
    const a = await withFlow('twice');
    const otherDb = opened.reopen();
    try {
      const b = schedulerOn(otherDb);
      await a.setSchedule('twice', { cron: '*/2 * * * * *', timezone: 'UTC' }, Date.parse('2026-06-01T10:00:00.500Z'));
      for (let i = 1; i <= 5; i += 1) {
        const at = Date.parse('2026-06-01T10:00:00Z') + i * 2000;
        a.clock.now = at;
        b.clock.now = at;
        await Promise.all([a.scheduler.tick(at), b.scheduler.tick(at), a.scheduler.tick(at + 300)]);
      }
      const runs = await a.runs('twice');
      expect(runs.map((r) => r.detail.fireAt)).toEqual(['02', '04', '06', '08', '10'].map((s) => `2026-06-01T10:00:${s}+00:00`));
      expect(a.counts.startRun + b.counts.startRun).toBe(5);
    } finally {
      await otherDb.close();
    }
  });

  it('a restart at the fire instant does not fire it again, and a claim left without a run is finished once', async () => {
    const h = await withFlow('restart');
    await h.setSchedule('restart', { cron: '0 * * * *', timezone: 'UTC' }, Date.parse('2026-06-01T09:30:00Z'));
    await h.tickAt('2026-06-01T10:00:00.100Z');
    // The process dies before it moved last_fire_at; a new one starts at the same instant.
    await opened.db.kysely.updateTable('schedules').set({ last_fire_at: null }).execute();
    const restarted = schedulerOn(opened.db);
    await restarted.tickAt('2026-06-01T10:00:00.900Z');
    expect(await h.runs('restart')).toHaveLength(1);

    // A process claimed 11:00 and died before starting the run.
    await opened.db.kysely.insertInto('schedule_fires').values({ flow_id: 'restart', fire_at: Date.parse('2026-06-01T11:00:00Z'), run_id: null, created_at: Date.parse('2026-06-01T11:00:00.050Z') }).execute();
    await restarted.tickAt('2026-06-01T11:00:05Z');
    expect(await h.runs('restart')).toHaveLength(1);
    await restarted.tickAt('2026-06-01T11:00:40Z');
    await restarted.tickAt('2026-06-01T11:01:20Z');
    const runs = await h.runs('restart');
    expect(runs.map((r) => r.detail.fireAt)).toEqual(['2026-06-01T10:00:00+00:00', '2026-06-01T11:00:00+00:00']);
  });

  it('a run started by a schedule carries its fire time, and a working-day rule fires on its days', async () => {
    const h = await withFlow('close');
    await h.setSchedule('close', { businessDays: { kind: 'nth-working-day-after-month-end', n: 3, time: '07:00', holidays: ['2026-07-01'] }, timezone: 'Europe/Paris' }, Date.parse('2026-06-30T00:00:00Z'));
    await h.tickAt('2026-07-03T05:00:01Z'); // Thu 2 (1st), Fri 3 (2nd): not yet
    await h.tickAt('2026-07-06T05:00:01Z'); // Mon 6 07:00 Paris = 05:00Z
    const [run] = await h.runs('close');
    expect(run?.detail).toMatchObject({ fireAt: '2026-07-06T07:00:00+02:00', timezone: 'Europe/Paris' });
    expect(run?.input).toEqual({ fireAt: '2026-07-06T07:00:00+02:00', timezone: 'Europe/Paris' });
  });
});
