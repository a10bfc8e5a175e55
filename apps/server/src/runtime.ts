import { Engine, Worker, type NodeServices, type RunRecord, type RunTrigger } from '@ledgerflow/engine';
import { maskValue, type FlowDocument } from '@ledgerflow/flow';
import { nodeResolver } from '@ledgerflow/nodes';
import { FlowRepository, Publishing, RunQueries, SqlEngineStore, type Db } from '@ledgerflow/store';
import jsonata from 'jsonata';
import type { Connections } from './connections';
import { RunEvents } from './events';
import { HttpError, notFound } from './http-errors';
import type { Logger } from './logger';
import { logRunChanges } from './run-log';
import { RunTotals } from './run-totals';

export interface RuntimeOptions {
  db: Db;
  connections: Connections;
  logger: Logger;
  publicUrl: string;
  workerConcurrency: number;
  /** Run lease length (ms); see Settings.leaseMs. */
  leaseMs?: number;
  /** Extra services (mail, approvals) wired by later layers. */
  services?: Partial<NodeServices>;
  fetch?: typeof fetch;
  onRunFinished?: (run: RunRecord) => void;
}

/** The engine, its worker and the services nodes use, for one server process. */
export class Runtime {
  readonly engine: Engine;
  readonly worker: Worker;
  readonly store: SqlEngineStore;
  readonly flows: FlowRepository;
  readonly runs: RunQueries;
  readonly publishing: Publishing;
  readonly services: NodeServices;
  /** Run changes made by this process, for the events stream and metrics. */
  readonly events = new RunEvents();
  /** Control totals, computed as runs finish. */
  readonly totals: RunTotals;

  constructor(private readonly options: RuntimeOptions) {
    this.store = new SqlEngineStore(options.db);
    this.flows = new FlowRepository(options.db.kysely);
    this.runs = new RunQueries(options.db.kysely);
    this.publishing = new Publishing(options.db.kysely);
    this.totals = new RunTotals(options.db.kysely, this.store, (error, runId) => options.logger.error({ err: error, runId }, 'control totals failed'));
    this.totals.watch(this.events);
    logRunChanges(this.events, options.logger);
    this.services = {
      odoo: (name) => options.connections.odoo(name),
      fetch: options.fetch ?? fetch,
      links: { run: (id) => `${options.publicUrl}/runs/${id}`, approval: (id) => `${options.publicUrl}/approvals/${id}` },
      ...options.services,
    };
    this.engine = new Engine({
      store: this.store,
      nodes: nodeResolver(),
      services: this.services,
      mask: (flow: FlowDocument, value: unknown) => maskValue(value, flow.settings?.mask ?? []),
      ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
      onCommit: (commit, state) => this.events.publish({ kind: 'commit', run: state.run, commit, state }),
      onRunFinished: (run) => {
        options.logger.info({ runId: run.id, flowId: run.flowId, status: run.status }, 'run finished');
        options.onRunFinished?.(run);
      },
    });
    this.worker = new Worker(this.engine, { concurrency: options.workerConcurrency, onError: (error) => options.logger.error({ err: error }, 'worker error') });
  }

  /** Queues a run of a flow's current (or given) version and wakes the worker. */
  async startRun(flowId: string, input: unknown, trigger: RunTrigger, options: { version?: number; idempotencyKey?: string } = {}): Promise<RunRecord> {
    if (options.idempotencyKey) {
      const existing = await this.runs.findByIdempotencyKey(flowId, options.idempotencyKey);
      if (existing) {
        const detail = await this.store.loadRun(existing);
        if (detail) return detail.run;
      }
    }
    // Runs use the published version; a flow never published runs its latest draft.
    const published = options.version === undefined ? (await this.publishing.state(flowId))?.publishedVersion ?? undefined : undefined;
    const version = await this.flows.get(flowId, options.version ?? published);
    if (!version) throw options.version === undefined ? notFound(`flow ${flowId}`) : notFound(`version ${options.version} of flow ${flowId}`);
    const businessKey = await this.businessKey(version.document, input);
    const key = options.idempotencyKey;
    let run: RunRecord;
    try {
      run = await this.engine.startRun({ flowId, flowVersion: version.version, input, trigger, businessKey, ...(key ? { idempotencyKey: key } : {}) });
    } catch (error) {
      // Two requests with one key raced: the unique index let one in; answer with its run.
      const existing = key ? await this.runs.findByIdempotencyKey(flowId, key) : undefined;
      const detail = existing ? await this.store.loadRun(existing) : undefined;
      if (detail) return detail.run;
      throw error;
    }
    this.events.publish({ kind: 'created', run });
    this.worker.wake();
    return run;
  }

  /** A replay: a new run linked to the original, reusing what came before `from`. */
  async replay(runId: string, request: { from?: string; input?: unknown; version?: 'original' | 'latest'; by: string }): Promise<RunRecord> {
    const original = await this.store.loadRun(runId);
    if (!original) throw notFound(`run ${runId}`);
    const version = request.version === 'latest' ? await this.flows.get(original.run.flowId) : await this.flows.get(original.run.flowId, original.run.flowVersion);
    if (!version) throw notFound(`flow ${original.run.flowId}`);
    const failed = original.steps.find((s) => s.status === 'failed');
    const trigger = version.document.nodes.find((n) => n.type === 'trigger');
    const from = request.from ?? failed?.nodeId ?? trigger?.id;
    if (!from || !version.document.nodes.some((n) => n.id === from)) {
      throw new HttpError(400, 'invalid_request', `node "${from ?? ''}" is not in version ${version.version} of flow ${original.run.flowId}`, [{ path: 'body.from', message: 'no such node' }]);
    }
    if (original.run.prunedAt !== undefined && !(from === trigger?.id && request.input !== undefined)) {
      throw new HttpError(409, 'pruned', `run ${runId} is older than the retention period and its recorded data was dropped; replay it from "${trigger?.id ?? 'the trigger'}" with an input`, [{ path: 'body.input', message: 'required for a pruned run' }]);
    }
    const run = await this.engine.startRun({
      flowId: original.run.flowId,
      flowVersion: version.version,
      input: original.run.input,
      trigger: { kind: 'replay', by: request.by, detail: { of: runId, from } },
      businessKey: original.run.businessKey,
      replay: { of: original.run, from, ...(request.input === undefined ? {} : { input: request.input }) },
    });
    this.events.publish({ kind: 'created', run });
    this.worker.wake();
    return run;
  }

  private async businessKey(flow: FlowDocument, input: unknown): Promise<string | null> {
    const expression = flow.settings?.businessKey;
    if (!expression) return null;
    try {
      const value = await jsonata(expression).evaluate(input);
      return value === undefined || value === null ? null : String(value).slice(0, 200);
    } catch {
      return null;
    }
  }
}
