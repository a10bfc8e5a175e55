import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { ApiError, request } from '../api/http';
import { loadSession } from '../app/session';

/**
 * Change your own password. Shown instead of every page while the signed-in
 * user still has a one-time password: the server refuses everything else.
 */
export function ChangePasswordPage({ required = false }: { required?: boolean }) {
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password !== repeat) {
      setError('The two new passwords differ.');
      return;
    }
    try {
      await request('POST', '/api/auth/password', z.looseObject({ ok: z.literal(true) }), { current, password });
      setDone(true);
      setError(undefined);
      await loadSession();
    } catch (e) {
      setError(e instanceof ApiError && e.issues.length > 0 ? e.issues.map((i) => i.message).join('; ') : e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="lf-page" style={{ maxWidth: 480 }}>
      <h1>Change your password</h1>
      {required ? <div className="lf-alert lf-alert-warning">You signed in with a one-time password. Choose your own before you continue.</div> : null}
      {done ? <div className="lf-alert" role="status">Your password was changed.</div> : null}
      {error ? <div className="lf-alert lf-alert-error" role="alert">{error}</div> : null}
      <form className="lf-card" onSubmit={(e) => void submit(e)} aria-label="Change password" style={{ display: 'grid', gap: 12 }}>
        <label className="lf-field">
          <span className="lf-label">Current password</span>
          <input type="password" value={current} onChange={(e) => setCurrent(e.target.value)} autoComplete="current-password" />
        </label>
        <label className="lf-field">
          <span className="lf-label">New password (at least 10 characters)</span>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        </label>
        <label className="lf-field">
          <span className="lf-label">New password again</span>
          <input type="password" value={repeat} onChange={(e) => setRepeat(e.target.value)} autoComplete="new-password" />
        </label>
        <button type="submit" className="lf-btn lf-btn-primary">Change password</button>
      </form>
    </div>
  );
}
