import { ApiError } from '../api/http';
import { httpApi } from '../api/ledgerflow-api';
import type { User } from '../api/schemas';
import { createStore } from '../store/create-store';

/** Who is signed in: unknown until /api/auth/me answers. */
export type SessionState = { status: 'loading' } | { status: 'signed-out'; reason?: string } | { status: 'signed-in'; user: User };

export const session = createStore<{ state: SessionState }>({ state: { status: 'loading' } });

/** Asks the server who we are. */
export async function loadSession(): Promise<void> {
  // Without the CSRF cookie there is no session: skip the call (and the browser's 401 console noise).
  if (!document.cookie.split(';').some((c) => c.trim().startsWith('lf_csrf='))) {
    session.set({ state: { status: 'signed-out' } });
    return;
  }
  try {
    const user = await httpApi.me();
    session.set({ state: { status: 'signed-in', user } });
  } catch (error) {
    const reason = error instanceof ApiError && error.status !== 401 ? error.message : undefined;
    session.set({ state: reason ? { status: 'signed-out', reason } : { status: 'signed-out' } });
  }
}

export async function signIn(username: string, password: string): Promise<void> {
  const user = await httpApi.login(username, password);
  session.set({ state: { status: 'signed-in', user } });
}

export async function signOut(): Promise<void> {
  await httpApi.logout().catch(() => undefined);
  session.set({ state: { status: 'signed-out' } });
}
