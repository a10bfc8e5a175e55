import { useEffect, useState, type FormEvent } from 'react';
import { httpApi } from '../api/ledgerflow-api';
import type { FlowSummary } from '../api/schemas';
import { emptyFlow, pickTextFile, readFlowFile, slugFor } from '../app/flow-files';
import { Link } from '../app/Link';
import { navigate } from '../app/router';
import { formatTime } from '../run/run-status';
import { ErrorAlert } from '../components/common/ErrorAlert';

/** All flows, newest first, with "New flow" and "Import". */
export function FlowListPage() {
  const [flows, setFlows] = useState<FlowSummary[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');

  useEffect(() => {
    httpApi.listFlows().then(setFlows, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  const taken = new Set((flows ?? []).map((f) => f.id));

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const title = name.trim() || 'Untitled flow';
    try {
      const saved = await httpApi.createFlow(emptyFlow(slugFor(title, taken), title));
      navigate(`/flows/${encodeURIComponent(saved.id)}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const importFile = async () => {
    const text = await pickTextFile();
    if (text === undefined) return;
    const read = readFlowFile(text);
    if ('error' in read) {
      setError(read.error);
      return;
    }
    const flow = taken.has(read.flow.id) ? { ...read.flow, id: slugFor(`${read.flow.id}-copy`, taken) } : read.flow;
    try {
      const saved = await httpApi.createFlow(flow);
      navigate(`/flows/${encodeURIComponent(saved.id)}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const sorted = [...(flows ?? [])].sort((a, b) => String(b.updatedAt ?? '').localeCompare(String(a.updatedAt ?? '')));

  return (
    <div className="lf-page">
      <div className="lf-page-head">
        <div>
          <h1>Flows</h1>
          <p className="lf-muted">Integration flows between your finance tools and Odoo.</p>
        </div>
        <div className="lf-row">
          <button type="button" className="lf-btn" onClick={() => void importFile()}>
            Import JSON…
          </button>
          <button type="button" className="lf-btn lf-btn-primary" onClick={() => setCreating(true)} data-testid="new-flow">
            New flow
          </button>
        </div>
      </div>
      <ErrorAlert message={error} />
      {creating ? (
        <form className="lf-card lf-new-flow" onSubmit={(e) => void create(e)}>
          <label className="lf-field lf-grow">
            <span className="lf-label">Name of the new flow</span>
            <input autoFocus value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Approved expenses to vendor bills" name="flow-name" />
            <span className="lf-hint">Id: {slugFor(name.trim() || 'Untitled flow', taken)}</span>
          </label>
          <button type="button" className="lf-btn" onClick={() => setCreating(false)}>
            Cancel
          </button>
          <button type="submit" className="lf-btn lf-btn-primary">
            Create and open
          </button>
        </form>
      ) : null}
      {flows === undefined && !error ? <div className="lf-card lf-muted">Loading flows…</div> : null}
      {flows && flows.length === 0 ? (
        <div className="lf-empty">
          <div className="lf-empty-icon" aria-hidden>
            ⇄
          </div>
          <h2>No flows yet</h2>
          <p>Create a flow and draw it from a trigger, or import a flow JSON file.</p>
          <button type="button" className="lf-btn lf-btn-primary" onClick={() => setCreating(true)}>
            New flow
          </button>
        </div>
      ) : null}
      {sorted.length > 0 ? (
        <table className="lf-table" data-testid="flow-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Id</th>
              <th className="lf-num">Version</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((flow) => (
              <tr key={flow.id} onClick={() => navigate(`/flows/${encodeURIComponent(flow.id)}`)}>
                <td>
                  <Link href={`/flows/${encodeURIComponent(flow.id)}`} className="lf-strong">
                    {flow.name}
                  </Link>
                </td>
                <td className="lf-mono lf-muted">{flow.id}</td>
                <td className="lf-num">v{flow.version}</td>
                <td className="lf-muted">{formatTime(flow.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
