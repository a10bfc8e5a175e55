import { useEffect, useRef, useState } from 'react';
import { describeDiff, diffFlows, type FlowDocument } from '@ledgerflow/flow';
import type { VersionSummary } from '../../api/schemas';
import { downloadFlow } from '../../app/flow-files';
import { formatTime } from '../../run/run-status';
import { useEditor, useEditorState } from '../editor/editor-context';

/** Saved versions with author, time and a readable diff; restore an old one as the newest. */
export function VersionsPanel() {
  const { editor, api } = useEditor();
  const flow = useEditorState((s) => s.flow);
  const current = useEditorState((s) => s.version);
  const published = useEditorState((s) => s.publishedVersion);
  const savedStamp = useEditorState((s) => s.savedStamp);
  const [versions, setVersions] = useState<VersionSummary[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [open, setOpen] = useState<number | undefined>();
  const docs = useRef(new Map<number, Promise<FlowDocument>>());

  useEffect(() => {
    api.listVersions(flow.id).then(
      (items) => setVersions([...items].sort((a, b) => b.version - a.version)),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [api, flow.id, savedStamp]);

  const load = (version: number): Promise<FlowDocument> => {
    let doc = docs.current.get(version);
    if (!doc) {
      doc = api.getVersion(flow.id, version).then((v) => v.flow);
      docs.current.set(version, doc);
    }
    return doc;
  };

  return (
    <div className="lf-versions" data-testid="versions-panel">
      <div className="lf-panel-section">
        <div className="lf-section-title">Versions</div>
        <p className="lf-hint">Every save of a changed flow is a new version. Restoring loads an old version and saves it as the newest, so history is never lost.</p>
        {error ? <div className="lf-alert lf-alert-error">{error}</div> : null}
        {versions === undefined && !error ? <div className="lf-muted">Loading…</div> : null}
        {versions && versions.length === 0 ? <div className="lf-muted">No versions yet. Save to create the first one.</div> : null}
        <ul className="lf-version-list">
          {(versions ?? []).map((v, i) => {
            const previous = versions?.[i + 1]?.version;
            return (
              <li key={v.version} className={open === v.version ? 'is-open' : ''} data-testid={`version-${v.version}`}>
                <button type="button" className="lf-version-row" onClick={() => setOpen(open === v.version ? undefined : v.version)} aria-expanded={open === v.version}>
                  <span className="lf-version-number">v{v.version}</span>
                  <span className="lf-grow">
                    <span className="lf-strong">{v.createdBy ?? 'unknown'}</span>
                    <span className="lf-muted"> · {formatTime(v.createdAt)}</span>
                  </span>
                  {v.version === published ? <span className="lf-tag is-published">published</span> : null}
                  {v.version === current ? <span className="lf-tag">latest</span> : null}
                </button>
                {open === v.version ? (
                  <VersionDetail
                    version={v.version}
                    previous={previous}
                    load={load}
                    drawing={flow}
                    isCurrent={v.version === current}
                    onRestore={() => void editor.actions.restore(v.version)}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}

function VersionDetail(props: { version: number; previous: number | undefined; load: (v: number) => Promise<FlowDocument>; drawing: FlowDocument; isCurrent: boolean; onRestore: () => void }) {
  const { version, previous, load, drawing, isCurrent, onRestore } = props;
  const [against, setAgainst] = useState<'previous' | 'drawing'>(previous === undefined ? 'drawing' : 'previous');
  const [lines, setLines] = useState<string[] | undefined>();
  const [doc, setDoc] = useState<FlowDocument | undefined>();

  useEffect(() => {
    let live = true;
    const work = async () => {
      const mine = await load(version);
      if (!live) return;
      setDoc(mine);
      if (against === 'previous' && previous !== undefined) setLines(describeDiff(diffFlows(await load(previous), mine)));
      else if (against === 'previous') setLines(['First version.']);
      else setLines(describeDiff(diffFlows(mine, drawing)));
    };
    void work().catch((e: unknown) => live && setLines([`Could not load: ${e instanceof Error ? e.message : String(e)}`]));
    return () => {
      live = false;
    };
  }, [version, previous, against, drawing, load]);

  return (
    <div className="lf-version-detail">
      <div className="lf-segmented lf-segmented-small">
        <button type="button" className={against === 'previous' ? 'is-on' : ''} onClick={() => setAgainst('previous')} disabled={previous === undefined}>
          Changes in v{version}
        </button>
        <button type="button" className={against === 'drawing' ? 'is-on' : ''} onClick={() => setAgainst('drawing')}>
          v{version} → drawing now
        </button>
      </div>
      <ul className="lf-diff" data-testid="version-diff">
        {(lines ?? ['Loading…']).map((line, i) => (
          <li key={i} className={diffClass(line)}>
            {line}
          </li>
        ))}
      </ul>
      <div className="lf-row">
        <button type="button" className="lf-btn lf-btn-small" onClick={onRestore} disabled={isCurrent} data-testid={`restore-${version}`} title={isCurrent ? 'This is the current version' : 'Load this version and save it as the newest'}>
          Restore v{version}
        </button>
        <button type="button" className="lf-link-btn" onClick={() => doc && downloadFlow(doc)} disabled={!doc}>
          Download JSON
        </button>
      </div>
    </div>
  );
}

function diffClass(line: string): string {
  if (/^(Added|Connected)/.test(line)) return 'is-add';
  if (/^(Removed|Disconnected)/.test(line)) return 'is-remove';
  if (/^(Node|Flow)/.test(line)) return 'is-change';
  return '';
}
