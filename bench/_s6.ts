import SQLite from 'better-sqlite3';
import { join } from 'node:path';
const s = new SQLite(join(process.argv[2]!, 'ledgerflow.db'));
for (const q of [`select * from runs where (created_at < ? or (created_at = ? and id < ?)) order by created_at desc, id desc limit 51`,
 `select * from runs where status = ? and (created_at < ? or (created_at = ? and id < ?)) order by created_at desc, id desc limit 51`,
 `select * from runs where created_at <= ? and (created_at < ? or (created_at = ? and id < ?)) order by created_at desc, id desc limit 51`,
 `select * from runs where flow_id = ? and status = ? and created_at <= ? and (created_at < ? or (created_at = ? and id < ?)) order by created_at desc, id desc limit 51`]) {
  const n = (q.match(/\?/g) ?? []).length;
  console.log(s.prepare('explain query plan ' + q).all(...Array(n).fill(1)).map((r: any) => r.detail));
}
