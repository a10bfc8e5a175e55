import { join } from 'node:path';
import { migrate, openDatabase } from '@ledgerflow/store';
import { seedSqlite } from './seed-runs';
import { tempDir } from './support/processes';
import SQLite from 'better-sqlite3';
const dir = tempDir('h');
const db = openDatabase({ dataDir: dir }); await migrate(db); await db.close();
const r = seedSqlite(join(dir, 'ledgerflow.db'), { runs: 1_000_000, stepsPerRun: 2, startAt: Date.now() - 5e8 });
console.log(r, dir);
const s = new SQLite(join(dir, 'ledgerflow.db'));
const at = Date.now() - 5e8 + 250000 * 1000;
for (const q of [
 `explain query plan select * from runs where (created_at < ${at} or (created_at = ${at} and id < 'seed-000500000')) order by created_at desc, id desc limit 51`,
 `explain query plan select * from runs where created_at <= ${at} and (created_at < ${at} or (created_at = ${at} and id < 'seed-000500000')) order by created_at desc, id desc limit 51`,
 `explain query plan select * from runs where (created_at, id) < (${at}, 'seed-000500000') order by created_at desc, id desc limit 51`,
 `explain query plan select * from runs where status = 'failed' and (created_at < ${at} or (created_at = ${at} and id < 'seed-000500000')) order by created_at desc, id desc limit 51`,
]) console.log(s.prepare(q).all());
for (const q of [
 `select * from runs where (created_at < ${at} or (created_at = ${at} and id < 'seed-000500000')) order by created_at desc, id desc limit 51`,
 `select * from runs where created_at <= ${at} and (created_at < ${at} or (created_at = ${at} and id < 'seed-000500000')) order by created_at desc, id desc limit 51`,
 `select * from runs where status = 'failed' and created_at <= ${at} and (created_at < ${at} or (created_at = ${at} and id < 'seed-000500000')) order by created_at desc, id desc limit 51`,
 `select * from runs where status = 'failed' and (created_at < ${at} or (created_at = ${at} and id < 'seed-000500000')) order by created_at desc, id desc limit 51`,
]) { const t = performance.now(); for (let i = 0; i < 5; i++) s.prepare(q).all(); console.log(((performance.now() - t) / 5).toFixed(2), 'ms'); }
