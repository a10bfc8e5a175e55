import type { FlowDocument } from '@ledgerflow/flow';
import type { LedgerflowApi } from '../api/ledgerflow-api';
import type { Store } from './create-store';
import type { EditorState, Toast } from './editor-store';
import { publishBlocker } from './publish-rules';

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);
const POLL_MS = 400;

interface ServerContext {
  store: Store<EditorState>;
  api: LedgerflowApi;
  toast: (kind: Toast['kind'], text: string) => void;
  replaceFlow: (flow: FlowDocument) => void;
}

/** The editor actions that talk to the server: save, publish, restore, test runs. */
export function serverActions({ store, api, toast, replaceFlow }: ServerContext) {
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const actions = {
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
        replaceFlow(old.flow);
        if (await actions.save()) toast('success', `Restored version ${version} as version ${store.get().version ?? '?'}`);
      } catch (error) {
        toast('error', `Could not restore version ${version}: ${message(error)}`);
      }
    },

    /** Saves if needed, starts a run with `input` on that version and follows it until it ends. */
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

    /** Shows a past run's statuses on the canvas, following it if it is still going. */
    async showRun(runId: string): Promise<void> {
      try {
        const run = await api.getRun(runId);
        store.set({ run, panel: 'run' });
        if (!TERMINAL.has(run.status) && run.status !== 'waiting') {
          store.set({ running: true });
          await poll(runId);
        }
      } catch (error) {
        toast('error', `Could not load run ${runId}: ${message(error)}`);
      }
    },

    clearRun(): void {
      // A poll still under way sees the run gone and stops by itself.
      store.set({ run: null, running: false, panel: 'inspect' });
    },

    dispose(): void {
      disposed = true;
      if (pollTimer) clearTimeout(pollTimer);
    },
  };

  /** Polls GET /api/runs/:id until the run ends or waits for an approval. */
  async function poll(runId: string): Promise<void> {
    while (!disposed) {
      try {
        const run = await api.getRun(runId);
        if (disposed || store.get().run?.id !== runId) return;
        const done = TERMINAL.has(run.status) || run.status === 'waiting';
        store.set({ run, running: !done });
        if (done) {
          if (run.status === 'succeeded') toast('success', 'Run finished: every step succeeded');
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
    }
  }

  return actions;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
