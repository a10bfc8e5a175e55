import { useEffect, useState } from 'react';
import { z } from 'zod';
import { request } from '../api/http';
import { navigate } from '../app/router';

const decision = z.object({ by: z.string(), decision: z.enum(['approve', 'reject']), comment: z.string().optional(), at: z.number() });

/** An approval as GET /api/approvals lists it. */
export const approvalSchema = z.object({
  id: z.string(),
  runId: z.string(),
  flowId: z.string(),
  flowName: z.string(),
  runStatus: z.string().nullable(),
  nodeId: z.string(),
  status: z.string(),
  level: z.number(),
  levelCount: z.number(),
  quorum: z.number(),
  escalated: z.boolean(),
  approvers: z.object({ role: z.string().optional(), users: z.array(z.string()).optional() }),
  message: z.string(),
  fields: z.record(z.string(), z.unknown()),
  amount: z.number().nullable(),
  submittedBy: z.array(z.string()),
  decisions: z.array(decision),
  decidedBy: z.string().nullable(),
  decidedAt: z.number().nullable(),
  comment: z.string().nullable(),
  createdAt: z.number(),
  ageMs: z.number(),
  expiresAt: z.number().nullable(),
  shownHash: z.string(),
  canDecide: z.boolean(),
  cannotDecide: z.string().optional(),
});
export type Approval = z.infer<typeof approvalSchema>;

/** Lists approvals: `pending` for the caller, or `decided`. */
export function listApprovals(status: 'pending' | 'decided'): Promise<Approval[]> {
  return request('GET', `/api/approvals?status=${status}`, z.object({ items: z.array(approvalSchema) })).then((r) => r.items);
}

/** "3 h", "2 d": how long an approval has waited. */
export function age(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} d`;
}

/** Amounts as finance people read them. */
export function money(amount: number | null): string {
  return amount === null ? '—' : amount.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function when(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

function fieldText(value: unknown): string {
  return value === null || value === undefined ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The approver's inbox: what waits for them, and what was decided. */
export function ApprovalsInboxPage() {
  const [tab, setTab] = useState<'pending' | 'decided'>('pending');
  const [items, setItems] = useState<Approval[] | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    setItems(undefined);
    listApprovals(tab).then(setItems, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [tab]);

  return (
    <div className="lf-page" data-testid="approvals-inbox">
      <div className="lf-page-head">
        <div>
          <h1>Approvals</h1>
          <p className="lf-muted">Runs waiting for your decision. A run you started is approved by someone else.</p>
        </div>
        <div className="lf-row">
          <button type="button" className={`lf-btn${tab === 'pending' ? ' lf-btn-primary' : ''}`} onClick={() => setTab('pending')}>
            Waiting
          </button>
          <button type="button" className={`lf-btn${tab === 'decided' ? ' lf-btn-primary' : ''}`} onClick={() => setTab('decided')}>
            Decided
          </button>
        </div>
      </div>
      {error ? <div className="lf-alert lf-alert-error" role="alert">{error}</div> : null}
      {items === undefined ? <div className="lf-loading">Loading…</div> : null}
      {items && items.length === 0 ? (
        <div className="lf-empty">
          <div className="lf-empty-icon">✋</div>
          <p>{tab === 'pending' ? 'Nothing waits for you.' : 'No decisions yet.'}</p>
        </div>
      ) : null}
      {items && items.length > 0 ? (
        <table className="lf-table">
          <thead>
            <tr>
              <th>Flow</th>
              <th>What</th>
              <th className="lf-num">Amount</th>
              <th>Key fields</th>
              {tab === 'pending' ? <th>Waiting</th> : <th>Decision</th>}
              <th>Level</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id} onClick={() => navigate(`/approvals/${encodeURIComponent(a.id)}`)} data-testid="approval-row">
                <td className="lf-strong">{a.flowName}</td>
                <td>{a.message}</td>
                <td className="lf-num lf-mono">{money(a.amount)}</td>
                <td className="lf-muted">
                  {Object.entries(a.fields).map(([k, v]) => (
                    <div key={k}>
                      {k}: <span className="lf-mono">{fieldText(v)}</span>
                    </div>
                  ))}
                </td>
                {tab === 'pending' ? (
                  <td>{age(a.ageMs)}</td>
                ) : (
                  <td>
                    <span className={`lf-tag${a.status === 'approved' ? '' : ' is-retry'}`}>{a.status}</span> {a.decidedBy ?? ''}
                    <div className="lf-muted">{when(a.decidedAt)}</div>
                  </td>
                )}
                <td>
                  {a.level} of {a.levelCount}
                  {a.quorum > 1 ? <div className="lf-muted">{a.decisions.filter((d) => d.decision === 'approve').length}/{a.quorum} approvals</div> : null}
                  {a.escalated ? <div className="lf-muted">escalated</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
