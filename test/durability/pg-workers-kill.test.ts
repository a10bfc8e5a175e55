import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOdoo, type FakeOdoo } from '@ledgerflow/odoo';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { billFlow } from '../foundation/flows';
import { startChildServer, type ChildServer } from '../support/server';
import { createPgDatabase, onPostgres } from '../store/dialects';

// Scale-out on PostgreSQL: one API process and four workers share 1,000 runs; one worker
// is killed with SIGKILL mid-way. Its leases expire, the others take its runs over, and
// every bill reaches Odoo exactly once.
const RUNS = 1000;

onPostgres('four workers on one database, one killed', () => {
  let odoo: FakeOdoo | undefined;
  const servers: ChildServer[] = [];
  let database: Awaited<ReturnType<typeof createPgDatabase>> | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'lf-pg-kill-'));

  afterAll(async () => {
    for (const s of servers) await s.stop('SIGTERM');
    await odoo?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`runs ${RUNS} bills exactly once though a worker dies`, { timeout: 300_000 }, async () => {
    database = await createPgDatabase();
    odoo = await startFakeOdoo({ port: 0, version: 17 });
    odoo.faults.set({ latencyMs: 5 });
    const env = { DATABASE_URL: database.url, LEDGERFLOW_SANDBOX: '0', LEDGERFLOW_WORKERS: '4', LEDGERFLOW_LEASE_MS: '2000' };
    const api = await startChildServer({ dataDir, env, args: ['--role', 'api'] });
    servers.push(api);
    const workers = await Promise.all([0, 1, 2, 3].map(() => startChildServer({ dataDir, env, args: ['--role', 'worker'] })));
    servers.push(...workers);
    const token = await api.login();
    expect((await api.api('/api/connections', { token, body: { name: 'pg', type: 'odoo', url: odoo.url, database: odoo.database, login: odoo.login, apiKey: odoo.apiKey, protocol: 'jsonrpc' } })).status).toBe(201);
    expect((await api.api('/api/flows', { token, body: billFlow('scaled', 'pg') })).status).toBe(201);

    const ids: string[] = [];
    for (let i = 0; i < RUNS; i += 50) {
      const batch = await Promise.all(Array.from({ length: 50 }, (_, k) => api.api('/hooks/scaled-in', { body: { ref: `SCALE-${i + k}`, partner: 2, amount: 1 } })));
      ids.push(...batch.map((r) => String(r.body.runId)));
    }
    // Kill one worker once a good part of the work is under way.
    const victim = workers[1];
    if (!victim) throw new Error('no worker');
    for (;;) {
      const done = (await api.api('/api/runs?flowId=scaled&status=succeeded&limit=500', { token })).body.items.length;
      if (done >= 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await victim.stop('SIGKILL');

    const deadline = Date.now() + 240_000;
    for (;;) {
      const open = await Promise.all(['queued', 'running', 'waiting'].map(async (status) => (await api.api(`/api/runs?flowId=scaled&status=${status}&limit=1`, { token })).body.items.length));
      if (open.every((n) => n === 0)) break;
      if (Date.now() > deadline) throw new Error('runs did not finish');
      await new Promise((r) => setTimeout(r, 500));
    }
    const failed = (await api.api('/api/runs?flowId=scaled&status=failed&limit=10', { token })).body.items;
    expect(failed).toEqual([]);

    const bills = odoo.records('account.move').filter((m) => String(m.ref).startsWith('SCALE-'));
    expect(bills).toHaveLength(RUNS);
    expect(new Set(bills.map((b) => b.ref)).size).toBe(RUNS);

    // No step ran in two processes at once: a step's attempts never overlap in time.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ step_id: string; number: number; status: string; started_at: string; finished_at: string | null }>(
      "select a.step_id, a.number, a.status, a.started_at, a.finished_at from attempts a join runs r on r.id = a.run_id where r.flow_id = 'scaled' order by a.step_id, a.number",
    );
    const runStatuses = await client.query<{ status: string; n: string }>("select status, count(*) as n from runs where flow_id = 'scaled' group by status");
    await client.end();
    expect(runStatuses.rows.map((r) => [r.status, Number(r.n)])).toEqual([['succeeded', RUNS]]);
    let interrupted = 0;
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k];
      const prev = rows[k - 1];
      if (row?.status === 'interrupted') interrupted += 1;
      if (row && prev && prev.step_id === row.step_id) expect(Number(row.started_at)).toBeGreaterThanOrEqual(Number(prev.finished_at ?? Number.POSITIVE_INFINITY));
    }
    expect(new Set(ids).size).toBe(RUNS);
    console.log(`pg workers: ${RUNS} runs, 4 workers, one killed; ${interrupted} interrupted attempts taken over`);
  });
});
