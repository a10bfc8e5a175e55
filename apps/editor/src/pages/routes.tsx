import type { ReactNode } from 'react';
import type { RouteParams } from '../app/router';
import { ApprovalDetailPage } from './approvals-detail';
import { ApprovalsInboxPage } from './approvals-inbox';
import { FlowEditorPage } from './FlowEditorPage';
import { FlowListPage } from './FlowListPage';
import { LoginPage } from './LoginPage';
import { DashboardPage } from './dashboard';
import { FailuresPage } from './failures';
import { RunDetailPage } from './run-detail';
import { RunsPage } from './runs';
import { SchedulesPage } from './schedules-page';
import { UsersPage } from './users';
import { ChangePasswordPage } from './users-password';

/**
 * Every page of the app. To add one, put a component in this folder and a
 * line here; `fullBleed` pages fill the window under the top bar.
 */
export interface AppRoute {
  path: string;
  title: (params: RouteParams) => string;
  render: (params: RouteParams) => ReactNode;
  public?: boolean;
  fullBleed?: boolean;
}

export const ROUTES: AppRoute[] = [
  { path: '/', title: () => 'Flows', render: () => <FlowListPage /> },
  { path: '/flows', title: () => 'Flows', render: () => <FlowListPage /> },
  { path: '/flows/:id', title: (p) => p.id ?? 'Flow', render: (p) => <FlowEditorPage key={p.id} flowId={p.id ?? ''} />, fullBleed: true },
  { path: '/login', title: () => 'Sign in', render: () => <LoginPage />, public: true },
  { path: '/approvals', title: () => 'Approvals', render: () => <ApprovalsInboxPage /> },
  { path: '/runs', title: () => 'Runs', render: () => <RunsPage /> },
  { path: '/runs/:id', title: (p) => `Run ${(p.id ?? '').slice(0, 8)}`, render: (p) => <RunDetailPage key={p.id} id={p.id ?? ''} /> },
  { path: '/failures', title: () => 'Failed runs', render: () => <FailuresPage /> },
  { path: '/schedules', title: () => 'Schedules', render: () => <SchedulesPage /> },
  { path: '/dashboard', title: () => 'Dashboard', render: () => <DashboardPage /> },
  { path: '/users', title: () => 'Users', render: () => <UsersPage /> },
  { path: '/settings/password', title: () => 'Change password', render: () => <ChangePasswordPage /> },
  { path: '/approvals/:id', title: () => 'Approval', render: (p) => <ApprovalDetailPage key={p.id} id={p.id ?? ''} /> },
];

/** The top navigation. */
/** `roles`: shown only to users with one of them (admins see everything). */
export const NAV: ReadonlyArray<{ href: string; label: string; match: (pathname: string) => boolean; roles?: readonly string[] }> = [
  { href: '/', label: 'Flows', match: (p) => p === '/' || p.startsWith('/flows') },
  { href: '/runs', label: 'Runs', match: (p) => p.startsWith('/runs') },
  { href: '/failures', label: 'Failures', match: (p) => p.startsWith('/failures') },
  { href: '/dashboard', label: 'Dashboard', match: (p) => p.startsWith('/dashboard') },
  { href: '/approvals', label: 'Approvals', match: (p) => p.startsWith('/approvals') },
  { href: '/schedules', label: 'Schedules', match: (p) => p.startsWith('/schedules') },
  { href: '/users', label: 'Users', match: (p) => p.startsWith('/users'), roles: ['admin'] },
];
