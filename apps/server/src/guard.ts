import { timingSafeEqual } from 'node:crypto';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { allows, ROUTE_ACCESS } from './auth/roles';
import type { Caller, Identity } from './auth/identity';
import { HttpError } from './http-errors';

export type Env = { Variables: { caller: Caller | undefined } };
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The caller of a guarded route (always set unless the route is public). */
export function caller(c: Context<Env>): Caller {
  const who = c.get('caller');
  if (!who) throw new HttpError(401, 'unauthenticated', 'log in first');
  return who;
}

/** Name to record in audit and run history. */
export function callerName(c: Context<Env>): string {
  return c.get('caller')?.name ?? 'anonymous';
}

/**
 * Registers a route behind the access table. A route missing from
 * ROUTE_ACCESS throws here, at start, rather than being left open.
 */
export function makeGuard(identity: Identity, now: () => number) {
  return function route(app: Hono<Env>, method: Method, path: string, mountedAt: string, handler: (c: Context<Env>) => Response | Promise<Response>) {
    const key = `${method} ${mountedAt}${path === '/' ? '' : path}`;
    const access = ROUTE_ACCESS[key];
    if (access === undefined) throw new Error(`route ${key} has no entry in ROUTE_ACCESS`);
    const check: MiddlewareHandler<Env> = async (c, next) => {
      const who = await authenticate(c, identity, now());
      c.set('caller', who);
      if (access !== 'public') {
        if (!who) throw new HttpError(401, 'unauthenticated', 'log in or send Authorization: Bearer <token>');
        // A cross-site form can send the cookie but cannot read the CSRF cookie to echo it in a header.
        if (who.via === 'cookie' && method !== 'GET' && !sameSecret(c.req.header('x-csrf-token'), who.csrf)) {
          throw new HttpError(403, 'csrf', 'missing or wrong x-csrf-token header for a cookie session');
        }
        if (who.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(key)) {
          throw new HttpError(403, 'password_change_required', 'your password is a one-time password: change it first with POST /api/auth/password { current, password }');
        }
        if (!allows(access, who.roles)) throw new HttpError(403, 'forbidden', `this needs one of the roles: ${access === 'any' ? 'any' : ['admin', ...access].join(', ')}`);
      }
      await next();
    };
    app.on(method, path, check, handler);
  };
}

/** The only routes a user with a one-time password may call. */
const PASSWORD_CHANGE_ROUTES = new Set(['GET /api/auth/me', 'POST /api/auth/password', 'POST /api/auth/logout']);

async function authenticate(c: Context<Env>, identity: Identity, now: number): Promise<Caller | undefined> {
  const header = c.req.header('authorization');
  const bearer = header?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (bearer) {
    const who = await identity.resolve(bearer.trim(), now);
    return who && { ...who, via: 'bearer' };
  }
  const cookie = getCookie(c, 'lf_session');
  const who = cookie ? await identity.resolve(cookie, now) : undefined;
  return who && { ...who, via: 'cookie' };
}

function sameSecret(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A path parameter of the matched route. */
export function param(c: Context<Env>, name: string): string {
  const value = c.req.param(name);
  if (value === undefined) throw new HttpError(400, 'bad_request', `missing path parameter ${name}`);
  return value;
}
