import { useState, type FormEvent } from 'react';
import { navigate } from '../app/router';
import { session, signIn } from '../app/session';
import { useLocation } from '../app/use-location';
import { useStore } from '../store/use-store';
import { ErrorAlert } from '../components/common/ErrorAlert';

/** Sign-in form; goes back to `?next=` afterwards. */
export function LoginPage() {
  const { search } = useLocation();
  const state = useStore(session, (s) => s.state);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const next = safeNext(search.get('next'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(username, password);
      navigate(next, { replace: true });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  };

  return (
    <div className="lf-login">
      <form className="lf-login-card" onSubmit={(e) => void submit(e)}>
        <div className="lf-login-brand">
          <span className="lf-brand-mark" aria-hidden>
            <svg viewBox="0 0 24 24" width="18" height="18">
              <path d="M4 6h7v4H4zM13 14h7v4h-7zM11 8h4v8" fill="none" stroke="currentColor" strokeWidth="2" />
            </svg>
          </span>
          Ledgerflow
        </div>
        <h1>Sign in</h1>
        <p className="lf-muted">Design, test and publish the flows between your books and Odoo.</p>
        {state.status === 'signed-out' && state.reason ? <div className="lf-alert lf-alert-warning">{state.reason}</div> : null}
        <label className="lf-field">
          <span className="lf-label">User name</span>
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus required />
        </label>
        <label className="lf-field">
          <span className="lf-label">Password</span>
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        <ErrorAlert message={error} />
        <button type="submit" className="lf-btn lf-btn-primary lf-btn-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}

/** Only same-app paths, never another origin. */
function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/login') ? value : '/';
}
