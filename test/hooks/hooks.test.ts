import type { FlowDocument } from '@ledgerflow/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signHookBody } from '../../apps/server/src/webhooks/signature';
import { startInProcess, type InProcessServer } from '../support/in-process';

const SECRET = 'hook-secret-for-tests';
const TOKEN = 'bearer-token-for-tests';

function hookFlow(id: string, trigger: Record<string, unknown>, tail: FlowDocument['nodes'] = []): FlowDocument {
  const nodes: FlowDocument['nodes'] = [{ id: 'in', type: 'trigger', config: { kind: 'webhook', path: id, ...trigger } }, ...tail];
  const edges = tail.length > 0 ? [{ from: 'in', to: tail[0]?.id ?? '' }] : [];
  return { schema: 'ledgerflow/flow@1', id, name: id, nodes, edges };
}

describe('webhook triggers', () => {
  let server: InProcessServer;
  const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}/hooks/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };

  beforeAll(async () => {
    process.env.LEDGERFLOW_SECRET_TEST_HOOK = SECRET;
    process.env.LEDGERFLOW_SECRET_TEST_TOKEN = TOKEN;
    server = await startInProcess();
    const flows = [
      hookFlow('signed', { secret: 'TEST_HOOK' }),
      hookFlow('tokened', { token: 'TEST_TOKEN' }),
      hookFlow('unset', { secret: 'NOT_SET_ANYWHERE' }),
      hookFlow('plain', {}),
      hookFlow('total', { response: 'respond' }, [{ id: 'sum', type: 'map', config: { expression: "{ 'total': $sum($map($, function($r) { $number($r.amount) })) }" } }]),
      hookFlow('strict', { response: 'respond' }, [{ id: 'check', type: 'validate', config: { rules: [{ name: 'positive', assert: 'amount > 0', message: 'amount must be positive' }] } }]),
    ];
    for (const flow of flows) expect((await server.api('/api/flows', { body: flow })).status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
    delete process.env.LEDGERFLOW_SECRET_TEST_HOOK;
    delete process.env.LEDGERFLOW_SECRET_TEST_TOKEN;
  });

  describe('HMAC signature', () => {
    const body = JSON.stringify({ employee: 'E-1', amount: 42 });
    const now = () => Math.floor(Date.now() / 1000);

    it('accepts a valid signature and starts a run', async () => {
      const answer = await post('signed', body, { 'x-ledgerflow-signature': signHookBody(body, SECRET, now()) });
      expect(answer.status).toBe(202);
      const run = await server.waitForRun(answer.body.runId);
      expect(run).toMatchObject({ status: 'succeeded', input: { employee: 'E-1', amount: 42 }, trigger: { kind: 'webhook', detail: { path: 'signed' } } });
    });

    it('refuses a wrong signature, a missing one and a replay with an old timestamp', async () => {
      const before = (await server.api('/api/runs?flowId=signed')).body.items.length;
      const wrong = await post('signed', body, { 'x-ledgerflow-signature': signHookBody(body, 'not-the-secret', now()) });
      expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'invalid_signature', message: expect.stringMatching(/does not match/) } } });
      const tampered = await post('signed', body.replace('42', '4200'), { 'x-ledgerflow-signature': signHookBody(body, SECRET, now()) });
      expect(tampered.status).toBe(401);
      const missing = await post('signed', body);
      expect(missing).toMatchObject({ status: 401, body: { error: { message: expect.stringMatching(/needs an X-Ledgerflow-Signature/) } } });
      const replayed = await post('signed', body, { 'x-ledgerflow-signature': signHookBody(body, SECRET, now() - 6 * 60) });
      expect(replayed).toMatchObject({ status: 401, body: { error: { message: expect.stringMatching(/more than 5 minutes/) } } });
      expect((await server.api('/api/runs?flowId=signed')).body.items.length).toBe(before);
    });

    it('fails closed with a clear 503 when the server lacks the secret', async () => {
      const answer = await post('unset', body, { 'x-ledgerflow-signature': signHookBody(body, SECRET, now()) });
      expect(answer).toMatchObject({ status: 503, body: { error: { code: 'webhook_not_configured', message: expect.stringMatching(/LEDGERFLOW_SECRET_NOT_SET_ANYWHERE/) } } });
    });
  });

  it('checks a bearer token when the trigger asks for one', async () => {
    expect((await post('tokened', '{}')).status).toBe(401);
    expect((await post('tokened', '{}', { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await post('tokened', '{}', { authorization: `Bearer ${TOKEN}` })).status).toBe(202);
  });

  it('turns form-encoded and CSV bodies into JSON input', async () => {
    const form = await post('plain', 'employee=Ann+Lee&amount=12.50', { 'content-type': 'application/x-www-form-urlencoded' });
    expect((await server.waitForRun(form.body.runId)).input).toEqual({ employee: 'Ann Lee', amount: '12.50' });
    const csv = await post('plain', 'employee,amount\n"Lee, Ann",12.50\nBob,3\n', { 'content-type': 'text/csv' });
    expect((await server.waitForRun(csv.body.runId)).input).toEqual([{ employee: 'Lee, Ann', amount: '12.50' }, { employee: 'Bob', amount: '3' }]);
    const broken = await post('plain', 'a,b\n1\n', { 'content-type': 'text/csv' });
    expect(broken).toMatchObject({ status: 400, body: { error: { code: 'invalid_csv' } } });
  });

  it('in respond mode answers with the run output, or with the run error', async () => {
    const ok = await post('total', 'amount\n10\n32.5\n', { 'content-type': 'text/csv' });
    expect(ok).toMatchObject({ status: 200, body: { status: 'succeeded', output: { total: 42.5 } } });
    const bad = await post('strict', JSON.stringify({ amount: -5 }));
    expect(bad).toMatchObject({ status: 422, body: { status: 'failed', error: { code: 'run_failed', message: expect.stringMatching(/amount must be positive/) } } });
  });

  it('keeps Idempotency-Key: the same key gives the same run', async () => {
    const first = await post('plain', '{"n":1}', { 'idempotency-key': 'abc-1' });
    const second = await post('plain', '{"n":1}', { 'idempotency-key': 'abc-1' });
    expect(second.body.runId).toBe(first.body.runId);
  });

  // Last: the server hangs up on a body it refused, which would break a reused connection.
  it('refuses a body over 1 MiB with a 413 that says so', async () => {
    const answer = await post('plain', JSON.stringify({ blob: 'x'.repeat(1024 * 1024 + 10) }));
    expect(answer).toMatchObject({ status: 413, body: { error: { code: 'body_too_large', message: expect.stringMatching(/1 MiB/) } } });
  });
});
