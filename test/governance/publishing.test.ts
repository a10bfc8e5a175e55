import { afterAll, beforeAll, expect, it } from 'vitest';
import { billFlow } from '../foundation/flows';
import { startInProcess, type InProcessServer } from '../support/in-process';

let server: InProcessServer;
let alice: string;
let bob: string;

beforeAll(async () => {
  server = await startInProcess({ LEDGERFLOW_REQUIRE_REVIEW: '1' });
  for (const username of ['alice', 'bob']) {
    expect((await server.api('/api/users', { body: { username, password: `${username}-password-1`, roles: ['designer'] } })).status).toBe(201);
  }
  alice = (await server.api('/api/auth/login', { body: { username: 'alice', password: 'alice-password-1' }, token: null })).body.token;
  bob = (await server.api('/api/auth/login', { body: { username: 'bob', password: 'bob-password-1' }, token: null })).body.token;
});
afterAll(() => server?.close());

it('publishes a change only after another designer approves it, and runs switch then', async () => {
  const flow = billFlow('reviewed', 'sandbox');
  expect((await server.api('/api/flows', { body: flow, token: alice })).status).toBe(201);
  const first = await server.api('/api/flows/reviewed/publish', { body: { comment: 'first cut' }, token: alice });
  expect(first.status).toBe(202);
  expect(first.body.summary).toEqual(['first publication']);

  // The author cannot approve their own change.
  const own = await server.api(`/api/reviews/${first.body.review.id}/decision`, { body: { decision: 'approve' }, token: alice });
  expect(own.status).toBe(403);
  expect(own.body.error.message).toContain('another designer');
  expect((await server.api(`/api/reviews/${first.body.review.id}/decision`, { body: { decision: 'approve', comment: 'ok' }, token: bob })).status).toBe(200);
  expect((await server.api('/api/flows/reviewed')).body.publishedVersion).toBe(1);

  // A second version is saved and submitted: runs keep using v1 until it is approved.
  const post = flow.nodes[1];
  if (!post) throw new Error('flow has a post node');
  const v2 = { ...flow, name: 'Reviewed v2', nodes: [flow.nodes[0], { ...post, config: { ...post.config, then: [] } }] };
  expect((await server.api('/api/flows/reviewed', { method: 'PUT', body: v2, token: alice })).body.version).toBe(2);
  const second = await server.api('/api/flows/reviewed/publish', { body: {}, token: alice });
  expect(second.body.summary.join(' ')).toMatch(/post/);
  const before = await server.api('/api/flows/reviewed/runs', { body: { input: { ref: 'REV-1', partner: 2, amount: 5 } } });
  expect(before.body.flowVersion).toBe(1);
  const reviews = await server.api('/api/flows/reviewed/reviews');
  expect(reviews.body.items[0]).toMatchObject({ status: 'pending', version: 2, publishedVersion: 1 });
  await server.api(`/api/reviews/${second.body.review.id}/decision`, { body: { decision: 'approve' }, token: bob });
  const after = await server.api('/api/flows/reviewed/runs', { body: { input: { ref: 'REV-2', partner: 2, amount: 5 } } });
  expect(after.body.flowVersion).toBe(2);

  const audit = await server.api('/api/audit?target=flow:reviewed&limit=50');
  const actions = audit.body.items.map((e: { action: string }) => e.action);
  expect(actions).toEqual(expect.arrayContaining(['flow.review_submit', 'flow.review_approved', 'flow.publish']));
});

it('refuses to publish a version with problems, which stays a draft', async () => {
  const flow = billFlow('drafty', 'sandbox');
  await server.api('/api/flows', { body: { ...flow, edges: [] }, token: alice });
  const res = await server.api('/api/flows/drafty/publish', { body: {}, token: alice });
  expect(res.status).toBe(409);
  expect(res.body.error.issues[0].message).toContain('cannot be reached');
});
