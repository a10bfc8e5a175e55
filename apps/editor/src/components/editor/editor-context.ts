import { createContext, useContext } from 'react';
import type { SpecResolver } from '@ledgerflow/flow';
import type { LedgerflowApi } from '../../api/ledgerflow-api';
import type { Editor, EditorState } from '../../store/editor-store';
import { useStore } from '../../store/use-store';

export interface EditorContextValue {
  editor: Editor;
  specs: SpecResolver;
  api: LedgerflowApi;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

/** The editor of the page (store, actions, specs, API). */
export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditor outside an EditorContext');
  return value;
}

/** A slice of editor state. */
export function useEditorState<T>(select: (state: EditorState) => T): T {
  return useStore(useEditor().editor.store, select);
}
