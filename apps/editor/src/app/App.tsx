import { useEffect } from 'react';
import { setUnauthorizedHandler } from '../api/http';
import { ROUTES } from '../pages/routes';
import { NotFoundPage } from '../pages/NotFoundPage';
import { ChangePasswordPage } from '../pages/users-password';
import { useStore } from '../store/use-store';
import { matchRoute, navigate } from './router';
import { loadSession, session } from './session';
import { Shell } from './Shell';
import { useLocation } from './use-location';

/** Routes, with the session check: every page but /login needs a signed-in user. */
export function App() {
  const { pathname } = useLocation();
  const state = useStore(session, (s) => s.state);

  useEffect(() => {
    setUnauthorizedHandler(() => session.set({ state: { status: 'signed-out', reason: 'Your session ended. Please sign in again.' } }));
    void loadSession();
  }, []);

  const match = matchRoute(ROUTES, pathname);
  const isPublic = match?.route.public === true;

  useEffect(() => {
    if (state.status === 'signed-out' && !isPublic) navigate(`/login?next=${encodeURIComponent(pathname)}`, { replace: true });
  }, [state.status, isPublic, pathname]);

  useEffect(() => {
    document.title = match ? `${match.route.title(match.params)} · Ledgerflow` : 'Ledgerflow';
  }, [match]);

  if (isPublic && match) return match.route.render(match.params);
  if (state.status !== 'signed-in') return <div className="lf-loading">Loading…</div>;
  return (
    <Shell user={state.user} fullBleed={match?.route.fullBleed === true}>
      {state.user.mustChangePassword === true ? <ChangePasswordPage required /> : match ? match.route.render(match.params) : <NotFoundPage />}
    </Shell>
  );
}
