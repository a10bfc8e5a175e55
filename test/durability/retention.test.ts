import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Engine } from '@ledgerflow/engine';
import type { FlowDocument } from '@ledgerflow/flow';
import { nodeResolver } from '@ledgerflow/nodes';
import { FlowRepository, migrate, openDatabase, SqlEngineStore } from '@ledgerflow/store';
import { stubServices } from '../../packages/engine/src/test-kit';
import { afterAll, expect, it } from 'vitest';
import { pruneRuns } from '../../apps/server/src/retention';
import { ROOT } from '../support/server';

const DAY = 86_400_000;
const dataDir = mkdtempSync(join(tmpdir(), 'lf-retention-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const flow: FlowDocument = {
  schema: 'ledgerflow/flow@1',
  id: 'kept',
  name: 'Kept',
  nodes: [
    { id: 'in', type: 'trigger', config: { kind: 'manual' } },
    { id: 'check', type: 'validate', config: { rules: [{ name: 'iban', assert: '$exists(iban)', message: 'iban is required' }] } },
    { id: 'ok', type: 'approve', config: {} },
  ],
  edges: [{ from: 'in', to: 'check' }, { from: 'check', port: 'valid', to: 'ok' }],
};

/** Runs `input` through the flow as if it were `daysAgo` days ago. */
async function runAt(db: ReturnType<typeof openDatabase>, daysAgo: number, input: unknown) {
  const at = Date.now() - daysAgo * DAY;
  const engine = new Engine({ store: new SqlEngineStore(db), nodes: nodeResolver(), services: stubServices(), clock: { now: () => at } });
  const run = await engine.startRun({ flowId: 'kept', flowVersion: 1, input, trigger: { kind: 'manual' } });
  await engine.tick();
  return run.id;
}

it('prune drops payloads of final runs older than N days and keeps their summaries', { timeout: 30_000 }, async () => {
  const db = openDatabase({ dataDir });
  await migrate(db);
  await new FlowRepository(db.kysely).save(flow, 'test', Date.now() - 100 * DAY);
  const oldFailed = await runAt(db, 40, { name: 'Ann' });
  const oldWaiting = await runAt(db, 40, { name: 'Bob', iban: 'NL91ABNA0417164300' });
  const recentFailed = await runAt(db, 5, { name: 'Cy' });
  const store = new SqlEngineStore(db);
  const before = await store.loadRun(oldFailed);
  expect(before?.run.status).toBe('failed');
  expect((await store.loadRun(oldWaiting))?.run.status).toBe('waiting');
  await db.close();

  const exec = promisify(execFile);
  const { stdout } = await exec(process.execPath, [join(ROOT, 'apps/server/bin/ledgerflow.mjs'), 'prune', '--days', '30', '--data-dir', dataDir], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent' } });
  expect(stdout).toContain('pruned 1 run(s)');

  const again = openDatabase({ dataDir });
  const after = await new SqlEngineStore(again).loadRun(oldFailed);
  expect(after?.run).toMatchObject({ status: 'failed', input: null, output: null, error: before?.run.error, createdAt: before?.run.createdAt, finishedAt: before?.run.finishedAt });
  expect(after?.run.prunedAt).toBeGreaterThan(Date.now() - 60_000);
  expect(after?.run.error?.message).toContain('iban is required');
  expect(after?.steps.map((s) => [s.nodeId, s.status, s.input, s.output])).toEqual([['in', 'succeeded', null, null], ['check', 'failed', null, null]]);
  expect(after?.steps[1]?.error).toEqual(before?.steps[1]?.error);
  expect(after?.attempts).toHaveLength(before?.attempts.length ?? -1);
  expect(after?.attempts.every((a) => a.logs.length === 0)).toBe(true);
  // An open run, however old, and a recent final run keep everything.
  expect((await new SqlEngineStore(again).loadRun(oldWaiting))?.run.input).toEqual({ name: 'Bob', iban: 'NL91ABNA0417164300' });
  expect((await new SqlEngineStore(again).loadRun(recentFailed))?.run.input).toEqual({ name: 'Cy' });

  // --days is honoured, and pruning twice changes nothing more.
  expect(await pruneRuns(again, { days: 3, now: Date.now() })).toMatchObject({ runs: 1 });
  expect((await new SqlEngineStore(again).loadRun(recentFailed))?.run.input).toBeNull();
  expect((await pruneRuns(again, { days: 3, now: Date.now() })).runs).toBe(0);
  await again.close();
});

it('refuses a bad --days', async () => {
  const exec = promisify(execFile);
  await expect(exec(process.execPath, [join(ROOT, 'apps/server/bin/ledgerflow.mjs'), 'prune', '--days', 'soon', '--data-dir', dataDir], { cwd: ROOT })).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--days must be a number') });
});
