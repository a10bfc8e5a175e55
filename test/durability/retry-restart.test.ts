import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, type NodeExecutor } from '@ledgerflow/engine';
import { retryable, type FlowDocument } from '@ledgerflow/flow';
import { nodeExecutors, nodeResolver } from '@ledgerflow/nodes';
import { FlowRepository, migrate, openDatabase, SqlEngineStore } from '@ledgerflow/store';
import { z } from 'zod';
import { stubServices } from '../../packages/engine/src/test-kit';
import { afterAll, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'lf-retry-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const TEN_MINUTES = 600_000;
const flow: FlowDocument = {
  schema: 'ledgerflow/flow@1',
  id: 'flaky',
  name: 'Flaky',
  nodes: [
    { id: 'in', type: 'trigger', config: { kind: 'manual' } },
    { id: 'call', type: 'flaky', config: {}, retry: { maxAttempts: 3, backoff: 'fixed', initialDelayMs: TEN_MINUTES, maxDelayMs: TEN_MINUTES, jitter: false } },
  ],
  edges: [{ from: 'in', to: 'call' }],
};

/** Fails the first call only; counts calls across "processes". */
let calls = 0;
const flaky: NodeExecutor = {
  type: 'flaky', version: 1, title: 'Flaky', description: 'fails once', icon: '!', configSchema: z.object({}), inputs: [{ name: 'in' }], outputs: () => [{ name: 'out' }],
  async run() {
    calls += 1;
    if (calls === 1) throw retryable('http_503', 'Odoo is restarting');
    return { port: 'out', data: { ok: true } };
  },
};

/** One "process": its own database handle, store and engine, with the clock the test sets. */
async function boot(now: number) {
  const db = openDatabase({ dataDir });
  await migrate(db);
  const engine = new Engine({ store: new SqlEngineStore(db), nodes: nodeResolver([...nodeExecutors, flaky]), services: stubServices(), clock: { now: () => now }, owner: `p-${now}` });
  return { db, engine, store: new SqlEngineStore(db) };
}

it('a retry due in 10 minutes survives a restart and runs exactly when due', async () => {
  const t0 = Date.UTC(2026, 4, 4, 12, 0, 0);
  const first = await boot(t0);
  await new FlowRepository(first.db.kysely).save(flow, 'test', t0);
  const run = await first.engine.startRun({ flowId: 'flaky', flowVersion: 1, input: {}, trigger: { kind: 'manual' } });
  await first.engine.tick();
  expect((await first.store.loadRun(run.id))?.steps[1]).toMatchObject({ status: 'ready', nextAttemptAt: t0 + TEN_MINUTES });
  await first.db.close();

  const early = await boot(t0 + 9 * 60_000);
  expect(await early.engine.tick()).toBe(0);
  expect(calls).toBe(1);
  await early.db.close();

  const due = await boot(t0 + TEN_MINUTES);
  expect(await due.engine.tick()).toBe(1);
  const detail = await due.store.loadRun(run.id);
  expect(detail?.run.status).toBe('succeeded');
  expect(calls).toBe(2);
  expect(detail?.attempts.filter((a) => a.stepId === detail.steps[1]?.id).map((a) => a.status).sort()).toEqual(['failed', 'succeeded']);
  await due.db.close();
});
