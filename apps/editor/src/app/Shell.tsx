import type { ReactNode } from 'react';
import type { User } from '../api/schemas';
import { NAV } from '../pages/routes';
import { Link } from './Link';
import { navigate } from './router';
import { signOut } from './session';
import { useLocation } from './use-location';

/** The app frame: top bar with navigation and the signed-in user. */
export function Shell({ user, fullBleed, children }: { user: User; fullBleed: boolean; children: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <div className="lf-app">
      <header className="lf-topbar">
        <Link href="/" className="lf-brand" aria-label="Ledgerflow home">
          <span className="lf-brand-mark" aria-hidden>
            <svg viewBox="0 0 24 24" width="16" height="16">
              <path d="M4 6h7v4H4zM13 14h7v4h-7zM11 8h4v8" fill="none" stroke="currentColor" strokeWidth="2" />
            </svg>
          </span>
          Ledgerflow
        </Link>
        <nav className="lf-nav" aria-label="Main">
          {NAV.filter((item) => !item.roles || user.roles.some((r) => r === 'admin' || item.roles?.includes(r))).map((item) => {
            const active = item.match(pathname);
            return (
              <Link key={item.href} href={item.href} className={active ? 'active' : ''} aria-current={active ? 'page' : undefined}>
                {item.label}
              </Link>
            );
          })}
        </nav>
        <div className="lf-user">
          <span className="lf-avatar" aria-hidden>
            {user.username.slice(0, 1).toUpperCase()}
          </span>
          <span>{user.username}</span>
          <button
            type="button"
            className="lf-btn lf-btn-ghost lf-btn-small"
            onClick={() => {
              void signOut().then(() => navigate('/login'));
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <main className={fullBleed ? 'lf-main lf-main-full' : 'lf-main'}>{children}</main>
    </div>
  );
}
