import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { LoginLimiter } from '../auth/login-limiter';
import { hashPassword, newToken, tokenHash } from '../auth/passwords';
import { ROLES } from '../auth/roles';
import { caller, callerName, param, type Env } from '../guard';
import { HttpError, readBody } from '../http-errors';
import type { RouteDeps } from './deps';

export const login = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(500) }).strict();
const roles = z.array(z.enum(ROLES)).min(1).max(ROLES.length);
export const newUser = z
  .object({
    username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,99}$/i, 'letters, digits, ".", "_" or "-"'),
    password: z.string().min(10, 'at least 10 characters').max(500),
    roles,
    mustChangePassword: z.boolean().default(false),
  })
  .strict();
export const userChange = z
  .object({ roles: roles.optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((b) => b.roles !== undefined || b.disabled !== undefined, { message: 'send roles, disabled or both' });
export const newToken_ = z.object({ name: z.string().min(1).max(100), roles }).strict();
export const changePassword = z.object({ current: z.string().min(1).max(500), password: z.string().min(10, 'at least 10 characters').max(500) }).strict();

/** Login, sessions, users and API tokens. */
export function authRoutes({ identity, route, audit, now }: RouteDeps, limiter = new LoginLimiter()) {
  const app = new Hono<Env>();

  route(app, 'POST', '/auth/login', '/api', async (c) => {
    const body = await readBody(c, login);
    const address = clientAddress(c);
    const wait = limiter.retryAfter(body.username, address, now());
    if (wait > 0) {
      c.header('retry-after', String(Math.ceil(wait / 1000)));
      throw new HttpError(429, 'rate_limited', `too many failed logins; try again in ${Math.ceil(wait / 60_000)} minute(s)`);
    }
    const session = await identity.login(body.username, body.password, now());
    if (!session) {
      limiter.failed(body.username, address, now());
      await audit('auth.login_failed', body.username, null, { address });
      throw new HttpError(401, 'login_failed', 'wrong username or password');
    }
    limiter.succeeded(body.username);
    const secure = c.req.header('x-forwarded-proto') === 'https' || new URL(c.req.url).protocol === 'https:';
    setCookie(c, 'lf_session', session.token, { httpOnly: true, sameSite: 'Lax', path: '/', secure });
    // Readable by the editor's script on purpose: it echoes it in x-csrf-token (double submit).
    setCookie(c, 'lf_csrf', session.csrf, { httpOnly: false, sameSite: 'Lax', path: '/', secure });
    await audit('auth.login', body.username, null, { address });
    return c.json({ token: session.token, user: session.user });
  });

  route(app, 'POST', '/auth/logout', '/api', async (c) => {
    const token = c.req.header('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1] ?? getCookie(c, 'lf_session');
    if (token) await identity.logout(token.trim());
    deleteCookie(c, 'lf_session', { path: '/' });
    deleteCookie(c, 'lf_csrf', { path: '/' });
    await audit('auth.logout', callerName(c), null);
    return c.json({ ok: true });
  });

  route(app, 'GET', '/auth/me', '/api', async (c) => {
    const who = caller(c);
    return c.json({ user: { username: who.name, roles: who.roles, kind: who.kind, mustChangePassword: who.mustChangePassword === true } });
  });

  route(app, 'POST', '/auth/password', '/api', async (c) => {
    const body = await readBody(c, changePassword);
    const who = caller(c);
    if (who.kind !== 'session') throw new HttpError(400, 'bad_request', 'an API token has no password');
    const address = clientAddress(c);
    if (limiter.retryAfter(who.name, address, now()) > 0) throw new HttpError(429, 'rate_limited', 'too many wrong passwords; try again later');
    if (!(await identity.checkPassword(who.name, body.current))) {
      limiter.failed(who.name, address, now());
      throw new HttpError(403, 'wrong_password', 'the current password is wrong', [{ path: 'body.current', message: 'wrong password' }]);
    }
    if (body.password === body.current) throw new HttpError(400, 'invalid_request', 'choose a new password', [{ path: 'body.password', message: 'must differ from the current password' }]);
    const current = c.req.header('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1] ?? getCookie(c, 'lf_session');
    await identity.setPassword(who.name, await hashPassword(body.password), current?.trim());
    await audit('user.password', who.name, `user:${who.name}`);
    return c.json({ ok: true });
  });

  route(app, 'GET', '/users', '/api', async (c) => c.json({ items: await identity.users() }));

  route(app, 'POST', '/users', '/api', async (c) => {
    const body = await readBody(c, newUser);
    if (await identity.userExists(body.username)) throw new HttpError(409, 'conflict', `user ${body.username} exists already`);
    await identity.createUser(body.username, await hashPassword(body.password), body.roles, body.mustChangePassword, now());
    await audit('user.create', callerName(c), `user:${body.username}`, { roles: body.roles, mustChangePassword: body.mustChangePassword });
    return c.json({ username: body.username, roles: body.roles, disabled: false, mustChangePassword: body.mustChangePassword }, 201);
  });

  route(app, 'PUT', '/users/:username', '/api', async (c) => {
    const username = param(c, 'username');
    const body = await readBody(c, userChange);
    const before = await identity.user(username);
    if (!before) throw new HttpError(404, 'not_found', `there is no user ${username}`);
    const after = { ...before, ...(body.roles ? { roles: body.roles } : {}), ...(body.disabled === undefined ? {} : { disabled: body.disabled }) };
    const isAdmin = (u: { roles: readonly string[]; disabled: boolean }) => !u.disabled && u.roles.includes('admin');
    if (isAdmin(before) && !isAdmin(after)) {
      const admins = (await identity.users()).filter(isAdmin);
      if (admins.length <= 1) throw new HttpError(409, 'last_admin', `${username} is the last enabled admin; make another admin first`);
    }
    await identity.updateUser(username, body);
    await audit('user.update', callerName(c), `user:${username}`, { before: { roles: before.roles, disabled: before.disabled }, after: { roles: after.roles, disabled: after.disabled } });
    return c.json(await identity.user(username));
  });

  route(app, 'GET', '/tokens', '/api', async (c) => c.json({ items: await identity.tokens() }));

  route(app, 'POST', '/tokens', '/api', async (c) => {
    const body = await readBody(c, newToken_);
    const token = newToken('lft');
    const id = crypto.randomUUID();
    await identity.createToken(id, body.name, tokenHash(token), body.roles, callerName(c), now());
    await audit('token.create', callerName(c), `token:${id}`, { name: body.name, roles: body.roles });
    return c.json({ id, name: body.name, roles: body.roles, token, note: 'shown once: store it now' }, 201);
  });

  route(app, 'DELETE', '/tokens/:id', '/api', async (c) => {
    if (!(await identity.revokeToken(param(c, 'id'), now()))) throw new HttpError(404, 'not_found', 'no such active token');
    await audit('token.revoke', callerName(c), `token:${param(c, 'id')}`);
    return c.json({ ok: true });
  });
  return app;
}

/**
 * The client's address. X-Forwarded-For is believed only from a proxy on
 * this machine, and then only its last hop, which that proxy wrote itself.
 */
function clientAddress(c: Context<Env>): string {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    peer = undefined; // app.request() in tests has no socket
  }
  const loopback = peer === undefined || peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1';
  const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
  return loopback && forwarded ? forwarded : (peer ?? 'local');
}
