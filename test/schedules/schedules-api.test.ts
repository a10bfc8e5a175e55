import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess, type InProcessServer } from '../support/in-process';
import { triggerFlow } from './harness';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('schedules over HTTP', () => {
  let server: InProcessServer;
  beforeAll(async () => {
    server = await startInProcess();
    for (const flow of [triggerFlow('every-2s', { kind: 'schedule', cron: '0 7 * * 1-5', timezone: 'Europe/Paris' }), triggerFlow('month-close', { kind: 'manual' })]) {
      expect((await server.api('/api/flows', { body: flow })).status).toBe(201);
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  const scheduledRuns = async (flowId: string) => {
    const { body } = await server.api(`/api/runs?flowId=${flowId}&limit=100`);
    return (body.items as Array<{ trigger: { kind: string; detail: { fireAt: string } }; createdAt: number }>).filter((r) => r.trigger.kind === 'schedule');
  };

  it('lists a flow whose trigger asks for a schedule before anyone switched it on', async () => {
    const { body } = await server.api('/api/schedules');
    const item = body.items.find((i: { flowId: string }) => i.flowId === 'every-2s');
    expect(item).toMatchObject({ configured: false, active: false, cron: '0 7 * * 1-5', description: 'At 07:00, Monday through Friday (Europe/Paris)', nextRuns: [] });
    expect(item.proposedRuns).toHaveLength(5);
    expect(item.proposedRuns[0]).toMatch(/T07:00:00\+0[12]:00$/);
  });

  it('a 6-field schedule every 2 seconds runs at that pace and stops when paused', async () => {
    const put = await server.api('/api/flows/every-2s/schedule', { method: 'PUT', body: { cron: '*/2 * * * * *', timezone: 'UTC', active: true } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ flowId: 'every-2s', active: true, description: 'Every 2 seconds (UTC)', configured: true });
    expect(put.body.nextRuns).toHaveLength(5);
    await sleep(5_200);
    const runs = await scheduledRuns('every-2s');
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.length).toBeLessThanOrEqual(3);
    const fireTimes = runs.map((r) => Date.parse(r.trigger.detail.fireAt)).sort();
    for (let i = 1; i < fireTimes.length; i += 1) expect((fireTimes[i] ?? 0) - (fireTimes[i - 1] ?? 0)).toBe(2000);
    // Each run was created within a second of its fire time.
    for (const run of runs) expect(run.createdAt - Date.parse(run.trigger.detail.fireAt)).toBeLessThan(1000);

    const paused = await server.api('/api/flows/every-2s/schedule', { method: 'PUT', body: { active: false } });
    expect(paused.body).toMatchObject({ active: false, nextRuns: [], cron: '*/2 * * * * *' });
    const atPause = (await scheduledRuns('every-2s')).length;
    await sleep(3_000);
    expect((await scheduledRuns('every-2s')).length).toBe(atPause);

    const { body } = await server.api('/api/schedules');
    const item = body.items.find((i: { flowId: string }) => i.flowId === 'every-2s');
    expect(item.lastRun).toMatchObject({ status: expect.stringMatching(/queued|running|succeeded/) });
  });

  it('refuses a wrong expression or zone with words a non-programmer understands', async () => {
    const hour = await server.api('/api/flows/month-close/schedule', { method: 'PUT', body: { cron: '0 25 * * *', timezone: 'Europe/Paris' } });
    expect(hour.status).toBe(400);
    expect(hour.body.error.issues).toEqual([{ path: 'body.cron', message: "the hour field '25' must be between 0 and 23" }]);
    const zone = await server.api('/api/schedules/preview', { body: { cron: '0 7 * * *', timezone: 'Mars/Olympus' } });
    expect(zone.status).toBe(400);
    expect(zone.body.error.issues[0]).toMatchObject({ path: 'body.timezone', message: expect.stringMatching(/not a known time zone/) });
    const shape = await server.api('/api/flows/month-close/schedule', { method: 'PUT', body: { cron: '0 7 * * *', missed: 'sometimes' } });
    expect(shape.status).toBe(400);
    expect(shape.body.error.issues[0].path).toBe('body.missed');
  });

  it('previews and saves a working-day rule, with the change in the audit log', async () => {
    const businessDays = { kind: 'nth-working-day-after-month-end', n: 3, time: '07:00', holidays: ['2026-12-25', '2027-01-01'] };
    const preview = await server.api('/api/schedules/preview', { body: { businessDays, timezone: 'Europe/Paris' } });
    expect(preview.status).toBe(200);
    expect(preview.body.description).toBe('At 07:00 on the 3rd working day after each month end (weekends and 2 holidays skipped) (Europe/Paris)');
    expect(preview.body.nextRuns).toHaveLength(5);
    for (const at of preview.body.nextRuns) expect(at).toMatch(/^\d{4}-\d{2}-0\dT07:00:00\+0[12]:00$/);

    const put = await server.api('/api/flows/month-close/schedule', { method: 'PUT', body: { businessDays, timezone: 'Europe/Paris', missed: 'run-once', endsAt: '2030-12-31' } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ kind: 'business-days', cron: null, missed: 'run-once', endsAt: '2030-12-31T23:59:59+01:00', nextRuns: preview.body.nextRuns });
    const audit = await server.api('/api/audit?limit=50');
    const entry = audit.body.items.find((e: { action: string; target: string }) => e.action === 'schedule.change' && e.target === 'flow:month-close');
    expect(entry).toMatchObject({ actor: 'admin', detail: { before: null, after: { businessDays: { n: 3 }, timezone: 'Europe/Paris' } } });
    expect(typeof entry.at).toBe('number');
  });

  it('lets the scheduler role change schedules but not a viewer', async () => {
    const token = async (roles: string[]) => (await server.api('/api/tokens', { body: { name: roles.join('-'), roles } })).body.token as string;
    const viewer = await token(['viewer']);
    const scheduler = await token(['scheduler']);
    expect((await server.api('/api/schedules', { token: viewer })).status).toBe(200);
    expect((await server.api('/api/flows/month-close/schedule', { method: 'PUT', body: { active: false }, token: viewer })).status).toBe(403);
    expect((await server.api('/api/flows/month-close/schedule', { method: 'PUT', body: { active: false }, token: scheduler })).status).toBe(200);
    expect((await server.api('/api/flows/nope/schedule', { method: 'PUT', body: { cron: '0 7 * * *' }, token: scheduler })).status).toBe(404);
  });
});
