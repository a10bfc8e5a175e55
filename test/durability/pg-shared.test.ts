import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOdoo, type FakeOdoo } from '@ledgerflow/odoo';
import { afterAll, expect, it } from 'vitest';
import { billFlow } from '../foundation/flows';
import { startChildServer, type ChildServer } from '../support/server';
import { createPgDatabase, onPostgres } from '../store/dialects';

// Two server processes on one PostgreSQL database share 200 runs; each run executes exactly once.
const RUNS = 200;

onPostgres('two server processes on one database', () => {
  let odoo: FakeOdoo | undefined;
  const servers: ChildServer[] = [];
  let database: Awaited<ReturnType<typeof createPgDatabase>> | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'lf-pg-shared-'));

  afterAll(async () => {
    for (const s of servers) await s.stop('SIGTERM');
    await odoo?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`share ${RUNS} runs through row leases, each executed once`, { timeout: 150_000 }, async () => {
    const began = Date.now();
    database = await createPgDatabase();
    odoo = await startFakeOdoo({ port: 0, version: 17 });
    odoo.faults.set({ latencyMs: 10 });
    // One data dir for both: they share its sealed-secrets key, as replicas share LEDGERFLOW_SECRET_KEY.
    const env = { DATABASE_URL: database.url, LEDGERFLOW_SANDBOX: '0', LEDGERFLOW_WORKERS: '4' };
    servers.push(await startChildServer({ dataDir, env }));
    servers.push(await startChildServer({ dataDir, env }));
    const [a, b] = servers;
    if (!a || !b) throw new Error('servers did not start');
    const token = await a.login();
    expect((await a.api('/api/connections', { token, body: { name: 'shared', type: 'odoo', url: odoo.url, database: odoo.database, login: odoo.login, apiKey: odoo.apiKey, protocol: 'jsonrpc' } })).status).toBe(201);
    expect((await a.api('/api/flows', { token, body: billFlow('shared', 'shared') })).status).toBe(201);

    const started = Date.now();
    const ids = await Promise.all(
      Array.from({ length: RUNS }, async (_, i) => {
        const res = await (i % 2 === 0 ? a : b).api('/hooks/shared-in', { body: { ref: `PG-${i}`, partner: 2, amount: i + 1 } });
        expect(res.status).toBe(202);
        return String(res.body.runId);
      }),
    );
    const deadline = Date.now() + 90_000;
    let items: Array<{ id: string; status: string }> = [];
    for (;;) {
      items = (await b.api('/api/runs?flowId=shared&limit=500', { token })).body.items;
      if (items.length === RUNS && items.every((r) => r.status === 'succeeded' || r.status === 'failed')) break;
      if (Date.now() > deadline) throw new Error(`runs did not finish: ${JSON.stringify(items.filter((r) => r.status !== 'succeeded').slice(0, 3))}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const drained = Date.now();
    expect(items.every((r) => r.status === 'succeeded')).toBe(true);
    expect(new Set(ids).size).toBe(RUNS);

    // Exactly once: one attempt per step, one create per ref in Odoo.
    for (const id of ids) {
      const run = (await a.api(`/api/runs/${id}`, { token })).body;
      for (const step of run.steps) expect(step.attempts).toHaveLength(1);
    }
    const creates = odoo.callLog.filter((c) => c.model === 'account.move' && c.method === 'create');
    expect(creates).toHaveLength(RUNS);
    const bills = odoo.records('account.move').filter((m) => String(m.ref).startsWith('PG-'));
    expect(new Set(bills.map((m) => m.ref)).size).toBe(RUNS);
    expect(bills).toHaveLength(RUNS);
    console.log(`pg shared: ${RUNS} runs on 2 processes in ${drained - started} ms (${((RUNS * 1000) / (drained - started)).toFixed(0)} runs/s); whole test ${Date.now() - began} ms`);
  });
});
