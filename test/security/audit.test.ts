/**
 * Every change and decision writes an audit entry; `ledgerflow audit verify`
 * finds an entry altered or removed with SQL and names it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../apps/server/src/audit';
import { startInProcess, type InProcessServer } from '../support/in-process';
import { ROOT } from '../support/server';
import { USER_PASSWORD } from './actors';

let server: InProcessServer;
let closed = false;

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'apps/server/bin/ledgerflow.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const flow = {
  schema: 'ledgerflow/flow@1',
  id: 'audited',
  name: 'Audited',
  nodes: [
    { id: 'in', type: 'trigger', config: { kind: 'schedule', cron: '0 9 * * 1', timezone: 'Europe/Brussels' } },
    { id: 'ok', type: 'approve', config: { approvers: { role: 'approver' } } },
    { id: 'done', type: 'map', config: { expression: '{ "ok": true }' } },
  ],
  edges: [{ from: 'in', to: 'ok' }, { from: 'ok', port: 'approved', to: 'done' }],
};

async function pendingApproval(runId: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const { body } = await server.api('/api/approvals?status=pending');
    const found = body.items.find((a: { runId: string }) => a.runId === runId);
    if (found) return found.id;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no approval for run ${runId}`);
}

beforeAll(async () => {
  server = await startInProcess();
}, 60_000);
afterAll(async () => {
  if (!closed) await server?.close();
});

describe('audit log', () => {
  it('records logins, user, token, connection, flow, schedule, approval, replay and cancel actions', async () => {
    expect((await server.api('/api/users', { body: { username: 'aud-approver', password: USER_PASSWORD, roles: ['approver'] } })).status).toBe(201);
    expect((await server.api('/api/users/aud-approver', { method: 'PUT', body: { roles: ['approver', 'viewer'] } })).status).toBe(200);
    const token = await server.api('/api/tokens', { body: { name: 'aud-token', roles: ['viewer'] } });
    expect((await server.api(`/api/tokens/${token.body.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await server.api('/api/connections', { body: { name: 'aud-odoo', type: 'odoo', url: 'http://127.0.0.1:1', database: 'd', login: 'l', apiKey: 'aud-secret-key' } })).status).toBeLessThan(300);
    expect((await server.api('/api/flows', { body: flow })).status).toBe(201);
    expect((await server.api('/api/flows/audited/publish', { body: {} })).status).toBe(200);
    expect((await server.api('/api/flows/audited/schedule', { method: 'PUT', body: { cron: '0 10 * * 1', timezone: 'Europe/Brussels', active: false } })).status).toBe(200);

    const approver = (await server.api('/api/auth/login', { body: { username: 'aud-approver', password: USER_PASSWORD }, token: null })).body.token;
    const first = await server.api('/api/flows/audited/runs', { body: { input: { n: 1 } } });
    const approval = await pendingApproval(first.body.id);
    expect((await server.api(`/api/approvals/${approval}/decision`, { body: { decision: 'approve', comment: 'fine' }, token: approver })).status).toBe(200);
    expect((await server.waitForRun(first.body.id)).status).toBe('succeeded');
    const replay = await server.api(`/api/runs/${first.body.id}/replay`, { body: {} });
    expect(replay.status).toBe(202);
    await pendingApproval(replay.body.id);
    expect((await server.api(`/api/runs/${replay.body.id}/cancel`, { body: {} })).status).toBeLessThan(300);
    expect((await server.api('/api/auth/logout', { body: {}, token: approver })).status).toBe(200);

    const { body } = await server.api('/api/audit?limit=1000');
    const actions = body.items.map((e: { action: string }) => e.action);
    for (const action of ['auth.login', 'user.create', 'user.update', 'token.create', 'token.revoke', 'connection.create', 'flow.save', 'flow.publish', 'schedule.change', 'approval.decide', 'run.replay', 'run.cancel', 'auth.logout']) {
      expect(actions, action).toContain(action);
    }
    const decided = body.items.find((e: { action: string }) => e.action === 'approval.decide');
    expect(decided.actor).toBe('aud-approver');
    expect(JSON.stringify(body)).not.toContain('aud-secret-key');
    expect(JSON.stringify(body)).not.toContain(USER_PASSWORD);

    const filtered = await server.api('/api/audit?action=user.update&actor=admin');
    expect(filtered.body.items).toHaveLength(1);
    expect(filtered.body.items[0]).toMatchObject({ target: 'user:aud-approver', detail: { before: { roles: ['approver'] }, after: { roles: ['approver', 'viewer'] } } });
    expect((await new AuditLog(server.db.kysely).verify()).ok).toBe(true);
  }, 30_000);

  it('`audit verify` passes on the untouched log and names an entry changed with SQL', async () => {
    const target = (await server.api('/api/audit?action=user.create')).body.items[0].seq;
    await server.close();
    closed = true;
    const intact = cli('audit', 'verify', '--data-dir', server.dataDir);
    expect(intact.output).toMatch(/audit log intact: \d+ entries/);
    expect(intact.status).toBe(0);

    const { openDatabase } = await import('@ledgerflow/store');
    const db = openDatabase({ dataDir: server.dataDir });
    await sql`update audit_log set detail = ${JSON.stringify({ roles: ['admin'] })} where seq = ${target}`.execute(db.kysely);
    await db.close();
    const broken = cli('audit', 'verify', '--data-dir', server.dataDir);
    expect(broken.status).toBe(1);
    expect(broken.output).toContain(`entry ${target} was altered (user.create by admin)`);
  }, 30_000);

  it('names an entry deleted in the middle and entries cut from the end', async () => {
    const { openDatabase, migrate } = await import('@ledgerflow/store');
    const db = openDatabase({ dataDir: server.dataDir });
    await migrate(db);
    const log = new AuditLog(db.kysely);
    await sql`update audit_log set detail = ${JSON.stringify({ roles: ['approver'], mustChangePassword: false })} where action = 'user.create'`.execute(db.kysely);
    expect(await log.verify()).toMatchObject({ ok: true });
    const last = await db.kysely.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    await db.kysely.deleteFrom('audit_log').where('seq', '=', last.seq).execute();
    expect(await log.verify()).toEqual({ ok: false, seq: last.seq, problem: `entries ${last.seq} to ${last.seq} were removed from the end` });
    await db.kysely.deleteFrom('audit_log').where('seq', '=', 3).execute();
    expect(await log.verify()).toEqual({ ok: false, seq: 3, problem: 'entry 3 is missing' });
    await db.close();
  });
});
