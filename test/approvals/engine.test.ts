import { Engine, MemoryStore, type RunDetail } from '@ledgerflow/engine';
import type { FlowDocument } from '@ledgerflow/flow';
import { nodeResolver } from '@ledgerflow/nodes';
import { describe, expect, it } from 'vitest';
import { MemoryApprovals } from './memory-approvals';

const HOUR = 3_600_000;

function approvalFlow(config: Record<string, unknown>): FlowDocument {
  return {
    schema: 'ledgerflow/flow@1',
    id: 'spend',
    name: 'Spend approval',
    nodes: [
      { id: 'in', type: 'trigger', config: { kind: 'manual' } },
      { id: 'ok', type: 'approve', config },
      { id: 'yes', type: 'map', config: { expression: "{ 'result': 'posted', 'total': total }" } },
      { id: 'no', type: 'map', config: { expression: "{ 'result': 'refused', 'total': total }" } },
    ],
    edges: [
      { from: 'in', to: 'ok' },
      { from: 'ok', port: 'approved', to: 'yes' },
      { from: 'ok', port: 'rejected', to: 'no' },
    ],
  };
}

function setup(config: Record<string, unknown>) {
  let t = Date.UTC(2026, 0, 5, 9);
  const clock = { now: () => t };
  const store = new MemoryStore();
  const approvals = new MemoryApprovals(store, clock.now);
  const engine = new Engine({
    store,
    nodes: nodeResolver(),
    clock,
    services: {
      odoo: () => Promise.reject(new Error('no Odoo here')),
      fetch,
      links: { run: (id) => `http://lf.test/runs/${id}`, approval: (id) => `http://lf.test/approvals/${id}` },
      openApproval: approvals.open,
      approvalTimedOut: approvals.timedOut,
    },
  });
  store.putFlow(approvalFlow(config), 1);
  return {
    store,
    approvals,
    advance: (ms: number) => (t += ms),
    async start(input: unknown, by = 'submitter') {
      const run = await engine.startRun({ flowId: 'spend', flowVersion: 1, input, trigger: { kind: 'manual', by } });
      await engine.tick();
      return run.id;
    },
    tick: () => engine.tick(),
    async detail(id: string): Promise<RunDetail> {
      const detail = await store.loadRun(id);
      if (!detail) throw new Error('no run');
      return detail;
    },
  };
}

const manager = (name: string) => ({ name, roles: ['approver', 'manager'] });
const cfo = (name: string) => ({ name, roles: ['cfo'] });

const thresholds = {
  levels: [
    { when: 'total > 1000', approvers: { role: 'manager' } },
    { when: 'total > 10000', approvers: { role: 'cfo' }, quorum: 2 },
  ],
  fields: ['ref'],
  message: 'Expense {{ ref }}: {{ total }} EUR',
};

describe('approve node in the engine', () => {
  it('lets data under every threshold pass straight on', async () => {
    const t = setup(thresholds);
    const id = await t.start({ ref: 'E-1', total: 800 });
    const run = await t.detail(id);
    expect(run.run.status).toBe('succeeded');
    expect(run.run.output).toEqual({ result: 'posted', total: 800 });
    expect(t.approvals.items).toHaveLength(0);
  });

  it('passes straight on when `when` is false, without opening an approval', async () => {
    const t = setup({ when: 'total > 1000', approvers: { role: 'approver' } });
    const id = await t.start({ total: 999 });
    expect((await t.detail(id)).run.output).toEqual({ result: 'posted', total: 999 });
    expect(t.approvals.items).toHaveLength(0);
  });

  it('suspends above the first threshold and resumes on one manager approval', async () => {
    const t = setup(thresholds);
    const id = await t.start({ ref: 'E-2', total: 5000 });
    expect((await t.detail(id)).run.status).toBe('waiting');
    const [open] = t.approvals.pending();
    expect(open).toMatchObject({ level: 1, levelCount: 1, approvers: { role: 'manager' }, message: 'Expense E-2: 5000 EUR', fields: { ref: 'E-2' }, amount: 5000, submitters: ['submitter'] });
    expect(await t.approvals.decide(open!.id, manager('submitter'), 'approve')).toMatchObject({ kind: 'refused', status: 403, code: 'own_submission' });
    expect(await t.approvals.decide(open!.id, cfo('carol'), 'approve')).toMatchObject({ kind: 'refused', code: 'not_an_approver' });
    expect((await t.approvals.decide(open!.id, manager('mia'), 'approve')).kind).toBe('recorded');
    await t.tick();
    const run = await t.detail(id);
    expect(run.run.status).toBe('succeeded');
    expect(run.run.output).toEqual({ result: 'posted', total: 5000 });
  });

  it('takes two levels in order above the second threshold, the second with a quorum of two', async () => {
    const t = setup(thresholds);
    const id = await t.start({ ref: 'E-3', total: 25_000 });
    const [first] = t.approvals.pending();
    expect(first).toMatchObject({ level: 1, levelCount: 2 });
    await t.approvals.decide(first!.id, manager('mia'), 'approve');
    await t.tick();
    expect((await t.detail(id)).run.status).toBe('waiting');
    const [second] = t.approvals.pending();
    expect(second).toMatchObject({ level: 2, levelCount: 2, quorum: 2, approvers: { role: 'cfo' } });
    // The manager of level 1 may not decide level 2, even with the role.
    expect(await t.approvals.decide(second!.id, { name: 'mia', roles: ['manager', 'cfo'] }, 'approve')).toMatchObject({ kind: 'refused', code: 'already_decided_other_level' });
    expect(await t.approvals.decide(second!.id, cfo('carol'), 'approve')).toMatchObject({ kind: 'recorded', outcome: 'pending' });
    // A double click by the same person is the same decision, not the second of the quorum.
    expect(await t.approvals.decide(second!.id, cfo('carol'), 'approve')).toMatchObject({ kind: 'repeat' });
    await t.tick();
    expect((await t.detail(id)).run.status).toBe('waiting');
    expect(await t.approvals.decide(second!.id, cfo('chris'), 'approve')).toMatchObject({ kind: 'recorded', outcome: 'approved' });
    await t.tick();
    const run = await t.detail(id);
    expect(run.run.status).toBe('succeeded');
    expect(run.steps.find((s) => s.nodeId === 'ok')?.port).toBe('approved');
  });

  it('a rejection at any level goes out on `rejected`', async () => {
    const t = setup(thresholds);
    const id = await t.start({ ref: 'E-4', total: 25_000 });
    await t.approvals.decide(t.approvals.pending()[0]!.id, manager('mia'), 'approve');
    await t.tick();
    await t.approvals.decide(t.approvals.pending()[0]!.id, cfo('carol'), 'reject', 'no budget');
    await t.tick();
    expect((await t.detail(id)).run.output).toEqual({ result: 'refused', total: 25_000 });
  });

  it('rejects when the timeout passes and onTimeout is reject', async () => {
    const t = setup({ approvers: { role: 'manager' }, timeout: 'PT4H', onTimeout: 'reject' });
    const id = await t.start({ total: 2000 });
    t.advance(3 * HOUR);
    await t.tick();
    expect((await t.detail(id)).run.status).toBe('waiting');
    t.advance(2 * HOUR);
    await t.tick();
    const run = await t.detail(id);
    expect(run.run.output).toEqual({ result: 'refused', total: 2000 });
    expect(t.approvals.items.map((a) => a.status)).toEqual(['expired']);
  });

  it('escalates once when the timeout passes and onTimeout is escalate, then rejects on the second timeout', async () => {
    const t = setup({ approvers: { role: 'manager' }, timeout: 'PT4H', onTimeout: 'escalate', escalateTo: { role: 'cfo' } });
    const id = await t.start({ total: 2000 });
    t.advance(5 * HOUR);
    await t.tick();
    expect((await t.detail(id)).run.status).toBe('waiting');
    const [escalated] = t.approvals.pending();
    expect(escalated).toMatchObject({ level: 1, escalated: true, approvers: { role: 'cfo' } });
    expect(await t.approvals.decide(escalated!.id, manager('mia'), 'approve')).toMatchObject({ kind: 'refused', code: 'not_an_approver' });
    await t.approvals.decide(escalated!.id, cfo('carol'), 'approve');
    await t.tick();
    expect((await t.detail(id)).run.output).toEqual({ result: 'posted', total: 2000 });

    const again = setup({ approvers: { role: 'manager' }, timeout: 'PT4H', onTimeout: 'escalate', escalateTo: { role: 'cfo' } });
    const second = await again.start({ total: 2000 });
    again.advance(5 * HOUR);
    await again.tick();
    again.advance(5 * HOUR);
    await again.tick();
    expect((await again.detail(second)).run.output).toEqual({ result: 'refused', total: 2000 });
    expect(again.approvals.items.map((a) => [a.escalated, a.status])).toEqual([[false, 'expired'], [true, 'expired']]);
  });

  it('takes approvers from a JSONata expression over the data', async () => {
    const t = setup({ approvers: { expression: 'department.head' } });
    await t.start({ total: 10, department: { head: 'hugo' } });
    expect(t.approvals.pending()[0]?.approvers).toEqual({ users: ['hugo'] });
    expect(await t.approvals.decide(t.approvals.pending()[0]!.id, manager('mia'), 'approve')).toMatchObject({ kind: 'refused', code: 'not_an_approver' });
  });
});
