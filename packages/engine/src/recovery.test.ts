import { nodeExecutors } from '@ledgerflow/nodes';
import { describe, expect, it } from 'vitest';
import { chain, harness } from './test-kit';

describe('a worker that dies mid-step', () => {
  it('another worker takes the run over once the lease expires; the lost attempt is marked interrupted and the step runs again', async () => {
    const h = harness([chain('r', [{ id: 'a' }, { id: 'post' }, { id: 'after' }])], { executors: nodeExecutors, leaseMs: 5000 });
    let release: () => void = () => undefined;
    h.script.on('post', async (call) => {
      // The first worker hangs here, as if its process froze and then died.
      if (call === 1) await new Promise<void>((resolve) => (release = resolve));
      return { port: 'out', data: { call } };
    });
    const run = await h.start('r', {});
    const first = h.engine.tick();
    await new Promise((r) => setTimeout(r, 20));
    let d = await h.detail(run.id);
    expect(d.steps.find((s) => s.nodeId === 'post')?.status).toBe('running');

    const second = h.other('worker-b');
    // While the lease holds, nobody else may take the run.
    h.clock.advance(4999);
    expect(await second.tick()).toBe(0);
    h.clock.advance(2);
    await h.settle(second);

    d = await h.detail(run.id);
    expect(d.run.status).toBe('succeeded');
    const post = d.steps.find((s) => s.nodeId === 'post');
    const attempts = d.attempts.filter((a) => a.stepId === post?.id).sort((a, b) => a.number - b.number);
    expect(attempts.map((a) => a.status)).toEqual(['interrupted', 'succeeded']);
    expect(attempts[0]?.error).toMatchObject({ code: 'worker_lost', retryable: true });
    // Steps before the interrupted one were not run again.
    expect(h.script.count('a')).toBe(1);
    expect(h.script.count('after')).toBe(1);

    // The first worker wakes up late: its result is refused, nothing changes.
    release();
    await first;
    const after = await h.detail(run.id);
    expect(after.run.output).toEqual({ call: 2 });
    expect(after.attempts).toHaveLength(d.attempts.length);
    expect(h.script.count('after')).toBe(1);
  });
});
