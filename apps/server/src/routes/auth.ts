import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { hashPassword, newToken, tokenHash } from '../auth/passwords';
import { ROLES } from '../auth/roles';
import { caller, callerName, param, type Env } from '../guard';
import { HttpError, readBody } from '../http-errors';
import type { RouteDeps } from './deps';

const login = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(500) }).strict();
const roles = z.array(z.enum(ROLES)).min(1).max(ROLES.length);
const newUser = z.object({ username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,99}$/i, 'letters, digits, ".", "_" or "-"'), password: z.string().min(10, 'at least 10 characters').max(500), roles }).strict();
const newToken_ = z.object({ name: z.string().min(1).max(100), roles }).strict();
const changePassword = z.object({ current: z.string().min(1).max(500), password: z.string().min(10, 'at least 10 characters').max(500) }).strict();

/** Login, sessions, users, API tokens and the audit log. */
export function authRoutes({ identity, route, audit, now }: RouteDeps) {
  const app = new Hono<Env>();
  const attempts = new Map<string, { count: number; since: number }>();

  route(app, 'POST', '/auth/login', '/api', async (c) => {
    const body = await readBody(c, login);
    const address = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? 'local';
    const key = `${body.username}|${address}`;
    const seen = attempts.get(key);
    if (seen && now() - seen.since < 60_000 && seen.count >= 10) throw new HttpError(429, 'rate_limited', 'too many login attempts; wait a minute');
    const session = await identity.login(body.username, body.password, now());
    if (!session) {
      attempts.set(key, seen && now() - seen.since < 60_000 ? { count: seen.count + 1, since: seen.since } : { count: 1, since: now() });
      await audit('auth.login_failed', body.username, null, { address });
      throw new HttpError(401, 'login_failed', 'wrong username or password');
    }
    attempts.delete(key);
    const secure = c.req.header('x-forwarded-proto') === 'https' || new URL(c.req.url).protocol === 'https:';
    setCookie(c, 'lf_session', session.token, { httpOnly: true, sameSite: 'Lax', path: '/', secure });
    setCookie(c, 'lf_csrf', session.csrf, { httpOnly: false, sameSite: 'Lax', path: '/', secure });
    await audit('auth.login', body.username, null, { address });
    return c.json({ token: session.token, user: session.user });
  });

  route(app, 'POST', '/auth/logout', '/api', async (c) => {
    const token = getCookie(c, 'lf_session') ?? c.req.header('authorization')?.replace(/^Bearer\s+/i, '');
    if (token) await identity.logout(token);
    deleteCookie(c, 'lf_session', { path: '/' });
    deleteCookie(c, 'lf_csrf', { path: '/' });
    return c.json({ ok: true });
  });

  route(app, 'GET', '/auth/me', '/api', async (c) => {
    const who = caller(c);
    return c.json({ user: { username: who.name, roles: who.roles, kind: who.kind } });
  });

  route(app, 'POST', '/auth/password', '/api', async (c) => {
    const body = await readBody(c, changePassword);
    const who = caller(c);
    if (!(await identity.login(who.name, body.current, now()))) throw new HttpError(403, 'forbidden', 'the current password is wrong');
    await identity.setPassword(who.name, await hashPassword(body.password));
    await audit('user.password', who.name, `user:${who.name}`);
    return c.json({ ok: true });
  });

  route(app, 'GET', '/users', '/api', async (c) => c.json({ items: await identity.users() }));

  route(app, 'POST', '/users', '/api', async (c) => {
    const body = await readBody(c, newUser);
    if (await identity.userExists(body.username)) throw new HttpError(409, 'conflict', `user ${body.username} exists already`);
    await identity.createUser(body.username, await hashPassword(body.password), body.roles, false, now());
    await audit('user.create', callerName(c), `user:${body.username}`, { roles: body.roles });
    return c.json({ username: body.username, roles: body.roles }, 201);
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
