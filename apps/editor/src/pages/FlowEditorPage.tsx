import { useEffect, useState } from 'react';
import { specs } from '@ledgerflow/nodes/specs';
import { httpApi } from '../api/ledgerflow-api';
import { Link } from '../app/Link';
import { EditorContext, type EditorContextValue } from '../components/editor/editor-context';
import { EditorLayout } from '../components/editor/EditorLayout';
import { createEditor } from '../store/editor-store';

const PALETTE_KEY = 'ledgerflow.palette';

/** Loads a flow and opens it in the editor. */
export function FlowEditorPage({ flowId }: { flowId: string }) {
  const [context, setContext] = useState<EditorContextValue | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    let cancelled = false;
    let dispose: (() => void) | undefined;
    httpApi.getFlow(flowId).then(
      (loaded) => {
        if (cancelled) return;
        const editor = createEditor({ api: httpApi, specs, initial: loaded.flow, version: loaded.version, publishedVersion: loaded.publishedVersion, paletteOpen: localStorage.getItem(PALETTE_KEY) !== 'closed' });
        const unsubscribe = editor.store.subscribe(() => localStorage.setItem(PALETTE_KEY, editor.store.get().paletteOpen ? 'open' : 'closed'));
        dispose = () => {
          unsubscribe();
          editor.actions.dispose();
        };
        setContext({ editor, specs, api: httpApi });
      },
      (e: unknown) => {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      cancelled = true;
      dispose?.();
    };
  }, [flowId]);

  if (error) {
    return (
      <div className="lf-page">
        <div className="lf-empty">
          <div className="lf-empty-icon" aria-hidden>
            !
          </div>
          <h2>Could not open “{flowId}”</h2>
          <p>{error}</p>
          <Link href="/" className="lf-btn lf-btn-primary">
            Back to flows
          </Link>
        </div>
      </div>
    );
  }
  if (!context) return <div className="lf-loading">Opening {flowId}…</div>;
  return (
    <EditorContext.Provider value={context}>
      <EditorLayout />
    </EditorContext.Provider>
  );
}
