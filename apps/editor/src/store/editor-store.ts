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

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);
const POLL_MS = 400;

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
  let pollTimer: ReturnType<typeof setTimeout> | undefined;

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

  const actions = {
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
      if (actions.copy() > 0) actions.deleteSelection();
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

    /** Saves the drawing as a new version (a draft when it has problems). */
    async save(): Promise<boolean> {
      const state = store.get();
      if (state.saving) return false;
      const flow = state.flow;
      store.set({ saving: true });
      try {
        const saved = await api.saveFlow(flow);
        const problems = saved.issues?.length ?? state.issues.all.length;
        store.set({ savedFlow: flow, version: saved.version, saving: false, savedStamp: store.get().savedStamp + 1 });
        if (saved.changed === false) toast('info', `No changes since version ${saved.version}`);
        else if (problems > 0) toast('warning', `Saved draft version ${saved.version} with ${problems} problem${problems === 1 ? '' : 's'}`);
        else toast('success', `Saved version ${saved.version}`);
        return true;
      } catch (error) {
        store.set({ saving: false });
        toast('error', `Could not save: ${message(error)}`);
        return false;
      }
    },

    /**
     * Publishes: saves the drawing if needed, then makes that version the one
     * runs use (or opens a review when the server requires one). Drafts with
     * problems can be saved but never published.
     */
    async publish(): Promise<void> {
      const blocker = publishBlocker(store.get());
      if (blocker) {
        toast('warning', blocker);
        return;
      }
      if (store.get().flow !== store.get().savedFlow && !(await actions.save())) return;
      const version = store.get().version;
      if (version === null) return;
      store.set({ publishing: true });
      try {
        const answer = await api.publishFlow(store.get().flow.id, version);
        if (answer.review) {
          store.set({ publishing: false });
          toast('info', `Version ${version} is waiting for review: another designer must approve it before runs use it`);
        } else {
          store.set({ publishing: false, publishedVersion: answer.publishedVersion ?? version, savedStamp: store.get().savedStamp + 1 });
          toast('success', `Published version ${version}: runs now use it`);
        }
      } catch (error) {
        store.set({ publishing: false });
        toast('error', `Could not publish: ${message(error)}`);
      }
    },

    /** Loads an old version into the drawing and saves it as the newest version. */
    async restore(version: number): Promise<void> {
      try {
        const old = await api.getVersion(store.get().flow.id, version);
        actions.replaceFlow(old.flow);
        const ok = await actions.save();
        if (ok) toast('success', `Restored version ${version} as version ${store.get().version ?? '?'}`);
      } catch (error) {
        toast('error', `Could not restore version ${version}: ${message(error)}`);
      }
    },

    /** Saves if needed, starts a run with `input` and follows it until it ends. */
    async startRun(input: unknown): Promise<void> {
      if (store.get().running) return;
      if (store.get().flow !== store.get().savedFlow && !(await actions.save())) return;
      store.set({ running: true, panel: 'run' });
      try {
        const started = await api.startRun(store.get().flow.id, input, store.get().version ?? undefined);
        store.set({ run: { id: started.id, flowId: store.get().flow.id, status: started.status, input, output: undefined, steps: [] } });
        await poll(started.id);
      } catch (error) {
        store.set({ running: false });
        toast('error', `Could not start the run: ${message(error)}`);
      }
    },

    /** Shows a past run's statuses on the canvas. */
    async showRun(runId: string): Promise<void> {
      try {
        const run = await api.getRun(runId);
        store.set({ run, panel: 'run' });
        if (!TERMINAL.has(run.status)) {
          store.set({ running: true });
          await poll(runId);
        }
      } catch (error) {
        toast('error', `Could not load run ${runId}: ${message(error)}`);
      }
    },

    clearRun(): void {
      if (pollTimer) clearTimeout(pollTimer);
      store.set({ run: null, running: false, panel: 'inspect' });
    },

    markSaved(flow: FlowDocument, version: number): void {
      store.set({ savedFlow: flow, version });
    },

    dispose(): void {
      if (pollTimer) clearTimeout(pollTimer);
    },
  };

  async function poll(runId: string): Promise<void> {
    const tick = async (): Promise<void> => {
      try {
        const run = await api.getRun(runId);
        if (store.get().run?.id !== runId) return;
        const done = TERMINAL.has(run.status) || run.status === 'waiting';
        store.set({ run, running: !done });
        if (done) {
          if (run.status === 'succeeded') toast('success', `Run finished: every step succeeded`);
          else if (run.status === 'waiting') toast('info', 'The run is waiting for an approval');
          else toast('error', `Run ${run.status}${run.error ? `: ${run.error.message}` : ''}`);
          return;
        }
      } catch (error) {
        store.set({ running: false });
        toast('error', `Lost track of the run: ${message(error)}`);
        return;
      }
      await new Promise<void>((resolve) => {
        pollTimer = setTimeout(resolve, POLL_MS);
      });
      await tick();
    };
    await tick();
  }

  return { store, actions };
}

export type Editor = ReturnType<typeof createEditor>;
export type EditorActions = Editor['actions'];

/** Why the drawing cannot be published now, or undefined when it can. */
export function publishBlocker(state: Pick<EditorState, 'valid' | 'issues' | 'saving' | 'publishing' | 'flow' | 'savedFlow' | 'version' | 'publishedVersion'>): string | undefined {
  if (state.saving || state.publishing) return 'Saving…';
  if (!state.valid) {
    const count = state.issues.all.length;
    return `Fix ${count} problem${count === 1 ? '' : 's'} before publishing; you can still save a draft`;
  }
  if (state.flow === state.savedFlow && state.version !== null && state.version === state.publishedVersion) return `Version ${state.version} is already published`;
  return undefined;
}

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

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
