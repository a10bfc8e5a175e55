import { useEffect, useState } from 'react';
import { z } from 'zod';
import { ApiError, request } from '../api/http';
import { Link } from '../app/Link';
import { ErrorAlert } from '../components/common/ErrorAlert';

const businessDaysSchema = z.object({ kind: z.string(), n: z.number().optional(), time: z.string(), holidays: z.array(z.string()), calendar: z.string().optional() });

/** A schedule as GET /api/schedules lists it. */
const scheduleSchema = z.object({
  flowId: z.string(),
  flowName: z.string(),
  triggerKind: z.string(),
  configured: z.boolean(),
  kind: z.string(),
  cron: z.string().nullable(),
  businessDays: businessDaysSchema.nullable(),
  timezone: z.string(),
  active: z.boolean(),
  missed: z.string(),
  description: z.string(),
  nextRuns: z.array(z.string()),
  proposedRuns: z.array(z.string()).optional(),
  lastRun: z.object({ fireAt: z.string().nullable(), runId: z.string().nullable(), status: z.string().nullable() }).nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
type ScheduleItem = z.infer<typeof scheduleSchema>;
const previewSchema = z.object({ description: z.string(), nextRuns: z.array(z.string()), timezone: z.string() });
type Preview = z.infer<typeof previewSchema>;

const enc = encodeURIComponent;
const listSchedules = async () => (await request('GET', '/api/schedules', z.object({ items: z.array(scheduleSchema) }))).items;
const saveSchedule = (flowId: string, change: Record<string, unknown>) => request('PUT', `/api/flows/${enc(flowId)}/schedule`, scheduleSchema, change);
const preview = (body: Record<string, unknown>) => request('POST', '/api/schedules/preview', previewSchema, body);

/** "Mon 6 Jul 2026, 07:00 (+02:00)": the wall time in the schedule's zone, as the API gives it. */
export function formatFireTime(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-]\d{2}:\d{2})$/.exec(iso);
  if (!match) return iso;
  const [, y, mo, d, h, mi, s, offset] = match;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const label = day.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return `${label}, ${h}:${mi}${s === '00' ? '' : `:${s}`} (${offset})`;
}

/** Every scheduled flow: when it runs, its last run, a pause switch and an editor with a live preview. */
export function SchedulesPage() {
  const [items, setItems] = useState<ScheduleItem[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [editing, setEditing] = useState<string | undefined>();

  const reload = async () => {
    try {
      setItems(await listSchedules());
      setError(undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  useEffect(() => {
    void reload();
  }, []);

  const toggle = async (item: ScheduleItem) => {
    try {
      await saveSchedule(item.flowId, item.configured ? { active: !item.active } : { cron: item.cron, timezone: item.timezone, active: true });
      await reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="lf-page" data-testid="schedules-page">
      <div className="lf-page-head">
        <div>
          <h1>Schedules</h1>
          <p className="lf-muted">When each flow runs on its own. Times are shown in each schedule's time zone.</p>
        </div>
      </div>
      <ErrorAlert message={error} />
      {items === undefined && !error ? <div className="lf-card lf-muted">Loading schedules…</div> : null}
      {items?.length === 0 ? <div className="lf-empty">No flow runs on a schedule yet. Give a flow a schedule or Odoo-poll trigger to see it here.</div> : null}
      {items && items.length > 0 ? (
        <table className="lf-table" data-testid="schedule-list">
          <thead>
            <tr>
              <th>Flow</th>
              <th>When</th>
              <th>Next runs</th>
              <th>Last run</th>
              <th>Active</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <ScheduleRow key={item.flowId} item={item} editing={editing === item.flowId} onEdit={() => setEditing(editing === item.flowId ? undefined : item.flowId)} onToggle={() => void toggle(item)} onSaved={async () => { setEditing(undefined); await reload(); }} />
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

function ScheduleRow({ item, editing, onEdit, onToggle, onSaved }: { item: ScheduleItem; editing: boolean; onEdit: () => void; onToggle: () => void; onSaved: () => Promise<void> }) {
  const runs = item.active ? item.nextRuns : [];
  return (
    <>
      <tr data-testid={`schedule-${item.flowId}`}>
        <td>
          <Link href={`/flows/${enc(item.flowId)}`} className="lf-strong">
            {item.flowName}
          </Link>
          <div className="lf-mono lf-muted">{item.triggerKind === 'odoo-poll' ? 'Odoo poll' : item.flowId}</div>
        </td>
        <td>
          <div data-testid="schedule-description">{item.description}</div>
          <div className="lf-mono lf-muted">{item.cron ?? 'working-day rule'} · missed runs: {item.missed === 'run-once' ? 'run once' : 'skip'}</div>
        </td>
        <td data-testid="schedule-next-runs">
          {runs.length === 0 ? <span className="lf-muted">{item.configured ? 'Paused' : 'Not switched on yet'}</span> : runs.slice(0, 3).map((at) => <div key={at} style={{ whiteSpace: 'nowrap' }}>{formatFireTime(at)}</div>)}
        </td>
        <td>
          {item.lastRun?.runId ? (
            <Link href={`/runs/${enc(item.lastRun.runId)}`}>
              <span className={`lf-tag is-${item.lastRun.status ?? 'unknown'}`}>{item.lastRun.status ?? 'unknown'}</span>
            </Link>
          ) : (
            <span className="lf-muted">—</span>
          )}
          {item.lastRun?.fireAt ? <div className="lf-muted">{formatFireTime(item.lastRun.fireAt)}</div> : null}
        </td>
        <td>
          <label className="lf-check">
            <input type="checkbox" role="switch" checked={item.active} onChange={onToggle} aria-label={`${item.active ? 'Pause' : 'Resume'} ${item.flowName}`} data-testid="schedule-active" />
            {item.active ? 'On' : 'Off'}
          </label>
        </td>
        <td>
          <button type="button" className="lf-btn lf-btn-small" onClick={onEdit} data-testid="schedule-edit">
            {editing ? 'Close' : 'Change'}
          </button>
        </td>
      </tr>
      {editing ? (
        <tr>
          <td colSpan={6}>
            <ScheduleEditor item={item} onSaved={onSaved} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

const ZONES = ['UTC', 'Europe/Paris', 'Europe/Brussels', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Chicago', 'Asia/Kolkata', 'Asia/Singapore', 'Australia/Sydney'];

function ScheduleEditor({ item, onSaved }: { item: ScheduleItem; onSaved: () => Promise<void> }) {
  const [mode, setMode] = useState<'cron' | 'business-days'>(item.businessDays ? 'business-days' : 'cron');
  const [cron, setCron] = useState(item.cron ?? '0 7 * * 1-5');
  const [n, setN] = useState(item.businessDays?.n ?? 3);
  const [time, setTime] = useState(item.businessDays?.time ?? '07:00');
  const [holidays, setHolidays] = useState((item.businessDays?.holidays ?? []).join(', '));
  const [timezone, setTimezone] = useState(item.timezone);
  const [missed, setMissed] = useState(item.missed);
  const [shown, setShown] = useState<Preview | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  const timing = (): Record<string, unknown> =>
    mode === 'cron'
      ? { cron, timezone }
      : { businessDays: { kind: 'nth-working-day-after-month-end', n, time, holidays: holidays.split(/[\s,;]+/).filter(Boolean) }, timezone };

  // Live description and next runs while typing, a moment after the last key.
  useEffect(() => {
    const timer = setTimeout(() => {
      preview(timing())
        .then((p) => {
          setShown(p);
          setProblem(undefined);
        })
        .catch((e: unknown) => {
          setShown(undefined);
          setProblem(e instanceof ApiError ? (e.issues[0]?.message ?? e.message) : String(e));
        });
    }, 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode, cron, n, time, holidays, timezone]);

  const save = async () => {
    setSaving(true);
    try {
      await saveSchedule(item.flowId, { ...timing(), missed, active: item.configured ? item.active : true });
      await onSaved();
    } catch (e) {
      setProblem(e instanceof ApiError ? (e.issues[0]?.message ?? e.message) : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="lf-card" data-testid="schedule-editor" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <div className="lf-row">
        <label className="lf-field">
          <span className="lf-label">Kind</span>
          <select value={mode} onChange={(e) => setMode(e.target.value === 'business-days' ? 'business-days' : 'cron')}>
            <option value="cron">Cron expression</option>
            <option value="business-days">Nth working day after month end</option>
          </select>
        </label>
        {mode === 'cron' ? (
          <label className="lf-field lf-grow">
            <span className="lf-label">Cron (minute hour day month weekday; 6 fields to add seconds first)</span>
            <input className={`lf-mono${problem ? ' is-invalid' : ''}`} value={cron} onChange={(e) => setCron(e.target.value)} data-testid="schedule-cron" spellCheck={false} />
          </label>
        ) : (
          <>
            <label className="lf-field">
              <span className="lf-label">Working day</span>
              <input type="number" min={1} max={23} value={n} onChange={(e) => setN(Number(e.target.value))} />
            </label>
            <label className="lf-field">
              <span className="lf-label">Time</span>
              <input value={time} onChange={(e) => setTime(e.target.value)} placeholder="07:00" />
            </label>
            <label className="lf-field lf-grow">
              <span className="lf-label">Holidays (YYYY-MM-DD, comma separated)</span>
              <input className="lf-mono" value={holidays} onChange={(e) => setHolidays(e.target.value)} placeholder="2026-12-25, 2027-01-01" />
            </label>
          </>
        )}
        <label className="lf-field">
          <span className="lf-label">Time zone</span>
          <select value={timezone} onChange={(e) => setTimezone(e.target.value)} data-testid="schedule-timezone">
            {[...new Set([timezone, ...ZONES])].map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </label>
        <label className="lf-field">
          <span className="lf-label">After downtime</span>
          <select value={missed} onChange={(e) => setMissed(e.target.value)}>
            <option value="skip">Skip missed runs</option>
            <option value="run-once">Run once to catch up</option>
          </select>
        </label>
      </div>
      <div aria-live="polite" data-testid="schedule-preview">
        {problem ? (
          <div className="lf-alert lf-alert-error" role="alert">
            {problem}
          </div>
        ) : shown ? (
          <>
            <p className="lf-strong">{shown.description}</p>
            <ol className="lf-muted">
              {shown.nextRuns.map((at) => (
                <li key={at}>{formatFireTime(at)}</li>
              ))}
            </ol>
          </>
        ) : (
          <p className="lf-muted">Working out the next runs…</p>
        )}
      </div>
      <div className="lf-row">
        <button type="submit" className="lf-btn lf-btn-primary" disabled={saving || problem !== undefined} data-testid="schedule-save">
          {saving ? 'Saving…' : 'Save schedule'}
        </button>
      </div>
    </form>
  );
}
