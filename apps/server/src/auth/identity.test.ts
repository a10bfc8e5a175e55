import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase, type Db } from '@ledgerflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Identity, SESSION_MS } from './identity';
import { hashPassword } from './passwords';

let db: Db;
let identity: Identity;

beforeAll(async () => {
  db = openDatabase({ databaseUrl: undefined, dataDir: mkdtempSync(join(tmpdir(), 'lf-identity-')) });
  await migrate(db);
  identity = new Identity(db.kysely);
  await identity.createUser('ada', await hashPassword('ada-password-1'), ['designer'], false, 0);
});
afterAll(async () => db?.close());

describe('Identity', () => {
  it('ends a session when it expires', async () => {
    const session = await identity.login('ada', 'ada-password-1', 1000);
    expect(session).toBeDefined();
    expect(await identity.resolve(session?.token ?? '', 1000 + SESSION_MS - 1)).toMatchObject({ name: 'ada', roles: ['designer'], kind: 'session' });
    expect(await identity.resolve(session?.token ?? '', 1000 + SESSION_MS)).toBeUndefined();
  });

  it('stores only a hash of the session token', async () => {
    const session = await identity.login('ada', 'ada-password-1', 5000);
    const rows = await db.kysely.selectFrom('sessions').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(session?.token);
  });

  it('a password change ends the other sessions but keeps the one that made it', async () => {
    const a = await identity.login('ada', 'ada-password-1', 10_000);
    const b = await identity.login('ada', 'ada-password-1', 10_000);
    await identity.setPassword('ada', await hashPassword('ada-password-2'), a?.token);
    expect(await identity.resolve(a?.token ?? '', 10_001)).toBeDefined();
    expect(await identity.resolve(b?.token ?? '', 10_001)).toBeUndefined();
    expect(await identity.checkPassword('ada', 'ada-password-1')).toBe(false);
    expect(await identity.checkPassword('ada', 'ada-password-2')).toBe(true);
  });

  it('grants nothing when the stored roles are not a list of names', async () => {
    await db.kysely.updateTable('users').set({ roles: '{"admin":true}' }).where('username', '=', 'ada').execute();
    const session = await identity.login('ada', 'ada-password-2', 20_000);
    expect((await identity.resolve(session?.token ?? '', 20_001))?.roles).toEqual([]);
  });
});
