import { FlowRepository, RunQueries, SqlEngineStore, type Db } from '@ledgerflow/store';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { eachDialect } from './dialects';
import { runRecord, stepRecord, tinyFlow } from './records';

const T = Date.UTC(2026, 2, 1, 8, 0, 0);

eachDialect('SqlEngineStore', (dialect) => {
  let handle: Awaited<ReturnType<typeof dialect.open>>;
  let db: Db;
  let store: SqlEngineStore;

  beforeAll(async () => {
    handle = await dialect.open();
    db = handle.db;
    store = new SqlEngineStore(db);
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => {
    for (const table of ['attempts', 'steps', 'runs', 'flow_versions', 'flows'] as const) await db.kysely.deleteFrom(table).execute();
  });

  async function queued(flowId = 'f', at = T, extra = {}) {
    const run = runRecord(flowId, at, extra);
    const step = stepRecord(run);
    await store.createRun(run, step);
    return { run, step };
  }

  it('two owners cannot hold one run; an expired lease can be taken over', async () => {
    const { run } = await queued();
    expect(await store.claimRun('a', T, 1000)).toBe(run.id);
    expect(await store.claimRun('b', T + 500, 1000)).toBeUndefined();
    expect(await store.claimRun('b', T + 1000, 1000)).toBeUndefined();
    // A renewed lease keeps others out for longer.
    expect(await store.renewLease(run.id, 'a', T + 3000)).toBe(true);
    expect(await store.renewLease(run.id, 'b', T + 9000)).toBe(false);
    expect(await store.claimRun('b', T + 2500, 1000)).toBeUndefined();
    expect(await store.claimRun('b', T + 3001, 1000)).toBe(run.id);
    // The old owner's lease is gone: it can neither renew nor commit.
    expect(await store.renewLease(run.id, 'a', T + 9000)).toBe(false);
    expect(await store.commit({ runId: run.id, owner: 'a', now: T + 3002, run: { status: 'running' } })).toBe(false);
    expect(await store.commit({ runId: run.id, owner: 'b', now: T + 3002, run: { status: 'running' } })).toBe(true);
  });

  it('many claimers at once get each run exactly once', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) ids.add((await queued('f', T + i)).run.id);
    const other = dialect.name === 'postgres' ? handle.reopen() : db;
    const stores = [store, new SqlEngineStore(other)];
    const claims = await Promise.all(Array.from({ length: 30 }, (_, i) => stores[i % 2]?.claimRun(`w${i}`, T + 100, 60_000)));
    const got = claims.filter((c): c is string => c !== undefined);
    expect(got.sort()).toEqual([...ids].sort());
    if (other !== db) await other.close();
  });

  it('orders claims by due time, then creation', async () => {
    const late = await queued('f', T + 50);
    const early = await queued('f', T + 10);
    expect(await store.claimRun('a', T + 100, 1000)).toBe(early.run.id);
    expect(await store.claimRun('a', T + 100, 1000)).toBe(late.run.id);
  });

  it('commits are guarded by the lease and by a final status', async () => {
    const { run, step } = await queued();
    expect(await store.commit({ runId: run.id, owner: 'a', now: T, run: { status: 'running' } })).toBe(false);
    await store.claimRun('a', T, 10_000);
    const ok = await store.commit({
      runId: run.id, owner: 'a', now: T + 1,
      run: { status: 'running', startedAt: T + 1 },
      steps: [{ id: step.id, patch: { status: 'running', attempts: 1, startedAt: T + 1 } }],
      newAttempt: { stepId: step.id, runId: run.id, number: 1, status: 'running', startedAt: T + 1, finishedAt: null, error: null, logs: [] },
    });
    expect(ok).toBe(true);
    const error = { class: 'NodeRunError', code: 'odoo_validation', message: 'Partner 42 is archived', retryable: false, nodeId: 'in' };
    expect(await store.commit({
      runId: run.id, owner: 'a', now: T + 2,
      run: { status: 'failed', error, finishedAt: T + 2 },
      steps: [{ id: step.id, patch: { status: 'failed', error, finishedAt: T + 2 } }],
      attempt: { stepId: step.id, number: 1, patch: { status: 'failed', finishedAt: T + 2, error, logs: [{ at: T + 2, level: 'info', message: 'tried' }] } },
    })).toBe(true);
    // Final: even the lease holder can change nothing more.
    expect(await store.commit({ runId: run.id, owner: 'a', now: T + 3, run: { status: 'succeeded' } })).toBe(false);
    const detail = await store.loadRun(run.id);
    expect(detail?.run).toMatchObject({ status: 'failed', error, startedAt: T + 1, finishedAt: T + 2 });
    expect(detail?.attempts).toEqual([{ stepId: step.id, runId: run.id, number: 1, status: 'failed', startedAt: T + 1, finishedAt: T + 2, error, logs: [{ at: T + 2, level: 'info', message: 'tried' }] }]);
    const row = await db.kysely.selectFrom('runs').select(['error_signature', 'next_due_at']).where('id', '=', run.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ error_signature: 'in|NodeRunError|Partner <n> is archived', next_due_at: null });
    await store.releaseRun(run.id, 'a');
    expect(await store.claimRun('b', T + 60_000, 1000)).toBeUndefined();
  });

  it('persists retry times: a run is due exactly when its next attempt is', async () => {
    const { run, step } = await queued();
    await store.claimRun('a', T, 10_000);
    const retryAt = T + 600_000;
    await store.commit({ runId: run.id, owner: 'a', now: T, steps: [{ id: step.id, patch: { status: 'ready', attempts: 1, nextAttemptAt: retryAt } }] });
    await store.releaseRun(run.id, 'a');
    expect(await store.claimRun('b', retryAt - 1, 1000)).toBeUndefined();
    expect(await store.claimRun('b', retryAt, 1000)).toBe(run.id);
    expect((await store.loadRun(run.id))?.steps[0]).toMatchObject({ status: 'ready', attempts: 1, nextAttemptAt: retryAt });
  });

  it('an interrupted step (left running) makes the run due as soon as the lease expires', async () => {
    const { run, step } = await queued();
    await store.claimRun('a', T, 1000);
    await store.commit({ runId: run.id, owner: 'a', now: T, steps: [{ id: step.id, patch: { status: 'running', attempts: 1, nextAttemptAt: null } }] });
    // Worker a dies: no release.
    expect(await store.claimRun('b', T + 999, 1000)).toBeUndefined();
    expect(await store.claimRun('b', T + 1001, 1000)).toBe(run.id);
  });

  it('a waiting run is due at its timeout and at once when resumed, once', async () => {
    const { run, step } = await queued();
    await store.claimRun('a', T, 10_000);
    await store.commit({ runId: run.id, owner: 'a', now: T, steps: [{ id: step.id, patch: { status: 'waiting', nextAttemptAt: T + 3_600_000 } }] });
    await store.releaseRun(run.id, 'a', 'waiting');
    expect((await store.loadRun(run.id))?.run.status).toBe('waiting');
    expect(await store.claimRun('b', T + 10, 1000)).toBeUndefined();
    expect(await store.resumeStep(run.id, step.id, { decision: 'approve', by: 'ann' }, T + 20)).toBe(true);
    expect(await store.resumeStep(run.id, step.id, { decision: 'reject', by: 'bob' }, T + 21)).toBe(false);
    expect((await store.loadRun(run.id))?.steps[0]).toMatchObject({ status: 'ready', resume: { decision: 'approve', by: 'ann' }, nextAttemptAt: T + 20 });
    expect(await store.claimRun('b', T + 30, 1000)).toBe(run.id);
  });

  it('cancelRun cancels an open run and its steps; a cancelled run is never claimed', async () => {
    const { run, step } = await queued();
    expect(await store.cancelRun(run.id, T + 5)).toBe(true);
    expect(await store.cancelRun(run.id, T + 6)).toBe(false);
    expect(await store.resumeStep(run.id, step.id, {}, T + 7)).toBe(false);
    expect(await store.claimRun('a', T + 100, 1000)).toBeUndefined();
    const detail = await store.loadRun(run.id);
    expect(detail?.run).toMatchObject({ status: 'cancelled', finishedAt: T + 5 });
    expect(detail?.steps[0]).toMatchObject({ status: 'cancelled', nextAttemptAt: null });
  });

  it('respects a flow concurrency limit of 1', async () => {
    const flows = new FlowRepository(db.kysely);
    await flows.save(tinyFlow('one', { concurrency: 1 }), 'test', T);
    const first = await queued('one', T);
    const second = await queued('one', T + 1);
    const free = await queued('free', T + 2);
    expect(await store.claimRun('a', T + 10, 5000)).toBe(first.run.id);
    // `one` is at its limit: the next claim passes over it to another flow.
    expect(await store.claimRun('b', T + 10, 5000)).toBe(free.run.id);
    expect(await store.claimRun('c', T + 10, 5000)).toBeUndefined();
    await store.releaseRun(first.run.id, 'a');
    await store.cancelRun(first.run.id, T + 11);
    expect(await store.claimRun('c', T + 12, 5000)).toBe(second.run.id);
  });

  it('versions flows by content: same content, no new version', async () => {
    const flows = new FlowRepository(db.kysely);
    const a = await flows.save(tinyFlow('v'), 'ann', T);
    const same = await flows.save(tinyFlow('v'), 'bob', T + 1);
    expect(a).toMatchObject({ version: 1, changed: true });
    expect(same).toEqual({ version: 1, hash: a.hash, changed: false });
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    const b = await flows.save({ ...tinyFlow('v'), name: 'renamed' }, 'bob', T + 2);
    expect(b).toMatchObject({ version: 2, changed: true });
    expect(b.hash).not.toBe(a.hash);
    expect((await flows.versions('v')).map((v) => [v.version, v.hash, v.createdBy])).toEqual([[2, b.hash, 'bob'], [1, a.hash, 'ann']]);
    expect((await flows.get('v', 1))?.document.name).toBe('v');
    expect((await flows.get('v'))?.document.name).toBe('renamed');
    expect((await store.flowVersion('v', 2))?.name).toBe('renamed');
    expect(await flows.list()).toEqual([{ id: 'v', name: 'renamed', version: 2, hash: b.hash, updatedAt: T + 2 }]);
  });

  it('pages run history newest first with a keyset cursor and filters', async () => {
    const runs = new RunQueries(db.kysely);
    const made = [];
    for (let i = 0; i < 7; i++) made.push((await queued(i % 2 === 0 ? 'even' : 'odd', T + Math.floor(i / 2) * 1000, { businessKey: `BK-${i}` })).run);
    // Two runs share each created_at: the id breaks the tie, and no page repeats or skips one.
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const result = await runs.list({ limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...result.items.map((r) => r.id));
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    const expected = [...made].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1)).map((r) => r.id);
    expect(seen).toEqual(expected);
    expect((await runs.list({ limit: 10, flowId: 'odd' })).items.map((r) => r.businessKey)).toEqual(['BK-5', 'BK-3', 'BK-1']);
    expect((await runs.list({ limit: 10, from: T + 1000, to: T + 3000 })).items).toHaveLength(4);
    expect((await runs.list({ limit: 10, q: 'BK-4' })).items.map((r) => r.id)).toEqual([made[4]?.id]);
    await store.cancelRun(made[2]?.id ?? '', T);
    expect((await runs.list({ limit: 10, status: 'cancelled' })).items.map((r) => r.id)).toEqual([made[2]?.id]);
    expect(await runs.counts()).toEqual({ queued: 6, cancelled: 1 });
  });
});
