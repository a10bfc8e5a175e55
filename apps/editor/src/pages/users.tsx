import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api/http';
import { createUser, listUsers, ROLE_HINTS, ROLE_NAMES, updateUser, type RoleName, type UserRow } from './users-api';

function messageOf(error: unknown): string {
  if (error instanceof ApiError && error.issues.length > 0) return `${error.message}: ${error.issues.map((i) => `${i.path.replace(/^body\./, '')} ${i.message}`).join('; ')}`;
  return error instanceof Error ? error.message : String(error);
}

function RolePicker({ value, onChange, label }: { value: readonly string[]; onChange: (roles: RoleName[]) => void; label: string }) {
  return (
    <div className="lf-row" role="group" aria-label={label} style={{ flexWrap: 'wrap', gap: 10 }}>
      {ROLE_NAMES.map((role) => (
        <label key={role} className="lf-check" title={ROLE_HINTS[role]}>
          <input
            type="checkbox"
            checked={value.includes(role)}
            onChange={(e) => onChange(e.target.checked ? [...ROLE_NAMES.filter((r) => value.includes(r)), role].filter((r, i, all) => all.indexOf(r) === i) : ROLE_NAMES.filter((r) => r !== role && value.includes(r)))}
          />{' '}
          {role}
        </label>
      ))}
    </div>
  );
}

function NewUserForm({ onCreated, onCancel }: { onCreated: () => void; onCancel: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<RoleName[]>(['viewer']);
  const [mustChange, setMustChange] = useState(true);
  const [error, setError] = useState<string | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await createUser({ username: username.trim(), password, roles, mustChangePassword: mustChange });
      onCreated();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <form className="lf-card" onSubmit={(e) => void submit(e)} aria-label="New user" style={{ display: 'grid', gap: 12, marginBottom: 16 }}>
      {error ? <div className="lf-alert lf-alert-error" role="alert">{error}</div> : null}
      <div className="lf-row" style={{ gap: 12 }}>
        <label className="lf-field lf-grow">
          <span className="lf-label">Username</span>
          <input name="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
        </label>
        <label className="lf-field lf-grow">
          <span className="lf-label">Password (at least 10 characters)</span>
          <input name="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        </label>
      </div>
      <RolePicker value={roles} onChange={setRoles} label="Roles of the new user" />
      <label className="lf-check">
        <input type="checkbox" checked={mustChange} onChange={(e) => setMustChange(e.target.checked)} /> Must change the password at first sign-in
      </label>
      <div className="lf-row" style={{ gap: 8 }}>
        <button type="submit" className="lf-btn lf-btn-primary">Create user</button>
        <button type="button" className="lf-btn" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

/** Admins list users, create them with roles, change their roles and disable them. */
export function UsersPage() {
  const [users, setUsers] = useState<UserRow[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);

  const load = useCallback(() => {
    listUsers().then(setUsers, (e: unknown) => setError(messageOf(e)));
  }, []);
  useEffect(load, [load]);

  const change = async (username: string, patch: { roles?: string[]; disabled?: boolean }) => {
    setError(undefined);
    try {
      const updated = await updateUser(username, patch);
      setUsers((list) => list?.map((u) => (u.username === username ? updated : u)));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <div className="lf-page">
      <div className="lf-page-head">
        <div>
          <h1>Users</h1>
          <p className="lf-muted">Who may sign in, and what each role lets them do. A user may have several roles.</p>
        </div>
        <button type="button" className="lf-btn lf-btn-primary" onClick={() => setCreating(true)} data-testid="new-user">
          New user
        </button>
      </div>
      {error ? <div className="lf-alert lf-alert-error" role="alert">{error}</div> : null}
      {creating ? (
        <NewUserForm
          onCancel={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            load();
          }}
        />
      ) : null}
      {users === undefined ? (
        <div className="lf-loading">Loading…</div>
      ) : (
        <table className="lf-table" aria-label="Users">
          <thead>
            <tr>
              <th>User</th>
              <th>Roles</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.username} data-testid={`user-${u.username}`} style={u.disabled ? { opacity: 0.6 } : undefined}>
                <td className="lf-strong">{u.username}</td>
                <td>
                  <RolePicker value={u.roles} label={`Roles of ${u.username}`} onChange={(roles) => (roles.length > 0 ? void change(u.username, { roles }) : setError('a user needs at least one role; disable the user instead'))} />
                </td>
                <td>
                  <span className="lf-row" style={{ gap: 4, flexWrap: 'wrap' }}>
                    {u.disabled ? <span className="lf-tag">disabled</span> : <span className="lf-tag">active</span>}
                    {u.mustChangePassword ? <span className="lf-tag" title="signs in with a one-time password">must change password</span> : null}
                  </span>
                </td>
                <td>
                  <button type="button" className={u.disabled ? 'lf-btn lf-btn-small' : 'lf-btn lf-btn-small lf-btn-danger'} onClick={() => void change(u.username, { disabled: !u.disabled })}>
                    {u.disabled ? 'Enable' : 'Disable'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
