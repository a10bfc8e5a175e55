import { useEffect, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { request } from '../api/http';
import { Link } from '../app/Link';
import { approvalSchema, age, money, when } from './approvals-inbox';

const detailSchema = approvalSchema.extend({
  runUrl: z.string(),
  shown: z.object({ message: z.string(), fields: z.record(z.string(), z.unknown()), amount: z.number().nullable(), data: z.unknown() }),
  history: z.array(
    z.object({
      id: z.string(),
      level: z.number(),
      escalated: z.boolean(),
      status: z.string(),
      approvers: z.object({ role: z.string().optional(), users: z.array(z.string()).optional() }),
      quorum: z.number(),
      decisions: z.array(z.object({ by: z.string(), decision: z.string(), comment: z.string().optional(), at: z.number() })),
      createdAt: z.number(),
      decidedAt: z.number().nullable(),
    }),
  ),
});
type Detail = z.infer<typeof detailSchema>;

const approvers = (a: { role?: string | undefined; users?: string[] | undefined }) => (a.users ? a.users.join(', ') : `role ${a.role ?? 'approver'}`);

/** One approval: what the approver is shown, the run link, the history, and approve/reject with a comment. */
export function ApprovalDetailPage({ id }: { id: string }) {
  const [detail, setDetail] = useState<Detail | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);

  const load = () => request('GET', `/api/approvals/${encodeURIComponent(id)}`, detailSchema).then(setDetail, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  useEffect(() => {
    void load();
  }, [id]);

  const decide = async (verdict: 'approve' | 'reject', event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await request('POST', `/api/approvals/${encodeURIComponent(id)}/decision`, z.unknown(), { decision: verdict, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      await load();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (!detail) return <div className="lf-page">{error ? <div className="lf-alert lf-alert-error" role="alert">{error}</div> : <div className="lf-loading">Loading…</div>}</div>;
  const runPath = `/runs/${encodeURIComponent(detail.runId)}`;
  return (
    <div className="lf-page" data-testid="approval-detail">
      <div className="lf-page-head">
        <div>
          <p className="lf-muted">
            <Link href="/approvals">← Approvals</Link>
          </p>
          <h1>{detail.shown.message}</h1>
          <p className="lf-muted">
            {detail.flowName} · level {detail.level} of {detail.levelCount} · approvers: {approvers(detail.approvers)}
            {detail.quorum > 1 ? ` · ${detail.quorum} approvals needed` : ''} · opened {age(detail.ageMs)}{detail.ageMs >= 60_000 ? ' ago' : ''}
            {detail.expiresAt && detail.status === 'pending' ? ` · expires ${when(detail.expiresAt)}` : ''}
          </p>
        </div>
        <div className="lf-row">
          <span className={`lf-tag${detail.status === 'pending' || detail.status === 'approved' ? '' : ' is-retry'}`} data-testid="approval-status">
            {detail.status}
          </span>
          <Link href={runPath} className="lf-btn" data-testid="run-link">
            Open the run ({detail.runStatus ?? 'unknown'})
          </Link>
        </div>
      </div>
      {error ? <div className="lf-alert lf-alert-error" role="alert">{error}</div> : null}

      <div className="lf-card">
        <table className="lf-table">
          <tbody>
            <tr>
              <td className="lf-strong">Amount</td>
              <td className="lf-mono">{money(detail.shown.amount)}</td>
            </tr>
            {Object.entries(detail.shown.fields).map(([k, v]) => (
              <tr key={k}>
                <td className="lf-strong">{k}</td>
                <td className="lf-mono">{typeof v === 'object' ? JSON.stringify(v) : String(v)}</td>
              </tr>
            ))}
            <tr>
              <td className="lf-strong">Submitted by</td>
              <td>{detail.submittedBy.join(', ') || '—'}</td>
            </tr>
          </tbody>
        </table>
      </div>

      {detail.status === 'pending' ? (
        detail.canDecide ? (
          <form className="lf-card" onSubmit={(e) => void decide('approve', e)}>
            <label className="lf-field">
              <span className="lf-label">Comment</span>
              <textarea name="comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="Why you approve or reject (kept in the audit log)" />
            </label>
            <div className="lf-row">
              <button type="submit" className="lf-btn lf-btn-primary" disabled={busy} data-testid="approve">
                Approve
              </button>
              <button type="button" className="lf-btn lf-btn-danger" disabled={busy} onClick={() => void decide('reject')} data-testid="reject">
                Reject
              </button>
            </div>
          </form>
        ) : (
          <div className="lf-alert lf-alert-warning">{detail.cannotDecide ?? 'You cannot decide this approval.'}</div>
        )
      ) : null}

      <div className="lf-card">
        <h2>History of this run’s approvals</h2>
        <table className="lf-table">
          <thead>
            <tr>
              <th>Level</th>
              <th>Approvers</th>
              <th>Status</th>
              <th>Decisions</th>
            </tr>
          </thead>
          <tbody>
            {detail.history.map((h) => (
              <tr key={h.id}>
                <td>
                  {h.level}
                  {h.escalated ? ' (escalated)' : ''}
                </td>
                <td>{approvers(h.approvers)}</td>
                <td>{h.status}</td>
                <td data-testid="decisions">
                  {h.decisions.length === 0 ? <span className="lf-muted">—</span> : null}
                  {h.decisions.map((d) => (
                    <div key={d.by}>
                      <b>{d.by}</b> {d.decision === 'approve' ? 'approved' : 'rejected'} on {when(d.at)}
                      {d.comment ? <span className="lf-muted"> — “{d.comment}”</span> : null}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="lf-card">
        <h2>Data</h2>
        <pre className="lf-code">{JSON.stringify(detail.shown.data, null, 2)}</pre>
      </div>
    </div>
  );
}
