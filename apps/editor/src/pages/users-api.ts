import { z } from 'zod';
import { request } from '../api/http';

/** The roles the server knows (apps/server/src/auth/roles.ts), with what each may do. */
export const ROLE_NAMES = ['admin', 'designer', 'scheduler', 'operator', 'approver', 'viewer'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];
export const ROLE_HINTS: Record<RoleName, string> = {
  admin: 'everything, users and tokens',
  designer: 'edit and publish flows, connections',
  scheduler: 'change schedules, pause and resume',
  operator: 'runs: view, replay, cancel',
  approver: 'decide approvals',
  viewer: 'read only',
};

const user = z.looseObject({ username: z.string(), roles: z.array(z.string()), disabled: z.boolean(), mustChangePassword: z.boolean(), createdAt: z.number().optional() });
export type UserRow = z.infer<typeof user>;

export const listUsers = async () => (await request('GET', '/api/users', z.looseObject({ items: z.array(user) }))).items;
export const createUser = (body: { username: string; password: string; roles: RoleName[]; mustChangePassword: boolean }) => request('POST', '/api/users', z.looseObject({ username: z.string() }), body);
export const updateUser = (username: string, change: { roles?: string[]; disabled?: boolean }) => request('PUT', `/api/users/${encodeURIComponent(username)}`, user, change);
