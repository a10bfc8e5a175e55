import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOdooClient, startFakeOdoo, type FakeOdoo, type OdooClient } from '@ledgerflow/odoo';
import { migrate, openDatabase, type Db } from '@ledgerflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connections } from '../../apps/server/src/connections';
import { SecretBox } from '../../apps/server/src/secrets';
import { schedulerOn, triggerFlow } from './harness';

describe('Odoo polling trigger against the fake Odoo', () => {
  let fake: FakeOdoo;
  let odoo: OdooClient;
  let db: Db;
  let dataDir: string;
  let connections: Connections;

  beforeAll(async () => {
    fake = await startFakeOdoo({ port: 0, version: 17 });
    odoo = createOdooClient({ url: fake.url, database: fake.database, login: fake.login, apiKey: fake.apiKey, protocol: 'jsonrpc' });
    dataDir = mkdtempSync(join(tmpdir(), 'lf-poll-'));
    db = openDatabase({ dataDir });
    await migrate(db);
    connections = new Connections(db.kysely, new SecretBox(randomBytes(32)));
    connections.addVirtual({ name: 'books', type: 'odoo', url: fake.url, database: fake.database, login: fake.login, apiKey: fake.apiKey, protocol: 'jsonrpc' });
  });
  afterAll(async () => {
    await db?.close();
    await fake?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const partner = async (name: string) => (await odoo.create('res.partner', { name, city: 'poll-test' }))[0] ?? 0;
  const poll = { kind: 'odoo-poll', connection: 'books', model: 'res.partner', domain: [['city', '=', 'poll-test']], fields: ['name'], cron: '*/10 * * * * *' };

  it('record mode: each record added or changed between polls reaches exactly one run', async () => {
    const h = schedulerOn(db, { connections });
    await h.runtime.flows.save(triggerFlow('partners', { ...poll, mode: 'record' }), 'test', 0);
    await h.setSchedule('partners', { cron: '*/10 * * * * *', timezone: 'UTC' }, Date.parse('2026-06-01T10:00:00Z'));
    await partner('Before the first poll');
    await h.tickAt('2026-06-01T10:00:10.100Z'); // first poll: starts from now, skips what exists
    expect(await h.runs('partners')).toHaveLength(0);

    const first = [await partner('Ann'), await partner('Bob'), await partner('Cem')];
    await h.tickAt('2026-06-01T10:00:20.100Z');
    const second = [await partner('Dee'), await partner('Eve')];
    await odoo.write('res.partner', [first[0] ?? 0], { name: 'Ann (renamed)' });
    await h.tickAt('2026-06-01T10:00:30.100Z');
    await h.tickAt('2026-06-01T10:00:40.100Z'); // nothing new

    const runs = await h.runs('partners');
    const inputs = runs.map((r) => r.input as { id: number; name: string });
    expect(inputs.map((r) => r.name).sort()).toEqual(['Ann', 'Ann (renamed)', 'Bob', 'Cem', 'Dee', 'Eve']);
    expect(new Set(inputs.map((r) => `${r.id}:${r.name}`)).size).toBe(6);
    expect([...first, ...second].every((id) => inputs.some((r) => r.id === id))).toBe(true);
    expect(runs.every((r) => r.kind === 'odoo-poll' && r.detail.model === 'res.partner')).toBe(true);
  });

  it('the cursor moves only when a run is accepted: a failed start is read again, nothing twice', async () => {
    const h = schedulerOn(db, { connections });
    await h.runtime.flows.save(triggerFlow('flaky', { ...poll, domain: [['city', '=', 'flaky']], mode: 'record', startFrom: 'beginning' }), 'test', 0);
    await h.setSchedule('flaky', { cron: '*/10 * * * * *', timezone: 'UTC' }, Date.parse('2026-06-01T11:00:00Z'));
    for (const name of ['F1', 'F2', 'F3']) await odoo.create('res.partner', { name, city: 'flaky' });
    h.faults.failStartRuns = 1; // the second record's run is refused…
    await h.tickAt('2026-06-01T11:00:10.100Z');
    expect(await h.runs('flaky')).toHaveLength(0);
    await h.tickAt('2026-06-01T11:00:20.100Z'); // …and comes again on the next poll
    const names = (await h.runs('flaky')).map((r) => (r.input as { name: string }).name).sort();
    expect(names).toEqual(['F1', 'F2', 'F3']);
  });

  it('batch mode: one run per batch of at most `limit` records', async () => {
    const h = schedulerOn(db, { connections });
    await h.runtime.flows.save(triggerFlow('batches', { ...poll, domain: [['city', '=', 'batch']], mode: 'batch', limit: 2, startFrom: 'beginning' }), 'test', 0);
    await h.setSchedule('batches', { cron: '*/10 * * * * *', timezone: 'UTC' }, Date.parse('2026-06-01T12:00:00Z'));
    for (const name of ['B1', 'B2', 'B3', 'B4', 'B5']) await odoo.create('res.partner', { name, city: 'batch' });
    await h.tickAt('2026-06-01T12:00:10.100Z');
    await h.tickAt('2026-06-01T12:00:20.100Z');
    const batches = (await h.runs('batches')).map((r) => (r.input as { records: Array<{ name: string }> }).records.map((x) => x.name));
    expect(batches.flat().sort()).toEqual(['B1', 'B2', 'B3', 'B4', 'B5']);
    expect(batches.map((b) => b.length).sort()).toEqual([1, 2, 2]);
  });
});
