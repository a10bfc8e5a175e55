import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '@ledgerflow/store';
import { hashPassword, newToken, tokenHash, verifyPassword } from './passwords';

/** Who is calling: a user through a session or bearer token, or a machine token. */
export interface Caller {
  name: string;
  roles: string[];
  kind: 'session' | 'token';
  /** Set for cookie sessions: the value the x-csrf-token header must carry. */
  csrf?: string;
  /** A user with a one-time password may only change it (or log out) until they do. */
  mustChangePassword?: boolean;
  /** How the credential arrived; only cookies need the CSRF header. */
  via?: 'cookie' | 'bearer';
}

export interface UserView {
  username: string;
  roles: string[];
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: number;
}

/** Absolute session lifetime: a stolen cookie stops working the same day. */
export const SESSION_MS = 12 * 60 * 60 * 1000;

const rolesColumn = z.array(z.string());
/** Roles are stored as a JSON array; anything else grants nothing. */
function parseRoles(stored: string): string[] {
  try {
    const parsed = rolesColumn.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

// Checked against when the user does not exist, so a wrong username costs as long as a wrong password.
let decoy: Promise<string> | undefined;

/** Users, sessions and API tokens in the store. */
export class Identity {
  constructor(private readonly db: Kysely<Database>) {}

  /** Whether `password` is the password of an enabled user. */
  async checkPassword(username: string, password: string): Promise<boolean> {
    const user = await this.db.selectFrom('users').select(['password_hash', 'disabled']).where('username', '=', username).executeTakeFirst();
    if (!user) {
      await verifyPassword(password, await (decoy ??= hashPassword('decoy-password')));
      return false;
    }
    const ok = await verifyPassword(password, user.password_hash);
    return ok && user.disabled !== 1;
  }

  /** Checks a password and opens a session; undefined when refused. */
  async login(username: string, password: string, now: number): Promise<{ token: string; csrf: string; user: { username: string; roles: string[]; mustChangePassword: boolean } } | undefined> {
    if (!(await this.checkPassword(username, password))) return undefined;
    const user = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
    const token = newToken('lfs');
    const csrf = newToken('csrf');
    await this.db.deleteFrom('sessions').where('expires_at', '<', now).execute();
    await this.db.insertInto('sessions').values({ token_hash: tokenHash(token), username, csrf, created_at: now, expires_at: now + SESSION_MS }).execute();
    return { token, csrf, user: { username, roles: parseRoles(user.roles), mustChangePassword: user.must_change_password === 1 } };
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
        .select(['users.username', 'users.roles', 'users.disabled', 'users.must_change_password', 'sessions.csrf', 'sessions.expires_at'])
        .where('sessions.token_hash', '=', hash)
        .executeTakeFirst();
      if (!row || row.expires_at <= now || row.disabled === 1) return undefined;
      return { name: row.username, roles: parseRoles(row.roles), kind: 'session', csrf: row.csrf, mustChangePassword: row.must_change_password === 1 };
    }
    const row = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
    if (!row || row.revoked_at !== null) return undefined;
    await this.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
    return { name: `token:${row.name}`, roles: parseRoles(row.roles), kind: 'token' };
  }

  /** Sets a new password; every other session of the user ends. */
  async setPassword(username: string, passwordHash: string, keepSession?: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: passwordHash, must_change_password: 0 }).where('username', '=', username).execute();
    let others = this.db.deleteFrom('sessions').where('username', '=', username);
    if (keepSession) others = others.where('token_hash', '!=', tokenHash(keepSession));
    await others.execute();
  }

  async userExists(username: string): Promise<boolean> {
    return (await this.db.selectFrom('users').select('username').where('username', '=', username).executeTakeFirst()) !== undefined;
  }

  async createUser(username: string, passwordHash: string, roles: readonly string[], mustChangePassword: boolean, now: number): Promise<void> {
    await this.db.insertInto('users').values({ username, password_hash: passwordHash, roles: JSON.stringify(roles), must_change_password: mustChangePassword ? 1 : 0, disabled: 0, created_at: now }).execute();
  }

  async user(username: string): Promise<UserView | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return row ? { username: row.username, roles: parseRoles(row.roles), disabled: row.disabled === 1, mustChangePassword: row.must_change_password === 1, createdAt: row.created_at } : undefined;
  }

  async users(): Promise<UserView[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('username').execute();
    return rows.map((r) => ({ username: r.username, roles: parseRoles(r.roles), disabled: r.disabled === 1, mustChangePassword: r.must_change_password === 1, createdAt: r.created_at }));
  }

  /** Changes roles or the disabled flag; disabling ends the user's sessions at once. */
  async updateUser(username: string, change: { roles?: readonly string[]; disabled?: boolean }): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ ...(change.roles ? { roles: JSON.stringify(change.roles) } : {}), ...(change.disabled === undefined ? {} : { disabled: change.disabled ? 1 : 0 }) })
      .where('username', '=', username)
      .execute();
    if (change.disabled) await this.db.deleteFrom('sessions').where('username', '=', username).execute();
  }

  async createToken(id: string, name: string, hash: string, roles: readonly string[], by: string, now: number): Promise<void> {
    await this.db.insertInto('api_tokens').values({ id, name, token_hash: hash, roles: JSON.stringify(roles), created_by: by, created_at: now, last_used_at: null, revoked_at: null }).execute();
  }

  async tokens(): Promise<Array<{ id: string; name: string; roles: string[]; createdBy: string; createdAt: number; lastUsedAt: number | null; revokedAt: number | null }>> {
    const rows = await this.db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, roles: parseRoles(r.roles), createdBy: r.created_by, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
  }

  async revokeToken(id: string, now: number): Promise<boolean> {
    const result = await this.db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
