import { useEffect, useState } from 'react';
import { Link } from '../app/Link';
import { getDashboard, type Dashboard } from './runs-api';
import { formatMs, formatNumber, messageOf, STATUS_COLORS } from './runs-ui';

const CHART_STATUSES = ['succeeded', 'failed', 'cancelled', 'waiting', 'running', 'queued'] as const;

/** Stacked bars of runs per bucket by status, in plain SVG. */
function RunsChart({ buckets, label }: { buckets: Dashboard['hourly']; label: (at: number) => string }) {
  // Close to the card's real width, so text in the SVG keeps its CSS size.
  const width = 1140;
  const height = 200;
  const pad = { left: 34, right: 8, top: 8, bottom: 22 };
  const totals = buckets.map((b) => CHART_STATUSES.reduce((n, s) => n + (b.counts[s] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const nice = niceMax(max);
  const slot = (width - pad.left - pad.right) / Math.max(1, buckets.length);
  const bar = Math.max(2, slot * 0.7);
  const y = (v: number) => pad.top + (height - pad.top - pad.bottom) * (1 - v / nice);
  const every = Math.ceil(buckets.length / 8);
  return (
    <svg className="ops-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Runs by status over time" data-testid="runs-chart">
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line x1={pad.left} x2={width - pad.right} y1={y(nice * f)} y2={y(nice * f)} stroke="#e8ebf0" />
          <text x={pad.left - 6} y={y(nice * f) + 4} textAnchor="end" className="ops-chart-axis">
            {formatNumber(nice * f)}
          </text>
        </g>
      ))}
      {buckets.map((b, i) => {
        let acc = 0;
        const x = pad.left + i * slot + (slot - bar) / 2;
        return (
          <g key={b.at}>
            <title>{`${label(b.at)}: ${CHART_STATUSES.filter((s) => b.counts[s]).map((s) => `${b.counts[s]} ${s}`).join(', ') || 'no runs'}`}</title>
            {CHART_STATUSES.map((s) => {
              const n = b.counts[s] ?? 0;
              if (n === 0) return null;
              const top = y(acc + n);
              const h = y(acc) - top;
              acc += n;
              return <rect key={s} x={x} y={top} width={bar} height={Math.max(1, h)} fill={STATUS_COLORS[s]} rx={1.5} />;
            })}
            {i % every === 0 ? (
              <text x={x + bar / 2} y={height - 6} textAnchor="middle" className="ops-chart-axis">
                {label(b.at)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

function niceMax(max: number): number {
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= max) return m * step;
  return max;
}

function Tile({ label, value, tone, hint }: { label: string; value: string; tone?: 'danger' | 'warning' | 'success'; hint?: string }) {
  return (
    <div className={`lf-card ops-tile ${tone ? `is-${tone}` : ''}`}>
      <span className="lf-label">{label}</span>
      <strong>{value}</strong>
      {hint ? <span className="lf-muted">{hint}</span> : null}
    </div>
  );
}

const pct = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.1 ? 1 : 0)}%`;

/** The operator's overview: volume by status, failure rates and durations per flow, approvals, retries, Odoo errors. */
export function DashboardPage() {
  const [days, setDays] = useState(7);
  const [view, setView] = useState<'hourly' | 'daily'>('hourly');
  const [data, setData] = useState<Dashboard | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    const load = () => getDashboard(days).then(setData, (e: unknown) => setError(messageOf(e)));
    void load();
    const timer = setInterval(load, 15_000);
    return () => clearInterval(timer);
  }, [days]);

  if (error) return <div className="lf-page"><div className="lf-alert lf-alert-error">{error}</div></div>;
  if (!data) return <div className="lf-page lf-muted">Loading dashboard…</div>;
  const t = data.totals;
  const hourLabel = (at: number) => new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const dayLabel = (at: number) => new Date(at).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  return (
    <div className="lf-page ops-page" data-testid="dashboard-page">
      <div className="lf-page-head">
        <div>
          <h1>Dashboard</h1>
          <p className="lf-muted">Runs of the last {days} days. Updates every 15 seconds.</p>
        </div>
        <label className="ops-filter">
          <span className="lf-label">Period</span>
          <select className="lf-filter" value={days} onChange={(e) => setDays(Number(e.target.value))} aria-label="Period">
            <option value={1}>1 day</option>
            <option value={7}>7 days</option>
            <option value={30}>30 days</option>
          </select>
        </label>
      </div>

      <div className="ops-tiles">
        <Tile label="Runs" value={formatNumber(t.runs)} hint={`${formatNumber(t.succeeded)} succeeded`} />
        <Tile label="Failure rate" value={pct(t.failureRate)} tone={t.failureRate > 0.05 ? 'danger' : 'success'} hint={`${formatNumber(t.failed)} failed`} />
        <Tile label="Approvals waiting" value={formatNumber(data.approvals.pending)} tone={data.approvals.pending > 0 ? 'warning' : undefined} hint={data.approvals.oldestAgeMs !== null ? `oldest ${formatMs(data.approvals.oldestAgeMs)}` : 'none waiting'} />
        <Tile label="Odoo errors" value={formatNumber(data.odooErrors.reduce((n, e) => n + e.count, 0))} tone={data.odooErrors.length > 0 ? 'danger' : undefined} hint={data.odooErrors[0] ? `mostly ${data.odooErrors[0].odooName.replace(/^odoo\.exceptions\./, '')}` : 'none'} />
      </div>

      <div className="lf-card ops-card-pad">
        <div className="ops-chart-head">
          <div className="ops-card-title">Runs per {view === 'hourly' ? 'hour (last 24 h)' : `day (last ${days} days)`}</div>
          <div className="ops-seg" role="tablist">
            <button type="button" role="tab" aria-selected={view === 'hourly'} className={view === 'hourly' ? 'is-active' : ''} onClick={() => setView('hourly')}>
              Hourly
            </button>
            <button type="button" role="tab" aria-selected={view === 'daily'} className={view === 'daily' ? 'is-active' : ''} onClick={() => setView('daily')}>
              Daily
            </button>
          </div>
        </div>
        <RunsChart buckets={view === 'hourly' ? data.hourly : data.daily} label={view === 'hourly' ? hourLabel : dayLabel} />
        <div className="ops-legend">
          {CHART_STATUSES.map((s) => (
            <span key={s}>
              <span className="ops-swatch" style={{ background: STATUS_COLORS[s] }} /> {s}
            </span>
          ))}
        </div>
      </div>

      <div className="ops-dash-grid">
        <div className="lf-card ops-card-pad">
          <div className="ops-card-title">Flows</div>
          <table className="lf-table ops-compact" data-testid="flow-stats">
            <thead>
              <tr>
                <th>Flow</th>
                <th className="lf-num">Runs</th>
                <th className="lf-num">Failure rate</th>
                <th className="lf-num">p50</th>
                <th className="lf-num">p95</th>
              </tr>
            </thead>
            <tbody>
              {data.flows.length === 0 ? (
                <tr>
                  <td colSpan={5} className="lf-muted">
                    No runs in this period.
                  </td>
                </tr>
              ) : null}
              {data.flows.map((f) => (
                <tr key={f.flowId}>
                  <td>
                    <Link href={`/runs?flowId=${encodeURIComponent(f.flowId)}`}>{f.flowId}</Link>
                  </td>
                  <td className="lf-num">{formatNumber(f.runs)}</td>
                  <td className="lf-num">
                    <span className={f.failureRate > 0.05 ? 'ops-bad' : ''}>{pct(f.failureRate)}</span>
                    <span className="ops-rate-bar">
                      <span style={{ width: pct(f.failureRate) }} />
                    </span>
                  </td>
                  <td className="lf-num">{formatMs(f.p50Ms)}</td>
                  <td className="lf-num">{formatMs(f.p95Ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        <div className="lf-card ops-card-pad">
          <div className="ops-card-title">Odoo errors by class</div>
          {data.odooErrors.length === 0 ? <p className="lf-muted">No Odoo errors in this period.</p> : null}
          <ul className="ops-bars" data-testid="odoo-errors">
            {data.odooErrors.map((e) => (
              <li key={e.odooName} title={e.lastMessage}>
                <span className="ops-bars-label">{e.odooName.replace(/^odoo\.exceptions\./, '')}</span>
                <span className="ops-bars-track">
                  <span style={{ width: `${(e.count / Math.max(...data.odooErrors.map((x) => x.count))) * 100}%` }} />
                </span>
                <span className="ops-bars-value">{formatNumber(e.count)}</span>
                <span className="ops-bars-note lf-muted">{e.lastMessage}</span>
              </li>
            ))}
          </ul>
        </div>

        <div className="lf-card ops-card-pad">
          <div className="ops-card-title">Retries per node</div>
          {data.retries.length === 0 ? <p className="lf-muted">No step needed a retry.</p> : null}
          <ul className="ops-bars">
            {data.retries.slice(0, 10).map((r) => (
              <li key={`${r.flowId}/${r.nodeId}`}>
                <span className="ops-bars-label">
                  {r.flowId} · <code>{r.nodeId}</code>
                </span>
                <span className="ops-bars-track is-warning">
                  <span style={{ width: `${(r.retries / Math.max(...data.retries.map((x) => x.retries))) * 100}%` }} />
                </span>
                <span className="ops-bars-value">{formatNumber(r.retries)}</span>
              </li>
            ))}
          </ul>
        </div>

        <div className="lf-card ops-card-pad">
          <div className="ops-card-title">Approvals waiting</div>
          {data.approvals.items.length === 0 ? <p className="lf-muted">Nothing waits for a decision.</p> : null}
          <table className="lf-table ops-compact">
            <tbody>
              {data.approvals.items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link href={`/approvals/${a.id}`}>{a.flowId}</Link> <span className="lf-muted">· {a.nodeId}</span>
                  </td>
                  <td className="lf-num">{formatMs(a.ageMs)}</td>
                  <td>
                    <Link href={`/runs/${a.runId}`}>run</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
