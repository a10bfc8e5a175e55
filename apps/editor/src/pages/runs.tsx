import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from '../app/Link';
import { navigate } from '../app/router';
import { useLocation } from '../app/use-location';
import { listFlowIds, listRuns, sumTotals, watchRuns, type RunEvent, type RunFilter, type RunSummary, type TotalsAnswer } from './runs-api';
import { formatMs, formatNumber, formatWhen, messageOf, StatusBadge } from './runs-ui';

const STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'];

/** `2025-03-05T14:02` (datetime-local) ↔ epoch ms. */
const toLocalInput = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16));
const fromLocalInput = (text: string) => (text ? new Date(text).getTime() : undefined);

function filterFrom(search: URLSearchParams): RunFilter {
  const num = (key: string) => {
    const value = Number(search.get(key) ?? '');
    return search.get(key) && Number.isFinite(value) ? value : undefined;
  };
  const text = (key: string) => search.get(key) || undefined;
  const filter: RunFilter = {};
  const flowId = text('flowId');
  const status = text('status');
  const q = text('q');
  const from = num('from');
  const to = num('to');
  if (flowId) filter.flowId = flowId;
  if (status) filter.status = status;
  if (q) filter.q = q;
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  return filter;
}

function hrefOf(filter: RunFilter): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '') search.set(k, String(v));
  const text = search.toString();
  return text ? `/runs?${text}` : '/runs';
}

function matches(filter: RunFilter, run: RunEvent): boolean {
  if (filter.flowId && run.flowId !== filter.flowId) return false;
  if (filter.status && run.status !== filter.status) return false;
  if (filter.q && run.businessKey !== filter.q && run.id !== filter.q) return false;
  if (filter.from !== undefined && run.createdAt < filter.from) return false;
  if (filter.to !== undefined && run.createdAt >= filter.to) return false;
  return true;
}

function ErrorCell({ run }: { run: RunSummary }) {
  if (!run.error) return <span className="lf-muted">—</span>;
  const odoo = run.error.details?.odooMessage;
  return (
    <span className="ops-error-cell" title={run.error.message}>
      {run.error.nodeId ? <code>{run.error.nodeId}</code> : null} {typeof odoo === 'string' ? odoo : run.error.message}
    </span>
  );
}

/** Run history: every run newest first, filtered, keyset-paged, updating live. */
export function RunsPage() {
  const { search } = useLocation();
  const key = search.toString();
  const filter = filterFrom(search);
  const [flows, setFlows] = useState<Array<{ id: string; name: string }>>([]);
  const [runs, setRuns] = useState<RunSummary[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [totals, setTotals] = useState<TotalsAnswer | undefined>();
  const [q, setQ] = useState(filter.q ?? '');
  const [live, setLive] = useState(false);
  const filterRef = useRef(filter);
  filterRef.current = filter;

  useEffect(() => {
    listFlowIds().then(setFlows, () => undefined);
  }, []);

  const reload = useCallback(() => {
    listRuns(filterRef.current).then(
      (page) => {
        setRuns(page.items);
        setCursor(page.nextCursor);
        setError(undefined);
      },
      (e: unknown) => setError(messageOf(e)),
    );
    if (filterRef.current.flowId) {
      const { q: _, ...rest } = filterRef.current;
      sumTotals(rest).then(setTotals, () => setTotals(undefined));
    } else setTotals(undefined);
  }, []);

  useEffect(() => {
    setRuns(undefined);
    setQ(filterRef.current.q ?? '');
    reload();
  }, [key, reload]);

  useEffect(() => {
    const stop = watchRuns(
      filterRef.current.flowId ? { flowId: filterRef.current.flowId } : {},
      (event) => {
        setLive(true);
        setRuns((current) => {
          if (!current) return current;
          const at = current.findIndex((r) => r.id === event.id);
          if (at >= 0) {
            if (!matches(filterRef.current, event) && filterRef.current.status) return current.filter((r) => r.id !== event.id);
            const next = [...current];
            next[at] = { ...current[at], ...event };
            return next;
          }
          if (!matches(filterRef.current, event)) return current;
          // A run new to this list: only one newer than the top belongs on the first page.
          const top = current[0];
          if (top && event.createdAt < top.createdAt) return current;
          setFresh((f) => new Set([...f, event.id]));
          return [event, ...current];
        });
      },
      () => setLive(true),
    );
    return () => {
      stop();
      setLive(false);
    };
  }, [key]);

  const set = (patch: Partial<RunFilter>) => {
    navigate(hrefOf({ ...filter, ...patch }), { replace: true });
  };

  const more = () => {
    if (!cursor) return;
    setLoadingMore(true);
    listRuns(filter, cursor).then(
      (page) => {
        setRuns((current) => [...(current ?? []), ...page.items]);
        setCursor(page.nextCursor);
        setLoadingMore(false);
      },
      (e: unknown) => {
        setError(messageOf(e));
        setLoadingMore(false);
      },
    );
  };

  const hasFilter = Object.keys(filter).length > 0;
  return (
    <div className="lf-page ops-page" data-testid="runs-page">
      <div className="lf-page-head">
        <div>
          <h1>Runs</h1>
          <p className="lf-muted">Every run, newest first. Open one to see its steps, its error and to replay it.</p>
        </div>
        <span className={`ops-live ${live ? 'is-on' : ''}`} title={live ? 'Updates as runs change' : 'Connecting…'}>
          <span className="ops-dot" aria-hidden /> {live ? 'Live' : 'Connecting'}
        </span>
      </div>

      <form
        className="ops-filters lf-card"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: q.trim() || undefined });
        }}
      >
        <label className="ops-filter ops-filter-grow">
          <span className="lf-label">Business key or run id</span>
          <input className="lf-filter" type="search" placeholder="e.g. EXP-2025-0142" value={q} onChange={(e) => setQ(e.target.value)} aria-label="Business key or run id" />
        </label>
        <label className="ops-filter">
          <span className="lf-label">Flow</span>
          <select className="lf-filter" value={filter.flowId ?? ''} onChange={(e) => set({ flowId: e.target.value || undefined })} aria-label="Flow">
            <option value="">All flows</option>
            {flows.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <label className="ops-filter">
          <span className="lf-label">Status</span>
          <select className="lf-filter" value={filter.status ?? ''} onChange={(e) => set({ status: e.target.value || undefined })} aria-label="Status">
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="ops-filter">
          <span className="lf-label">From</span>
          <input className="lf-filter" type="datetime-local" value={toLocalInput(filter.from)} onChange={(e) => set({ from: fromLocalInput(e.target.value) })} aria-label="From" />
        </label>
        <label className="ops-filter">
          <span className="lf-label">To</span>
          <input className="lf-filter" type="datetime-local" value={toLocalInput(filter.to)} onChange={(e) => set({ to: fromLocalInput(e.target.value) })} aria-label="To" />
        </label>
        <div className="ops-filter-actions">
          <button type="submit" className="lf-btn lf-btn-primary">
            Search
          </button>
          {hasFilter ? (
            <button type="button" className="lf-btn lf-btn-ghost" onClick={() => navigate('/runs', { replace: true })}>
              Clear
            </button>
          ) : null}
        </div>
      </form>

      {totals && totals.totals.length > 0 ? (
        <div className="ops-totals-bar lf-card" data-testid="filter-totals">
          <span className="lf-label">Control totals · {formatNumber(totals.runs)} runs</span>
          {totals.totals.map((t) => (
            <span key={t.name} className="ops-total-chip">
              <span className="lf-muted">{t.name}</span> <strong>{typeof t.value === 'number' ? formatNumber(t.value) : Object.entries(t.value).map(([k, v]) => `${k} ${formatNumber(v)}`).join(' · ')}</strong>
            </span>
          ))}
        </div>
      ) : null}

      {error ? <div className="lf-alert lf-alert-error">{error}</div> : null}
      <div className="lf-card ops-table-card">
        <table className="lf-table ops-runs-table" data-testid="runs-table">
          <thead>
            <tr>
              <th>Status</th>
              <th>Business key</th>
              <th>Flow</th>
              <th>Started</th>
              <th className="lf-num">Duration</th>
              <th>Error</th>
              <th>Run</th>
            </tr>
          </thead>
          <tbody>
            {runs === undefined ? (
              <tr>
                <td colSpan={7} className="lf-muted">
                  Loading…
                </td>
              </tr>
            ) : runs.length === 0 ? (
              <tr>
                <td colSpan={7} className="ops-empty-row">
                  {hasFilter ? 'No run matches these filters.' : 'No runs yet. Start one from a flow, a webhook or a schedule.'}
                </td>
              </tr>
            ) : (
              runs.map((run) => (
                <tr key={run.id} className={fresh.has(run.id) ? 'ops-fresh' : ''} data-run-id={run.id} onClick={() => navigate(`/runs/${run.id}`)}>
                  <td>
                    <StatusBadge status={run.status} />
                  </td>
                  <td>
                    <Link href={`/runs/${run.id}`} className="ops-key" onClick={(e) => e.stopPropagation()}>
                      {run.businessKey ?? <span className="lf-muted">no key</span>}
                    </Link>
                    {run.replayOf ? <span className="lf-tag is-retry">replay</span> : null}
                  </td>
                  <td>
                    {run.flowId} <span className="lf-muted">v{run.flowVersion}</span>
                  </td>
                  <td className="ops-nowrap">{formatWhen(run.startedAt ?? run.createdAt)}</td>
                  <td className="lf-num">{run.startedAt && run.finishedAt ? formatMs(run.finishedAt - run.startedAt) : run.startedAt ? <span className="lf-muted">running</span> : '—'}</td>
                  <td className="ops-error-td">
                    <ErrorCell run={run} />
                  </td>
                  <td>
                    <code className="lf-muted">{run.id.slice(0, 8)}</code>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
        {cursor ? (
          <div className="ops-more">
            <button type="button" className="lf-btn" onClick={more} disabled={loadingMore}>
              {loadingMore ? 'Loading…' : 'Older runs'}
            </button>
          </div>
        ) : null}
      </div>
    </div>
  );
}
