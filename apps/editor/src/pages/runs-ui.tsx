import { useEffect, useRef, type ReactNode } from 'react';
import './runs-ops.css';

/** Small pieces shared by the runs, run detail, failures and dashboard pages. */

export const STATUS_COLORS: Readonly<Record<string, string>> = {
  queued: '#8a94a6',
  running: '#2354d6',
  waiting: '#a86300',
  ready: '#8a94a6',
  succeeded: '#16875a',
  failed: '#cc3340',
  cancelled: '#5f6b7d',
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`ops-status ops-status-${status}`} data-status={status}>
      <span className="ops-dot" aria-hidden />
      {status}
    </span>
  );
}

/** "5 Mar, 14:02:09". */
export function formatWhen(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '';
  return new Date(ms).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** "42 ms", "1.3 s", "2 min 5 s", "3 h 10 min". */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / 60_000)} min`;
}

export function formatNumber(value: number): string {
  return value.toLocaleString(undefined, { maximumFractionDigits: 2 });
}

/** A collapsible JSON tree: objects and arrays fold, long ones start folded. */
export function JsonTree({ value, name, depth = 0 }: { value: unknown; name?: string; depth?: number }) {
  const label = name === undefined ? null : <span className="ops-json-key">{name}: </span>;
  if (value === null || typeof value !== 'object') {
    return (
      <div className="ops-json-line">
        {label}
        <span className={`ops-json-${value === null ? 'null' : typeof value}`}>{value === undefined ? 'undefined' : JSON.stringify(value)}</span>
      </div>
    );
  }
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const open = depth < 2 && entries.length <= 30;
  const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  return (
    <details className="ops-json-node" open={open}>
      <summary>
        {label}
        <span className="ops-json-summary">{summary}</span>
      </summary>
      <div className="ops-json-children">
        {entries.length === 0 ? <span className="ops-json-null">empty</span> : entries.map(([k, v]) => <JsonTree key={k} name={k} value={v} depth={depth + 1} />)}
      </div>
    </details>
  );
}

/** A modal asking to confirm an action; Escape or Cancel closes it. */
export function ConfirmDialog({ title, children, confirmLabel, danger, busy, onConfirm, onCancel }: { title: string; children?: ReactNode; confirmLabel: string; danger?: boolean; busy?: boolean; onConfirm: () => void; onCancel: () => void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    ref.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  return (
    <div className="ops-modal-backdrop" role="presentation" onClick={onCancel}>
      <div className="ops-modal" role="dialog" aria-modal="true" aria-label={title} onClick={(e) => e.stopPropagation()}>
        <h2>{title}</h2>
        <div className="ops-modal-body">{children}</div>
        <div className="ops-modal-actions">
          <button type="button" className="lf-btn lf-btn-ghost" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" ref={ref} className={`lf-btn ${danger ? 'lf-btn-danger' : 'lf-btn-primary'}`} disabled={busy} onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Text of anything thrown, for an alert. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
