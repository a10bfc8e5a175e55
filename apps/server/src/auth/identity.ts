import type { Kysely } from 'kysely';
import type { Database } from '@ledgerflow/store';
import { newToken, tokenHash, verifyPassword } from './passwords';

/** Who is calling: a user through a session or bearer token, or a machine token. */
export interface Caller {
  name: string;
  roles: string[];
  kind: 'session' | 'token';
  /** Set for cookie sessions: the value the x-csrf-token header must carry. */
  csrf?: string;
}

const SESSION_MS = 12 * 60 * 60 * 1000;

/** Users, sessions and API tokens in the store. */
export class Identity {
  constructor(private readonly db: Kysely<Database>) {}

  /** Checks a password and opens a session; undefined when refused. */
  async login(username: string, password: string, now: number): Promise<{ token: string; csrf: string; user: { username: string; roles: string[]; mustChangePassword: boolean } } | undefined> {
    const user = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    if (!user || user.disabled === 1 || !(await verifyPassword(password, user.password_hash))) return undefined;
    const token = newToken('lfs');
    const csrf = newToken('csrf');
    await this.db.insertInto('sessions').values({ token_hash: tokenHash(token), username, csrf, created_at: now, expires_at: now + SESSION_MS }).execute();
    return { token, csrf, user: { username, roles: JSON.parse(user.roles), mustChangePassword: user.must_change_password === 1 } };
  }

  async logout(token: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
  }

  /** Resolves a bearer or cookie token to its caller. */
  async resolve(token: string, now: number): Promise<Caller | undefined> {
    const hash = tokenHash(token);
    if (token.startsWith('lfs_')) {
      const row = await this.db
        .selectFrom('sessions')
        .innerJoin('users', 'users.username', 'sessions.username')
        .select(['users.username', 'users.roles', 'users.disabled', 'sessions.csrf', 'sessions.expires_at'])
        .where('sessions.token_hash', '=', hash)
        .executeTakeFirst();
      if (!row || row.expires_at < now || row.disabled === 1) return undefined;
      return { name: row.username, roles: JSON.parse(row.roles), kind: 'session', csrf: row.csrf };
    }
    const row = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
    if (!row || row.revoked_at !== null) return undefined;
    await this.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
    return { name: `token:${row.name}`, roles: JSON.parse(row.roles), kind: 'token' };
  }

  async setPassword(username: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: passwordHash, must_change_password: 0 }).where('username', '=', username).execute();
    await this.db.deleteFrom('sessions').where('username', '=', username).execute();
  }

  async userExists(username: string): Promise<boolean> {
    return (await this.db.selectFrom('users').select('username').where('username', '=', username).executeTakeFirst()) !== undefined;
  }

  async createUser(username: string, passwordHash: string, roles: readonly string[], mustChangePassword: boolean, now: number): Promise<void> {
    await this.db.insertInto('users').values({ username, password_hash: passwordHash, roles: JSON.stringify(roles), must_change_password: mustChangePassword ? 1 : 0, disabled: 0, created_at: now }).execute();
  }

  async users(): Promise<Array<{ username: string; roles: string[]; disabled: boolean; mustChangePassword: boolean; createdAt: number }>> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('username').execute();
    return rows.map((r) => ({ username: r.username, roles: JSON.parse(r.roles), disabled: r.disabled === 1, mustChangePassword: r.must_change_password === 1, createdAt: r.created_at }));
  }

  async createToken(id: string, name: string, hash: string, roles: readonly string[], by: string, now: number): Promise<void> {
    await this.db.insertInto('api_tokens').values({ id, name, token_hash: hash, roles: JSON.stringify(roles), created_by: by, created_at: now, last_used_at: null, revoked_at: null }).execute();
  }

  async tokens(): Promise<Array<{ id: string; name: string; roles: string[]; createdBy: string; createdAt: number; lastUsedAt: number | null; revokedAt: number | null }>> {
    const rows = await this.db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, roles: JSON.parse(r.roles), createdBy: r.created_by, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
  }

  async revokeToken(id: string, now: number): Promise<boolean> {
    const result = await this.db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
