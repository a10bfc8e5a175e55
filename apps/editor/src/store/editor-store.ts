import { validateFlow, type FlowDocument, type FlowNode, type SpecResolver } from '@ledgerflow/flow';
import type { LedgerflowApi } from '../api/ledgerflow-api';
import type { RunView } from '../api/schemas';
import { copySelection, pasteClipboard, type ClipboardContent } from '../graph/clipboard';
import { isValidConnection, type ConnectionAttempt } from '../graph/connection-rules';
import * as edits from '../graph/doc-edits';
import { indexIssues, type IssueIndex } from '../graph/issue-index';
import { layoutFlow, type Size } from '../graph/layout';
import { starterConfig } from '../form/form-hints';
import { createStore, type Store } from './create-store';
import { emptyHistory, record, redo, undo, type History } from './history';
import { serverActions } from './server-actions';

export { publishBlocker } from './publish-rules';

export type Panel = 'inspect' | 'versions' | 'run' | 'help';

export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'warning' | 'error';
  text: string;
}

/** Where previews take their input from. */
export type PreviewSource = { kind: 'sample' } | { kind: 'pasted'; value: unknown } | { kind: 'run'; run: RunView };

export interface EditorState {
  flow: FlowDocument;
  /** The last saved document; `flow !== savedFlow` means unsaved changes. */
  savedFlow: FlowDocument | null;
  version: number | null;
  /** The version runs use (null: never published; runs then use the latest draft). */
  publishedVersion: number | null;
  publishing: boolean;
  selection: edits.Selection;
  measured: ReadonlyMap<string, Size>;
  history: History<FlowDocument>;
  issues: IssueIndex;
  valid: boolean;
  panel: Panel;
  toast: Toast | null;
  saving: boolean;
  run: RunView | null;
  running: boolean;
  preview: PreviewSource;
  /** Bumped on every save so lists of versions refresh. */
  savedStamp: number;
  clipboard: ClipboardContent | null;
  /** The palette shows names and descriptions, or only icons to leave room for the canvas. */
  paletteOpen: boolean;
}

/** How a change enters the undo history. */
type HistoryMode = { key?: string } | 'skip';


/**
 * The editor's single store and every action on it. Graph edits are the pure
 * functions in ../graph; this only sequences them, keeps history, validates
 * after each change and talks to the API.
 */
export function createEditor(deps: { api: LedgerflowApi; specs: SpecResolver; initial: FlowDocument; version: number | null; publishedVersion?: number | null; paletteOpen?: boolean }) {
  const { api, specs } = deps;
  const checked = check(deps.initial, specs);
  const store: Store<EditorState> = createStore<EditorState>({
    flow: deps.initial,
    savedFlow: deps.initial,
    version: deps.version,
    publishedVersion: deps.publishedVersion ?? null,
    publishing: false,
    selection: edits.EMPTY_SELECTION,
    measured: new Map(),
    history: emptyHistory(),
    issues: checked.issues,
    valid: checked.valid,
    panel: 'inspect',
    toast: null,
    saving: false,
    run: null,
    running: false,
    preview: { kind: 'sample' },
    savedStamp: 0,
    clipboard: null,
    paletteOpen: deps.paletteOpen ?? true,
  });
  let toastId = 0;

  /** Applies a new document: history, validation (unless only the layout moved). */
  function commit(next: FlowDocument, mode: HistoryMode = {}, extra: Partial<EditorState> = {}, layoutOnly = false): void {
    const state = store.get();
    if (next === state.flow) return;
    const history = mode === 'skip' ? state.history : record(state.history, state.flow, mode.key);
    const result = layoutOnly ? { issues: state.issues, valid: state.valid } : check(next, specs);
    store.set({ flow: next, history, ...result, ...extra });
  }

  function toast(kind: Toast['kind'], text: string): void {
    toastId += 1;
    store.set({ toast: { id: toastId, kind, text } });
  }

  const local = {
    toast,
    dismissToast: () => store.set({ toast: null }),
    setPanel: (panel: Panel) => store.set({ panel }),
    togglePalette: () => store.set({ paletteOpen: !store.get().paletteOpen }),

    /** Drops a new node of `type` at a canvas position and selects it. */
    addNode(type: string, position: edits.XY): string {
      const { flow, id } = edits.addNode(store.get().flow, type, starterConfig(type), position);
      commit(flow, {}, { selection: { nodes: [id], edges: [], notes: [] }, panel: 'inspect' });
      return id;
    },

    addNote(position: edits.XY): string {
      const { flow, id } = edits.addNote(store.get().flow, position, '');
      commit(flow, {}, { selection: { nodes: [], edges: [], notes: [id] } });
      return id;
    },

    updateNote(id: string, patch: { text?: string; color?: string }): void {
      commit(edits.updateNote(store.get().flow, id, patch), { key: `note:${id}` });
    },

    /** The connection rule, for live feedback while dragging. */
    canConnect: (attempt: ConnectionAttempt) => isValidConnection(store.get().flow, specs, attempt),

    /** Connects two ports, or refuses with the rule's reason (shown to the user). */
    connect(attempt: ConnectionAttempt): boolean {
      const verdict = isValidConnection(store.get().flow, specs, attempt);
      if (!verdict.ok) {
        toast('error', verdict.reason);
        return false;
      }
      const from = attempt.source ?? '';
      const port = attempt.sourceHandle ?? 'out';
      const to = attempt.target ?? '';
      commit(edits.connect(store.get().flow, from, port, to));
      return true;
    },

    /** Marks the start of a drag: one undo step for the whole move. */
    beginMove(): void {
      const state = store.get();
      store.set({ history: record(state.history, state.flow) });
    },

    move(positions: ReadonlyMap<string, edits.XY>, notePositions: ReadonlyMap<string, edits.XY>): void {
      commit(edits.moveElements(store.get().flow, positions, notePositions), 'skip', {}, true);
    },

    setMeasured(sizes: ReadonlyMap<string, Size>): void {
      const measured = new Map(store.get().measured);
      for (const [id, size] of sizes) measured.set(id, size);
      store.set({ measured });
    },

    select(selection: edits.Selection): void {
      const current = store.get().selection;
      if (sameSelection(current, selection)) return;
      store.set({ selection, ...(selection.nodes.length > 0 ? { panel: inspectOrRun(store.get()) } : {}) });
    },

    selectAll(): void {
      const { flow } = store.get();
      store.set({ selection: { nodes: flow.nodes.map((n) => n.id), edges: flow.edges.map(edits.edgeId), notes: (flow.notes ?? []).map((n) => n.id) } });
    },

    deleteSelection(): void {
      const { flow, selection } = store.get();
      if (selection.nodes.length + selection.edges.length + selection.notes.length === 0) return;
      commit(edits.removeElements(flow, selection), {}, { selection: edits.EMPTY_SELECTION });
    },

    copy(): number {
      const { flow, selection } = store.get();
      const content = copySelection(flow, selection);
      if (!content) return 0;
      store.set({ clipboard: content });
      if (typeof navigator !== 'undefined') void navigator.clipboard?.writeText(JSON.stringify(content)).catch(() => undefined);
      return content.nodes.length + content.notes.length;
    },

    cut(): void {
      if (local.copy() > 0) local.deleteSelection();
    },

    paste(content?: ClipboardContent): void {
      const source = content ?? store.get().clipboard;
      if (!source) return;
      const { flow, selection } = pasteClipboard(store.get().flow, source, { x: 40, y: 40 });
      // The next paste lands a bit further, like in every drawing tool.
      commit(flow, {}, { selection, clipboard: shifted(source) });
    },

    undo(): void {
      const state = store.get();
      const step = undo(state.history, state.flow);
      if (step) store.set({ flow: step.value, history: step.history, ...check(step.value, specs), selection: keepExisting(state.selection, step.value) });
    },

    redo(): void {
      const state = store.get();
      const step = redo(state.history, state.flow);
      if (step) store.set({ flow: step.value, history: step.history, ...check(step.value, specs), selection: keepExisting(state.selection, step.value) });
    },

    autoLayout(): void {
      const { flow, measured } = store.get();
      commit(edits.moveElements(flow, layoutFlow(flow, measured)), {}, {}, true);
    },

    /** Sets one config value (undefined deletes it); typing in one field is one undo step. */
    setConfig(nodeId: string, path: edits.FieldPathLike, value: unknown): void {
      const next = edits.updateNode(store.get().flow, nodeId, (node) => ({ ...node, config: edits.setAtPath(node.config, path, value) }));
      commit(next, { key: `config:${nodeId}:${path.join('.')}` });
    },

    setRetry(nodeId: string, path: edits.FieldPathLike, value: unknown): void {
      const next = edits.updateNode(store.get().flow, nodeId, (node) => withRetry(node, edits.setAtPath(node.retry ?? {}, path, value)));
      commit(next, { key: `retry:${nodeId}:${path.join('.')}` });
    },

    setNodeName(nodeId: string, name: string): void {
      const next = edits.updateNode(store.get().flow, nodeId, (node) => {
        const { name: _old, ...rest } = node;
        return name.trim() === '' ? rest : { ...rest, name };
      });
      commit(next, { key: `name:${nodeId}` });
    },

    /** Renames a node id; returns the reason when the id cannot be used. */
    renameNode(from: string, to: string): string | undefined {
      const result = edits.renameNode(store.get().flow, from, to);
      if ('error' in result) return result.error;
      const { selection } = store.get();
      commit(result.flow, {}, { selection: { ...selection, nodes: selection.nodes.map((id) => (id === from ? to : id)) } });
      return undefined;
    },

    setFlowName(name: string): void {
      commit({ ...store.get().flow, name }, { key: 'flow:name' });
    },

    setDescription(description: string): void {
      const { description: _old, ...rest } = store.get().flow;
      commit(description.trim() === '' ? rest : { ...rest, description }, { key: 'flow:description' });
    },

    setPreview(preview: PreviewSource): void {
      store.set({ preview });
    },

    /** Replaces the drawing with another document (import, restore), as one undo step. */
    replaceFlow(flow: FlowDocument): void {
      commit({ ...flow, id: store.get().flow.id }, {}, { selection: edits.EMPTY_SELECTION });
    },

  };
  const actions = { ...local, ...serverActions({ store, api, toast, replaceFlow: (flow) => local.replaceFlow(flow) }) };

  return { store, actions };
}

export type Editor = ReturnType<typeof createEditor>;
export type EditorActions = Editor['actions'];

function check(flow: FlowDocument, specs: SpecResolver): { issues: IssueIndex; valid: boolean } {
  const result = validateFlow(flow, specs);
  return { issues: indexIssues(flow, result.issues), valid: result.ok };
}

function inspectOrRun(state: EditorState): Panel {
  return state.run && state.panel === 'run' ? 'run' : 'inspect';
}

function withRetry(node: FlowNode, retry: Record<string, unknown>): FlowNode {
  const { retry: _old, ...rest } = node;
  return Object.keys(retry).length === 0 ? rest : { ...rest, retry };
}

function sameSelection(a: edits.Selection, b: edits.Selection): boolean {
  const same = (x: string[], y: string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return same(a.nodes, b.nodes) && same(a.edges, b.edges) && same(a.notes, b.notes);
}

function keepExisting(selection: edits.Selection, flow: FlowDocument): edits.Selection {
  const nodes = new Set(flow.nodes.map((n) => n.id));
  const edges = new Set(flow.edges.map(edits.edgeId));
  const notes = new Set((flow.notes ?? []).map((n) => n.id));
  return { nodes: selection.nodes.filter((id) => nodes.has(id)), edges: selection.edges.filter((id) => edges.has(id)), notes: selection.notes.filter((id) => notes.has(id)) };
}

function shifted(content: ClipboardContent): ClipboardContent {
  return {
    ...content,
    nodes: content.nodes.map((n) => ({ ...n, ui: { ...n.ui, position: { x: (n.ui?.position?.x ?? 0) + 40, y: (n.ui?.position?.y ?? 0) + 40 } } })),
    notes: content.notes.map((n) => ({ ...n, position: { x: n.position.x + 40, y: n.position.y + 40 } })),
  };
}
