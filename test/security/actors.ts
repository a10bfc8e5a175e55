/** Users and API tokens, one per role, for the security tests. */
import { ROLES, type Role } from '../../apps/server/src/auth/roles';

export const USER_PASSWORD = 'role-user-password-1';

export interface Actor {
  label: string;
  role: Role | undefined;
  headers: Record<string, string>;
}

type Fetch = (path: string, init?: RequestInit) => Response | Promise<Response>;

/** Creates `u-<role>` for every role and logs each in (cookie + CSRF header), plus an API token per role. */
export async function makeActors(request: Fetch, adminToken: string): Promise<Actor[]> {
  const admin = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
  const actors: Actor[] = [{ label: 'anonymous', role: undefined, headers: {} }];
  for (const role of ROLES) {
    const username = `u-${role}`;
    const created = await request('/api/users', { method: 'POST', headers: admin, body: JSON.stringify({ username, password: USER_PASSWORD, roles: [role] }) });
    if (created.status !== 201) throw new Error(`creating ${username}: ${created.status} ${await created.text()}`);
    actors.push({ label: `${role} (session cookie)`, role, headers: await cookieLogin(request, username, USER_PASSWORD) });
    const token = await request('/api/tokens', { method: 'POST', headers: admin, body: JSON.stringify({ name: `t-${role}`, roles: [role] }) });
    const body: unknown = await token.json();
    if (token.status !== 201 || typeof body !== 'object' || body === null || !('token' in body) || typeof body.token !== 'string') throw new Error(`token for ${role}: ${token.status}`);
    actors.push({ label: `${role} (API token)`, role, headers: { authorization: `Bearer ${body.token}` } });
  }
  return actors;
}

/** Logs in and returns the headers a browser would send: the session cookie and the CSRF header. */
export async function cookieLogin(request: Fetch, username: string, password: string): Promise<Record<string, string>> {
  const response = await request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  const csrf = cookies.find((c) => c.startsWith('lf_csrf='))?.slice('lf_csrf='.length) ?? '';
  return { cookie: cookies.join('; '), 'x-csrf-token': decodeURIComponent(csrf) };
}
