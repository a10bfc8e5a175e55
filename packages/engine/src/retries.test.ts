import { permanent, retryable, retryPolicySchema } from '@ledgerflow/flow';
import { nodeExecutors } from '@ledgerflow/nodes';
import { describe, expect, it } from 'vitest';
import { retryDelay } from './backoff';
import { chain, harness } from './test-kit';

const fast = { maxAttempts: 5, backoff: 'exponential' as const, initialDelayMs: 1000, maxDelayMs: 5000, jitter: false, timeoutMs: 1000 };

describe('retries', () => {
  it('a node failing twice retryably then succeeding shows three attempts and the run succeeds', async () => {
    const h = harness([chain('f', [{ id: 'post', retry: { ...fast, initialDelayMs: 0 } }])], { executors: nodeExecutors });
    h.script.on('post', (call) => {
      if (call <= 2) throw retryable('http_503', `Odoo answered 503 (call ${call})`);
      return { port: 'out', data: { id: 7 } };
    });
    const run = await h.start('f', { amount: 1 });
    await h.settle();
    const d = await h.detail(run.id);
    expect(d.run.status).toBe('succeeded');
    const post = d.steps.find((s) => s.nodeId === 'post');
    const attempts = d.attempts.filter((a) => a.stepId === post?.id).sort((a, b) => a.number - b.number);
    expect(attempts.map((a) => a.status)).toEqual(['failed', 'failed', 'succeeded']);
    expect(attempts[0]?.error).toMatchObject({ code: 'http_503', retryable: true });
    expect(post?.output).toEqual({ id: 7 });
    expect(h.script.count('post')).toBe(3);
  });

  it('a permanent error is not retried: one attempt, and the run fails naming the node', async () => {
    const h = harness([chain('f', [{ id: 'post', retry: fast }, { id: 'after' }])], { executors: nodeExecutors });
    h.script.on('post', () => {
      throw permanent('odoo_validation', 'The partner is archived');
    });
    const run = await h.start('f', {});
    await h.settle();
    h.clock.advance(3_600_000);
    await h.settle();
    const d = await h.detail(run.id);
    expect(d.run.status).toBe('failed');
    expect(d.run.error).toMatchObject({ nodeId: 'post', code: 'odoo_validation', retryable: false, message: 'The partner is archived' });
    expect(d.attempts.filter((a) => a.stepId === d.steps[1]?.id)).toHaveLength(1);
    expect(h.script.count('post')).toBe(1);
    expect(h.script.count('after')).toBe(0);
  });

  it('gives up after maxAttempts retryable failures', async () => {
    const h = harness([chain('f', [{ id: 'post', retry: { ...fast, maxAttempts: 3, initialDelayMs: 0 } }])], { executors: nodeExecutors });
    h.script.on('post', () => {
      throw retryable('http_503', 'still down');
    });
    const run = await h.start('f', {});
    await h.settle();
    const d = await h.detail(run.id);
    expect(d.run.status).toBe('failed');
    expect(h.script.count('post')).toBe(3);
  });
});

describe('backoff with a fake clock', () => {
  it('waits initialDelay, then doubles, then stays at maxDelay; nothing runs early', async () => {
    const h = harness([chain('f', [{ id: 'post', retry: { ...fast, maxAttempts: 6 } }])], { executors: nodeExecutors });
    h.script.on('post', (call) => {
      if (call <= 4) throw retryable('timeout', 'slow');
      return { port: 'out', data: {} };
    });
    const run = await h.start('f', {});
    await h.settle();
    expect(h.script.count('post')).toBe(1);
    // Waits before attempts 2..5: 1000, 2000, 4000, then 8000 capped at 5000.
    for (const [i, wait] of [1000, 2000, 4000, 5000].entries()) {
      const step = (await h.detail(run.id)).steps.find((s) => s.nodeId === 'post');
      expect(step?.nextAttemptAt).toBe(h.clock.now() + wait);
      h.clock.advance(wait - 1);
      await h.settle();
      expect(h.script.count('post')).toBe(i + 1);
      h.clock.advance(1);
      await h.settle();
      expect(h.script.count('post')).toBe(i + 2);
    }
    expect((await h.detail(run.id)).run.status).toBe('succeeded');
  });

  it('jitter stays within [delay/2, delay]', () => {
    const policy = retryPolicySchema.parse({ initialDelayMs: 1000, maxDelayMs: 60_000, jitter: true });
    expect(retryDelay(policy, 3, () => 0)).toBe(2000);
    expect(retryDelay(policy, 3, () => 1)).toBe(4000);
    for (let i = 0; i < 200; i++) {
      const d = retryDelay(policy, 2, Math.random);
      expect(d).toBeGreaterThanOrEqual(1000);
      expect(d).toBeLessThanOrEqual(2000);
    }
    expect(retryDelay({ ...policy, backoff: 'fixed' }, 5, () => 1)).toBe(1000);
    expect(retryDelay({ ...policy, maxDelayMs: 1500 }, 10, () => 1)).toBe(1500);
  });

  it('the engine applies jitter from its random source', async () => {
    const h = harness([chain('f', [{ id: 'post', retry: { ...fast, jitter: true } }])], { executors: nodeExecutors, random: () => 0 });
    h.script.on('post', () => {
      throw retryable('timeout', 'slow');
    });
    const run = await h.start('f', {});
    await h.settle();
    const step = (await h.detail(run.id)).steps.find((s) => s.nodeId === 'post');
    expect(step?.nextAttemptAt).toBe(h.clock.now() + 500);
  });

  it("honours an error's retryAfterMs when it is longer than the backoff", async () => {
    const h = harness([chain('f', [{ id: 'post', retry: fast }])], { executors: nodeExecutors });
    h.script.on('post', (call) => {
      if (call === 1) throw retryable('http_429', 'Too Many Requests', { retryAfterMs: 30_000 });
      return { port: 'out', data: {} };
    });
    const run = await h.start('f', {});
    await h.settle();
    h.clock.advance(29_999);
    await h.settle();
    expect(h.script.count('post')).toBe(1);
    h.clock.advance(1);
    await h.settle();
    expect(h.script.count('post')).toBe(2);
    expect((await h.detail(run.id)).run.status).toBe('succeeded');
  });
});

describe('step timeout', () => {
  it('a step that takes longer than timeoutMs fails retryably and is tried again', async () => {
    const h = harness([chain('f', [{ id: 'slow', retry: { ...fast, timeoutMs: 30 } }])], { executors: nodeExecutors });
    let aborted = false;
    h.script.on('slow', async (call, _input, ctx) => {
      if (call === 1) {
        ctx.signal.addEventListener('abort', () => (aborted = true));
        await new Promise((r) => setTimeout(r, 200));
      }
      return { port: 'out', data: { call } };
    });
    const run = await h.start('f', {});
    await h.settle();
    let d = await h.detail(run.id);
    const step = d.steps.find((s) => s.nodeId === 'slow');
    expect(step?.status).toBe('ready');
    expect(d.attempts.find((a) => a.stepId === step?.id)?.error).toMatchObject({ code: 'timeout', retryable: true });
    expect(aborted).toBe(true);
    h.clock.advance(1000);
    await h.settle();
    d = await h.detail(run.id);
    expect(d.run.status).toBe('succeeded');
    expect(d.run.output).toEqual({ call: 2 });
  });
});
