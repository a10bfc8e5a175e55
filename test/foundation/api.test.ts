import { readFileSync } from 'node:fs';
import { startFakeOdoo, type FakeOdoo } from '@ledgerflow/odoo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/server';
import { startInProcess, type InProcessServer } from '../support/in-process';
import { billFlow } from './flows';

let server: InProcessServer;
let odoo: FakeOdoo;

beforeAll(async () => {
  server = await startInProcess();
  odoo = await startFakeOdoo({ port: 0, version: 17 });
  const created = await server.api('/api/connections', { body: { name: 'odoo-test', type: 'odoo', url: odoo.url, database: odoo.database, login: odoo.login, apiKey: odoo.apiKey, protocol: 'jsonrpc' } });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  await server?.close();
  await odoo?.close();
});

describe('the expense example through the API', () => {
  it('runs from the webhook to a posted bill in the sandbox, one step per node', async () => {
    const sample = JSON.parse(readFileSync(`${ROOT}flows/samples/expense.json`, 'utf8'));
    const hook = await server.api('/hooks/expenses', { body: sample, token: null });
    expect(hook.status).toBe(202);
    const run = await server.waitForRun(hook.body.runId);
    expect(run.status).toBe('succeeded');
    expect(run.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual(['in', 'bill', 'check', 'ok', 'post', 'tell']);
    for (const step of run.steps) {
      expect(step.status).toBe('succeeded');
      expect(step.attempts).toHaveLength(1);
      expect(step.input).not.toBeUndefined();
    }
    const post = run.steps.find((s: { nodeId: string }) => s.nodeId === 'post');
    const bills = server.sandbox?.records('account.move').filter((m) => m.ref === 'EXP-2026-0042') ?? [];
    expect(bills).toHaveLength(1);
    expect(bills[0]?.state).toBe('posted');
    expect(post.output.id).toBe(bills[0]?.id);
    expect(run.businessKey).toBe('EXP-2026-0042');
    // The employee's IBAN is masked in what the run log keeps.
    expect(run.steps[0].output.employee.iban).toBe('***');
  });
});

describe('flows and runs', () => {
  it('creates a flow, versions it by content, and lists versions', async () => {
    const flow = billFlow('versioned', 'odoo-test');
    expect((await server.api('/api/flows', { body: flow })).status).toBe(201);
    const same = await server.api('/api/flows/versioned', { method: 'PUT', body: flow });
    expect(same.body).toMatchObject({ version: 1, changed: false });
    const changed = await server.api('/api/flows/versioned', { method: 'PUT', body: { ...flow, name: 'Renamed' } });
    expect(changed.body).toMatchObject({ version: 2, changed: true });
    const versions = await server.api('/api/flows/versioned/versions');
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body.items[0].hash).not.toBe(versions.body.items[1].hash);
  });

  it('retries a retryable Odoo failure: two 503s then success make three attempts', async () => {
    await server.api('/api/flows', { body: billFlow('flaky', 'odoo-test') });
    odoo.faults.next('503', 2);
    const start = await server.api('/api/flows/flaky/runs', { body: { input: { ref: 'FLAKY-1', partner: 2, amount: 10 } } });
    expect(start.status).toBe(202);
    const run = await server.waitForRun(start.body.id);
    expect(run.status).toBe('succeeded');
    const post = run.steps.find((s: { nodeId: string }) => s.nodeId === 'post');
    expect(post.attempts.map((a: { status: string }) => a.status)).toEqual(['failed', 'failed', 'succeeded']);
    expect(post.attempts[0].error.retryable).toBe(true);
    expect(odoo.records('account.move').filter((m) => m.ref === 'FLAKY-1')).toHaveLength(1);
  });

  it("fails a permanent Odoo error after one attempt and shows Odoo's message", async () => {
    const flow = billFlow('broken', 'odoo-test');
    const post = flow.nodes[1];
    if (post) post.config = { ...post.config, values: "{ 'move_type': 'in_invoice', 'ref': ref, 'no_such_field': 1 }" };
    await server.api('/api/flows', { body: flow });
    const start = await server.api('/api/flows/broken/runs', { body: { input: { ref: 'BROKEN-1' } } });
    const run = await server.waitForRun(start.body.id);
    expect(run.status).toBe('failed');
    const step = run.steps.find((s: { nodeId: string }) => s.nodeId === 'post');
    expect(step.attempts).toHaveLength(1);
    expect(step.error.retryable).toBe(false);
    expect(step.error.details.odooName).toBe('builtins.ValueError');
    expect(step.error.message).toContain("Invalid field 'no_such_field' on model 'account.move'");
    expect(run.error.nodeId).toBe('post');
  });

  it('pages run history newest first with a cursor', async () => {
    await server.api('/api/flows', { body: billFlow('paged', 'odoo-test') });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await server.api('/api/flows/paged/runs', { body: { input: { ref: `PAGED-${i}`, partner: 2, amount: 1 } } })).body.id);
    const first = await server.api('/api/runs?flowId=paged&limit=3');
    expect(first.body.items).toHaveLength(3);
    const second = await server.api(`/api/runs?flowId=paged&limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();
    const seen = [...first.body.items, ...second.body.items].map((r: { id: string }) => r.id);
    expect(new Set(seen)).toEqual(new Set(ids));
  });
});

describe('bad input gets a 4xx that names the field', () => {
  it('refuses a body that is not JSON', async () => {
    const res = await server.api('/api/flows', { body: '{"schema": ' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('refuses wrong types with zod paths', async () => {
    const res = await server.api('/api/flows', { body: { schema: 'ledgerflow/flow@1', id: 'bad', name: 42, nodes: 'x' } });
    expect(res.status).toBe(400);
    const paths = res.body.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.nodes']));
  });

  it('refuses an unknown node type, naming the node', async () => {
    const flow = billFlow('unknown-type', 'odoo-test');
    const res = await server.api('/api/flows', { body: { ...flow, nodes: [...flow.nodes, { id: 'weird', type: 'teleport', config: {} }] } });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0]).toMatchObject({ path: 'body.nodes.2.type' });
    expect(res.body.error.issues[0].message).toContain('"weird"');
    expect((await server.api('/api/flows/unknown-type')).status).toBe(404);
  });

  it('refuses a run request with extra keys and a bad query', async () => {
    expect((await server.api('/api/flows/flaky/runs', { body: { input: {}, nope: 1 } })).status).toBe(400);
    const res = await server.api('/api/runs?status=exploded');
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe('query.status');
  });

  it('answers 404 for a run or flow that does not exist', async () => {
    expect((await server.api('/api/runs/nope')).status).toBe(404);
    expect((await server.api('/api/flows/nope/runs', { body: { input: {} } })).status).toBe(404);
  });
});
