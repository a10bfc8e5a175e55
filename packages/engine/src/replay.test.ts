import { permanent } from '@ledgerflow/flow';
import { nodeExecutors } from '@ledgerflow/nodes';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from './records';
import { chain, harness } from './test-kit';

/** in → a → b → c; b fails permanently while `failing` is true. */
function setup() {
  const v1 = chain('p', [{ id: 'a' }, { id: 'b' }, { id: 'c', config: { v: 1 } }]);
  const h = harness([v1], { executors: nodeExecutors });
  const v2 = chain('p', [{ id: 'a' }, { id: 'b' }, { id: 'c', config: { v: 2 } }]);
  h.store.putFlow(v2, 2);
  const state = { failing: true };
  h.script.on('a', (_n, input) => ({ port: 'out', data: { ...(input as object), a: true } }));
  h.script.on('b', (_n, input) => {
    if (state.failing) throw permanent('odoo_validation', 'partner archived');
    return { port: 'out', data: { ...(input as object), b: true } };
  });
  h.script.on('c', (_n, input, ctx) => ({ port: 'out', data: { ...(input as object), c: z.object({ v: z.number() }).parse(ctx.config).v } }));
  const replay = async (of: RunRecord, from: string, options: { input?: unknown; version?: number } = {}) => {
    const run = await h.engine.startRun({ flowId: 'p', flowVersion: options.version ?? of.flowVersion, input: of.input, trigger: { kind: 'replay' }, replay: { of, from, ...(options.input === undefined ? {} : { input: options.input }) } });
    await h.settle();
    return h.detail(run.id);
  };
  return { h, state, replay };
}

async function failedRun(s: ReturnType<typeof setup>) {
  const run = await s.h.start('p', { amount: 10 });
  await s.h.settle();
  const d = await s.h.detail(run.id);
  expect(d.run.status).toBe('failed');
  return d;
}

function attemptsOf(d: Awaited<ReturnType<typeof failedRun>>, nodeId: string) {
  const step = d.steps.find((s) => s.nodeId === nodeId);
  return d.attempts.filter((a) => a.stepId === step?.id);
}

describe('replay', () => {
  it('retry the failed step: steps before it are reused, not executed', async () => {
    const s = setup();
    const original = await failedRun(s);
    s.state.failing = false;
    const d = await s.replay(original.run, 'b');
    expect(d.run).toMatchObject({ status: 'succeeded', replayOf: original.run.id, rootRunId: original.run.id, replayFrom: 'b' });
    expect(d.steps.map((st) => [st.nodeId, st.reused])).toEqual([['in', true], ['a', true], ['b', false], ['c', false]]);
    expect(attemptsOf(d, 'in')).toHaveLength(0);
    expect(attemptsOf(d, 'a')).toHaveLength(0);
    expect(attemptsOf(d, 'b')).toHaveLength(1);
    expect(s.h.script.count('a')).toBe(1);
    expect(s.h.script.count('b')).toBe(2);
    expect(d.steps.find((st) => st.nodeId === 'a')?.output).toEqual(original.steps.find((st) => st.nodeId === 'a')?.output);
    expect(d.run.output).toEqual({ amount: 10, a: true, b: true, c: 1 });
  });

  it('from a node with edited input: that node gets the new input, earlier ones are reused', async () => {
    const s = setup();
    const original = await failedRun(s);
    s.state.failing = false;
    const d = await s.replay(original.run, 'b', { input: { amount: 99, fixed: true } });
    expect(d.run.status).toBe('succeeded');
    expect(d.steps.find((st) => st.nodeId === 'b')?.input).toEqual({ amount: 99, fixed: true });
    expect(d.run.output).toEqual({ amount: 99, fixed: true, b: true, c: 1 });
    expect(s.h.script.count('a')).toBe(1);
  });

  it('the whole run: every step executes again, with edited trigger input', async () => {
    const s = setup();
    const original = await failedRun(s);
    s.state.failing = false;
    const d = await s.replay(original.run, 'in', { input: { amount: 5 } });
    expect(d.run.status).toBe('succeeded');
    expect(d.run.input).toEqual({ amount: 5 });
    expect(d.steps.every((st) => !st.reused)).toBe(true);
    expect(attemptsOf(d, 'a')).toHaveLength(1);
    expect(s.h.script.count('a')).toBe(2);
    expect(d.run.output).toEqual({ amount: 5, a: true, b: true, c: 1 });
  });

  it('on the original version or the latest one', async () => {
    const s = setup();
    const original = await failedRun(s);
    s.state.failing = false;
    const onOriginal = await s.replay(original.run, 'b');
    const onLatest = await s.replay(original.run, 'b', { version: 2 });
    expect(onOriginal.run.flowVersion).toBe(1);
    expect(onOriginal.run.output).toMatchObject({ c: 1 });
    expect(onLatest.run.flowVersion).toBe(2);
    expect(onLatest.run.output).toMatchObject({ c: 2 });
    // Reuse works across versions too: `a` ran once in all three runs.
    expect(s.h.script.count('a')).toBe(1);
  });

  it('a replay of a replay keeps the chain root and reuses the replay it started from', async () => {
    const s = setup();
    const original = await failedRun(s);
    s.state.failing = false;
    const first = await s.replay(original.run, 'b');
    const second = await s.replay(first.run, 'c');
    expect(second.run).toMatchObject({ status: 'succeeded', replayOf: first.run.id, rootRunId: original.run.id });
    expect(s.h.script.count('b')).toBe(2);
    expect(s.h.script.count('c')).toBe(2);
  });
});
