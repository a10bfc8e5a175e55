import { startFakeOdoo, type FakeOdoo } from '@ledgerflow/odoo';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { billFlow } from '../foundation/flows';
import { startInProcess, type InProcessServer } from '../support/in-process';

let server: InProcessServer;
let odoo: FakeOdoo;

beforeAll(async () => {
  server = await startInProcess({ LEDGERFLOW_SANDBOX: '0' });
  odoo = await startFakeOdoo({ port: 0, version: 17 });
  await server.api('/api/connections', { body: { name: 'fq-odoo', type: 'odoo', url: odoo.url, database: odoo.database, login: odoo.login, apiKey: odoo.apiKey, protocol: 'jsonrpc' } });
  expect((await server.api('/api/flows', { body: billFlow('fq', 'fq-odoo', { maxAttempts: 1 }) })).status).toBe(201);
  const broken = billFlow('fq-broken', 'fq-odoo', { maxAttempts: 1 });
  const post = broken.nodes[1];
  if (post) post.config = { ...post.config, values: "{ 'move_type': 'in_invoice', 'ref': ref, 'no_such_field': 1 }" };
  expect((await server.api('/api/flows', { body: broken })).status).toBe(201);
});

afterAll(async () => {
  await server?.close();
  await odoo?.close();
});

async function failedRuns(flowId: string, refs: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const ref of refs) ids.push((await server.api(`/api/flows/${flowId}/runs`, { body: { input: { ref, partner: 2, amount: 10 } } })).body.id);
  for (const id of ids) expect((await server.waitForRun(id)).status).toBe('failed');
  return ids;
}

it('groups failed runs by flow and cause, and bulk-replays them, skipping those already replayed', async () => {
  odoo.faults.down(true);
  const down = await failedRuns('fq', ['FQ-0', 'FQ-1', 'FQ-2', 'FQ-3']);
  odoo.faults.down(false);
  await failedRuns('fq-broken', ['FB-0', 'FB-1']);

  const queue = await server.api('/api/failures');
  expect(queue.status).toBe(200);
  expect(queue.body.total).toBe(6);
  const fq = queue.body.items.find((g: { flowId: string }) => g.flowId === 'fq');
  const broken = queue.body.items.find((g: { flowId: string }) => g.flowId === 'fq-broken');
  expect(fq).toMatchObject({ count: 4, signature: expect.stringMatching(/^post\|/) });
  expect(fq.firstSeen).toBeLessThanOrEqual(fq.lastSeen);
  expect(fq.sample.nodeId).toBe('post');
  expect(down).toContain(fq.sample.runId);
  expect(broken).toMatchObject({ count: 2, sample: { nodeId: 'post', message: expect.stringContaining('no_such_field') } });
  expect(fq.signature).not.toBe(broken.signature);
  expect((await server.api('/api/failures?flowId=fq-broken')).body.items).toHaveLength(1);

  // One run is fixed by hand first: the bulk job must not replay it again.
  const manual = await server.api(`/api/runs/${down[0]}/replay`, { body: {} });
  expect((await server.waitForRun(manual.body.id)).status).toBe('succeeded');

  const start = await server.api('/api/failures/replay', { body: { runIds: down } });
  expect(start.status).toBe(202);
  expect(start.body.total).toBe(4);
  let job;
  for (let i = 0; i < 100; i++) {
    job = (await server.api(`/api/failures/jobs/${start.body.id}`)).body;
    if (job.done) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(job).toMatchObject({ total: 4, started: 3, skipped: 1, succeeded: 3, failed: 0, done: true });
  expect(job.replays.map((r: { runId: string }) => r.runId).sort()).toEqual(down.slice(1).sort());

  // The queue now holds only the broken flow's failures; Odoo has one bill per ref.
  const after = await server.api('/api/failures');
  expect(after.body.items.map((g: { flowId: string }) => g.flowId)).toEqual(['fq-broken']);
  const bills = odoo.records('account.move').filter((m) => String(m.ref).startsWith('FQ-'));
  expect(bills.map((b) => b.ref).sort()).toEqual(['FQ-0', 'FQ-1', 'FQ-2', 'FQ-3']);

  // A signature filter replays the whole group (they fail again: the flow is still broken).
  const again = await server.api('/api/failures/replay', { body: { signature: broken.signature } });
  expect(again.body.total).toBe(2);
  for (let i = 0; i < 100; i++) {
    job = (await server.api(`/api/failures/jobs/${again.body.id}`)).body;
    if (job.done) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(job).toMatchObject({ total: 2, started: 2, skipped: 0, succeeded: 0, failed: 2, done: true });
  // The failed replays replace their originals in the queue.
  const replayIds = job.replays.map((r: { replayId: string }) => r.replayId).sort();
  const queueNow = (await server.api('/api/failures')).body.items;
  expect(queueNow).toHaveLength(1);
  expect(queueNow[0].count).toBe(2);
  expect(replayIds).toContain(queueNow[0].sample.runId);
});

it('refuses a replay request without a filter or with bad fields, naming the field', async () => {
  const empty = await server.api('/api/failures/replay', { body: {} });
  expect(empty.status).toBe(400);
  expect(empty.body.error.issues[0].path).toBe('body.flowId');
  const bad = await server.api('/api/failures/replay', { body: { runIds: 'x' } });
  expect(bad.status).toBe(400);
  expect(bad.body.error.issues[0].path).toBe('body.runIds');
  expect((await server.api('/api/failures/jobs/nope')).status).toBe(404);
});

it('lets a viewer read the queue but not replay', async () => {
  expect((await server.api('/api/users', { body: { username: 'vera', password: 'viewer-password-1', roles: ['viewer'] } })).status).toBe(201);
  const login = await server.api('/api/auth/login', { body: { username: 'vera', password: 'viewer-password-1' }, token: null });
  const token: string = login.body.token;
  expect((await server.api('/api/failures', { token })).status).toBe(200);
  expect((await server.api('/api/failures/replay', { token, body: { flowId: 'fq' } })).status).toBe(403);
  expect((await server.api('/api/failures', { token: null })).status).toBe(401);
});
