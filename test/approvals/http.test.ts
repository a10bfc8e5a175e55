import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '@ledgerflow/flow';
import { afterAll, describe, expect, it } from 'vitest';
import { startChildServer, waitForRun, type ChildServer } from '../support/server';

const expense = (amount: number) => ({
  number: `EXP-${amount}-${Math.random().toString(36).slice(2, 7)}`,
  date: '2026-11-20',
  currency: 'EUR',
  employee: { id: 'E-1001', name: 'Marc Demo', iban: 'BE71096123456769' },
  vendor: { partnerId: 2, name: 'Azure Interior' },
  // Two lines: the example's map builds invoice lines from a list.
  lines: [{ description: 'Conference', amount: amount - 100 }, { description: 'Hotel', amount: 100 }],
});

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('approvals over HTTP, across a restart', () => {
  let server: ChildServer | undefined;
  afterAll(async () => server?.stop());

  it('a 5,000 expense waits, the submitter is refused, an approver approves after a restart, and the bill is posted', async () => {
    server = await startChildServer();
    const admin = await server.login();
    for (const [username, roles] of [['sam', ['operator', 'approver']], ['ann', ['approver']], ['vic', ['viewer']]] as const) {
      expect((await server.api('/api/users', { token: admin, body: { username, password: `${username}-password-1`, roles } })).status).toBe(201);
    }
    const sam = await server.login('sam', 'sam-password-1');
    let ann = await server.login('ann', 'ann-password-1');

    const small = await server.api('/api/flows/expense-to-vendor-bill/runs', { token: sam, body: { input: expense(400) } });
    const started = await server.api('/api/flows/expense-to-vendor-bill/runs', { token: sam, body: { input: expense(5000) } });
    expect(started.status).toBe(202);
    const runId: string = started.body.id;
    expect((await waitForRun(server, admin, small.body.id)).status).toBe('succeeded');
    await waitForRun(server, admin, runId, ['waiting']);

    const inbox = await server.api('/api/approvals?status=pending', { token: ann });
    expect(inbox.status).toBe(200);
    expect(inbox.body.items).toHaveLength(1);
    const item = inbox.body.items[0];
    expect(item).toMatchObject({ runId, amount: 5000, status: 'pending', level: 1, canDecide: true, approvers: { role: 'approver' } });
    expect(item.message).toContain('5000 EUR');
    // Someone without the approver role sees nothing to approve.
    expect((await server.api('/api/approvals?status=pending', { token: await server.login('vic', 'vic-password-1') })).body.items).toEqual([]);

    const own = await server.api(`/api/approvals/${item.id}/decision`, { token: sam, body: { decision: 'approve', comment: 'mine, fine' } });
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('own_submission');
    const bad = await server.api(`/api/approvals/${item.id}/decision`, { token: ann, body: { decision: 'maybe' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('body.decision');

    // The approvers were told, with a link to the approval (sandbox outbox: no SMTP connection).
    const outbox = join(server.dataDir, 'outbox');
    const mail = await waitFor('the approval mail', async () => {
      const files = (() => { try { return readdirSync(outbox); } catch { return []; } })();
      return files.map((f) => readFileSync(join(outbox, f), 'utf8')).find((m) => m.includes(`/approvals/${item.id}`));
    });
    expect(mail).toContain('ann@approvers.invalid');

    // A restart while waiting changes nothing: all state is in the store.
    const dataDir = server.dataDir;
    await server.stop();
    server = await startChildServer({ dataDir });
    ann = await server.login('ann', 'ann-password-1');
    const admin2 = await server.login();
    expect((await server.api(`/api/runs/${runId}`, { token: admin2 })).body.status).toBe('waiting');

    const detail = await server.api(`/api/approvals/${item.id}`, { token: ann });
    expect(detail.status).toBe(200);
    expect(detail.body.runUrl).toMatch(new RegExp(`/runs/${runId}$`));
    expect(detail.body.shown.data.total).toBe(5000);

    const decided = await server.api(`/api/approvals/${item.id}/decision`, { token: ann, body: { decision: 'approve', comment: 'budget ok' } });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'approved', decidedBy: 'ann', comment: 'budget ok', repeated: false });
    const twice = await server.api(`/api/approvals/${item.id}/decision`, { token: ann, body: { decision: 'reject' } });
    expect(twice.status).toBe(200);
    expect(twice.body).toMatchObject({ status: 'approved', repeated: true, yourDecision: { decision: 'approve', by: 'ann' } });

    const run = await waitForRun(server, admin2, runId);
    expect(run.status).toBe('succeeded');
    const post = run.steps.find((s: { nodeId: string }) => s.nodeId === 'post');
    expect(post.status).toBe('succeeded');
    expect(post.output.id).toEqual(expect.any(Number));

    // The audit log holds the opening and one decision, with the hash of what ann was shown.
    const audit = await server.api('/api/audit?limit=1000', { token: admin2 });
    const entries = audit.body.items.filter((e: { target: string }) => e.target === `approval:${item.id}`);
    const shownHash = createHash('sha256').update(canonicalJson(detail.body.shown)).digest('hex');
    expect(entries.map((e: { action: string }) => e.action).sort()).toEqual(['approval.decide', 'approval.notify', 'approval.open']);
    for (const e of entries.filter((e: { action: string }) => e.action !== 'approval.notify')) expect(e.detail.shownHash).toBe(shownHash);

    const done = await server.api('/api/approvals?status=decided', { token: ann });
    expect(done.body.items[0]).toMatchObject({ id: item.id, decidedBy: 'ann', status: 'approved' });
  }, 60_000);
});
