export const ROLES = ['admin', 'designer', 'scheduler', 'operator', 'approver', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who may call what. `public` needs no login; `any` needs any login. Admin may do everything. */
export type Access = 'public' | 'any' | readonly Role[];

const READ: readonly Role[] = ['designer', 'scheduler', 'operator', 'approver', 'viewer'];

/**
 * The one table of route → roles. A route the server registers that is not
 * here makes `guard()` throw at start, so none is forgotten.
 */
export const ROUTE_ACCESS: Readonly<Record<string, Access>> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/reference': 'public',
  'POST /hooks/:path{.+}': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'any',
  'GET /api/auth/me': 'any',
  'POST /api/auth/password': 'any',
  'GET /api/node-types': READ,
  'GET /api/flows': READ,
  'POST /api/flows': ['designer'],
  'GET /api/flows/:id': READ,
  'PUT /api/flows/:id': ['designer'],
  'GET /api/flows/:id/versions': READ,
  'GET /api/flows/:id/versions/:version': READ,
  'POST /api/flows/:id/runs': ['designer', 'operator'],
  'POST /api/flows/:id/dry-run': ['designer', 'operator'],
  'POST /api/flows/:id/publish': ['designer'],
  'GET /api/flows/:id/reviews': READ,
  'POST /api/reviews/:id/decision': ['designer'],
  'PUT /api/flows/:id/owner': ['designer'],
  'POST /api/flows/validate': READ,
  'GET /api/runs': READ,
  'GET /api/runs/:id': READ,
  'GET /api/runs/totals': READ,
  'GET /api/events': READ,
  'GET /api/dashboard': READ,
  'GET /api/schedules': READ,
  'POST /api/schedules/preview': READ,
  'GET /api/flows/:id/schedule': READ,
  'PUT /api/flows/:id/schedule': ['scheduler', 'designer'],
  'POST /api/runs/:id/replay': ['operator'],
  'POST /api/runs/:id/cancel': ['operator'],
  'GET /api/failures': ['operator', 'viewer'],
  'POST /api/failures/replay': ['operator'],
  'GET /api/failures/jobs/:id': ['operator', 'viewer'],
  'GET /api/connections': READ,
  'POST /api/connections': ['designer'],
  'POST /api/connections/:name/test': ['designer'],
  'POST /api/connections/:name/circuit/close': ['operator', 'designer'],
  'GET /api/connections/:name/odoo/models/:model/fields': ['designer'],
  'GET /api/approvals': READ,
  'GET /api/approvals/:id': READ,
  'POST /api/approvals/:id/decision': ['approver'],
  'GET /api/users': ['admin'],
  'POST /api/users': ['admin'],
  'PUT /api/users/:username': ['admin'],
  'POST /api/tokens': ['admin'],
  'GET /api/tokens': ['admin'],
  'DELETE /api/tokens/:id': ['admin'],
  'GET /api/audit': ['admin'],
};

/** Whether `roles` grant `access`. */
export function allows(access: Access, roles: readonly string[] | undefined): boolean {
  if (access === 'public') return true;
  if (!roles) return false;
  if (access === 'any' || roles.includes('admin')) return true;
  return access.some((role) => roles.includes(role));
}
