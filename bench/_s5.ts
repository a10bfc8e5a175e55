import { openDatabase, RunQueries } from '@ledgerflow/store';
import SQLite from 'better-sqlite3';
import { join } from 'node:path';
import { seededRun } from './seed-runs';
const dir = process.argv[2]!;
const s = new SQLite(join(dir, 'ledgerflow.db'));
const first = s.prepare('select min(created_at) as m from runs').get() as { m: number };
const startAt = first.m;
const runs = 1_000_000;
const deep = (i: number) => { const r = seededRun(Math.floor(runs / 2 - ((i * 104_729) % Math.floor(runs / 2))), { startAt }); return r; };
const stmt = s.prepare(`select * from runs where (created_at < ? or (created_at = ? and id < ?)) order by created_at desc, id desc limit 51`);
let t = performance.now();
for (let i = 0; i < 50; i++) { const r = deep(i); stmt.all(r.createdAt, r.createdAt, r.id); }
console.log('raw varying', (performance.now() - t) / 50);
const db = openDatabase({ dataDir: dir });
const q = new RunQueries(db.kysely);
t = performance.now();
for (let i = 50; i < 100; i++) { const r = deep(i); const p = await q.list({ limit: 50, cursor: Buffer.from(`${r.createdAt}:${r.id}`).toString('base64url') }); if (i === 50) console.log(p.items[0]?.id, r.id); }
console.log('kysely varying', (performance.now() - t) / 50);
const stmt2 = s.prepare(`select * from runs where created_at <= ? and (created_at < ? or (created_at = ? and id < ?)) order by created_at desc, id desc limit 51`);
t = performance.now();
for (let i = 100; i < 150; i++) { const r = deep(i); stmt2.all(r.createdAt, r.createdAt, r.createdAt, r.id); }
console.log('raw <= varying', (performance.now() - t) / 50);
console.log(s.prepare(`explain query plan select * from runs where (created_at < ? or (created_at = ? and id < ?)) order by created_at desc, id desc limit 51`).all());
