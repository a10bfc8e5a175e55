import { retryable, type FlowDocument } from '@ledgerflow/flow';
import { nodeExecutors } from '@ledgerflow/nodes';
import { describe, expect, it } from 'vitest';
import { chain, harness } from './test-kit';

const rules = [
  { name: 'positive', assert: 'amount > 0', message: 'amount must be positive', path: 'amount' },
  { name: 'vendor', assert: '$exists(vendor)', message: 'vendor is required', path: 'vendor' },
];

function checked(id: string, withInvalid: boolean): FlowDocument {
  return {
    schema: 'ledgerflow/flow@1',
    id,
    name: id,
    nodes: [
      { id: 'in', type: 'trigger', config: { kind: 'manual' } },
      { id: 'check', type: 'validate', config: { schema: { type: 'object', required: ['currency'] }, rules } },
      { id: 'good', type: 'script', config: {} },
      ...(withInvalid ? [{ id: 'bad', type: 'script', config: {} }] : []),
    ],
    edges: [{ from: 'in', to: 'check' }, { from: 'check', port: 'valid', to: 'good' }, ...(withInvalid ? [{ from: 'check', port: 'invalid', to: 'bad' }] : [])],
  };
}

function approval(id: string, timeout?: string): FlowDocument {
  return {
    schema: 'ledgerflow/flow@1',
    id,
    name: id,
    nodes: [
      { id: 'in', type: 'trigger', config: { kind: 'manual' } },
      { id: 'ok', type: 'approve', config: { when: 'amount > 1000', ...(timeout ? { timeout } : {}) } },
      { id: 'post', type: 'script', config: {} },
      { id: 'refuse', type: 'script', config: {} },
    ],
    edges: [{ from: 'in', to: 'ok' }, { from: 'ok', port: 'approved', to: 'post' }, { from: 'ok', port: 'rejected', to: 'refuse' }],
  };
}

describe('validate ports', () => {
  it('valid input leaves on "valid"', async () => {
    const h = harness([checked('v', true)], { executors: nodeExecutors });
    const run = await h.start('v', { amount: 5, vendor: 'ACME', currency: 'EUR' });
    await h.settle();
    const d = await h.detail(run.id);
    expect(d.run.status).toBe('succeeded');
    expect(d.steps.map((s) => [s.nodeId, s.port])).toEqual([['in', 'out'], ['check', 'valid'], ['good', 'out']]);
    expect(h.script.count('bad')).toBe(0);
  });

  it('invalid input leaves on "invalid" with every problem and its path', async () => {
    const h = harness([checked('v', true)], { executors: nodeExecutors });
    const run = await h.start('v', { amount: -5 });
    await h.settle();
    const d = await h.detail(run.id);
    expect(d.run.status).toBe('succeeded');
    expect(h.script.count('good')).toBe(0);
    expect(h.script.inputs.get('bad')?.[0]).toMatchObject({
      input: { amount: -5 },
      errors: [
        { path: 'currency', message: expect.stringContaining('currency') },
        { path: 'amount', message: 'amount must be positive', rule: 'positive' },
        { path: 'vendor', message: 'vendor is required', rule: 'vendor' },
      ],
    });
  });

  it('without an "invalid" edge the run fails permanently, listing every problem', async () => {
    const h = harness([checked('v', false)], { executors: nodeExecutors });
    const run = await h.start('v', { amount: -5 });
    await h.settle();
    const d = await h.detail(run.id);
    expect(d.run.status).toBe('failed');
    expect(d.run.error).toMatchObject({ nodeId: 'check', code: 'validation_failed', retryable: false });
    expect(d.run.error?.message).toContain('3 problem(s)');
    for (const text of ['currency', 'amount must be positive', 'vendor is required']) expect(d.run.error?.message).toContain(text);
    expect(d.attempts.filter((a) => a.stepId === d.steps[1]?.id)).toHaveLength(1);
  });
});

describe('approvals', () => {
  it('below the threshold passes straight on "approved" without waiting', async () => {
    const h = harness([approval('a')], { executors: nodeExecutors });
    const run = await h.start('a', { amount: 10 });
    await h.settle();
    expect((await h.detail(run.id)).run.status).toBe('succeeded');
    expect(h.script.count('post')).toBe(1);
  });

  for (const [decision, port, node] of [['approve', 'approved', 'post'], ['reject', 'rejected', 'refuse']] as const) {
    it(`suspends the run as waiting; a "${decision}" decision resumes it on "${port}"`, async () => {
      const h = harness([approval('a')], { executors: nodeExecutors });
      const run = await h.start('a', { amount: 5000 });
      await h.settle();
      let d = await h.detail(run.id);
      expect(d.run.status).toBe('waiting');
      const waiting = d.steps.find((s) => s.nodeId === 'ok');
      expect(waiting?.status).toBe('waiting');
      // Nothing is due while it waits, however long.
      h.clock.advance(7 * 86_400_000);
      expect(await h.settle()).toBe(0);
      expect(await h.store.resumeStep(run.id, waiting?.id ?? '', { decision, by: 'ann', comment: 'fine' }, h.clock.now())).toBe(true);
      // A second decision finds nothing waiting.
      expect(await h.store.resumeStep(run.id, waiting?.id ?? '', { decision: 'approve', by: 'bob' }, h.clock.now())).toBe(false);
      await h.settle();
      d = await h.detail(run.id);
      expect(d.run.status).toBe('succeeded');
      expect(d.steps.find((s) => s.nodeId === 'ok')?.port).toBe(port);
      expect(h.script.count(node)).toBe(1);
      expect(h.script.count(node === 'post' ? 'refuse' : 'post')).toBe(0);
      const attempts = d.attempts.filter((a) => a.stepId === waiting?.id).sort((a, b) => a.number - b.number);
      expect(attempts.map((a) => a.status)).toEqual(['suspended', 'succeeded']);
    });
  }

  it('a waiting step whose timeout passes wakes and rejects', async () => {
    const h = harness([approval('a', 'PT4H')], { executors: nodeExecutors });
    const run = await h.start('a', { amount: 5000 });
    await h.settle();
    h.clock.advance(4 * 3_600_000 - 1);
    expect(await h.settle()).toBe(0);
    expect((await h.detail(run.id)).run.status).toBe('waiting');
    h.clock.advance(1);
    await h.settle();
    const d = await h.detail(run.id);
    expect(d.run.status).toBe('succeeded');
    expect(d.steps.find((s) => s.nodeId === 'ok')?.port).toBe('rejected');
    expect(h.script.count('refuse')).toBe(1);
  });
});

describe('cancel and deadline', () => {
  it('a cancelled waiting run never resumes', async () => {
    const h = harness([approval('a', 'PT1H')], { executors: nodeExecutors });
    const run = await h.start('a', { amount: 5000 });
    await h.settle();
    const waiting = (await h.detail(run.id)).steps.find((s) => s.nodeId === 'ok');
    expect(await h.store.cancelRun(run.id, h.clock.now())).toBe(true);
    expect(await h.store.cancelRun(run.id, h.clock.now())).toBe(false);
    expect(await h.store.resumeStep(run.id, waiting?.id ?? '', { decision: 'approve', by: 'ann' }, h.clock.now())).toBe(false);
    h.clock.advance(2 * 3_600_000);
    expect(await h.settle()).toBe(0);
    const d = await h.detail(run.id);
    expect(d.run.status).toBe('cancelled');
    expect(d.steps.find((s) => s.nodeId === 'ok')?.status).toBe('cancelled');
    expect(h.script.count('post') + h.script.count('refuse')).toBe(0);
  });

  it('a run cancelled while a step executes keeps its cancelled status and goes no further', async () => {
    const h = harness([chain('c', [{ id: 'slow' }, { id: 'next' }])], { executors: nodeExecutors });
    let cancel: () => Promise<boolean> = async () => false;
    h.script.on('slow', async () => {
      await cancel();
      return { port: 'out', data: {} };
    });
    const run = await h.start('c', {});
    cancel = () => h.store.cancelRun(run.id, h.clock.now());
    await h.settle();
    const d = await h.detail(run.id);
    expect(d.run.status).toBe('cancelled');
    expect(h.script.count('next')).toBe(0);
  });

  it('a run past its deadline fails even while a retry is far away', async () => {
    const h = harness([chain('d', [{ id: 'post', retry: { maxAttempts: 5, initialDelayMs: 3_600_000, maxDelayMs: 3_600_000, jitter: false } }], { deadline: 'PT10M' })], { executors: nodeExecutors });
    h.script.on('post', () => {
      throw retryable('http_503', 'down');
    });
    const run = await h.start('d', {});
    await h.settle();
    h.clock.advance(10 * 60_000 - 1);
    expect(await h.settle()).toBe(0);
    h.clock.advance(1);
    await h.settle();
    const d = await h.detail(run.id);
    expect(d.run.status).toBe('failed');
    expect(d.run.error).toMatchObject({ code: 'deadline_exceeded', retryable: false });
    expect(d.steps.find((s) => s.nodeId === 'post')?.status).toBe('cancelled');
    expect(h.script.count('post')).toBe(1);
  });
});
