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
        if (who.kind === 'session' && method !== 'GET' && c.req.header('x-csrf-token') !== who.csrf && !c.req.header('authorization')) {
          throw new HttpError(403, 'csrf', 'missing or wrong x-csrf-token header for a cookie session');
        }
        if (!allows(access, who.roles)) throw new HttpError(403, 'forbidden', `this needs one of the roles: ${access === 'any' ? 'any' : ['admin', ...access].join(', ')}`);
      }
      await next();
    };
    app.on(method, path, check, handler);
  };
}

async function authenticate(c: Context<Env>, identity: Identity, now: number): Promise<Caller | undefined> {
  const header = c.req.header('authorization');
  const bearer = header?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (bearer) return identity.resolve(bearer.trim(), now);
  const cookie = getCookie(c, 'lf_session');
  return cookie ? identity.resolve(cookie, now) : undefined;
}

/** A path parameter of the matched route. */
export function param(c: Context<Env>, name: string): string {
  const value = c.req.param(name);
  if (value === undefined) throw new HttpError(400, 'bad_request', `missing path parameter ${name}`);
  return value;
}
