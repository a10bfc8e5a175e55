import { Engine, Worker, type NodeServices, type RunRecord, type RunTrigger } from '@ledgerflow/engine';
import { maskValue, type FlowDocument } from '@ledgerflow/flow';
import { nodeResolver } from '@ledgerflow/nodes';
import { FlowRepository, RunQueries, SqlEngineStore, type Db } from '@ledgerflow/store';
import jsonata from 'jsonata';
import type { Connections } from './connections';
import { HttpError, notFound } from './http-errors';
import type { Logger } from './logger';

export interface RuntimeOptions {
  db: Db;
  connections: Connections;
  logger: Logger;
  publicUrl: string;
  workerConcurrency: number;
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
  readonly services: NodeServices;

  constructor(private readonly options: RuntimeOptions) {
    this.store = new SqlEngineStore(options.db);
    this.flows = new FlowRepository(options.db.kysely);
    this.runs = new RunQueries(options.db.kysely);
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
    const version = await this.flows.get(flowId, options.version);
    if (!version) throw options.version === undefined ? notFound(`flow ${flowId}`) : notFound(`version ${options.version} of flow ${flowId}`);
    const businessKey = await this.businessKey(version.document, input);
    const run = await this.engine.startRun({ flowId, flowVersion: version.version, input, trigger, businessKey });
    if (options.idempotencyKey) await this.runs.setIdempotencyKey(run.id, options.idempotencyKey);
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
    const run = await this.engine.startRun({
      flowId: original.run.flowId,
      flowVersion: version.version,
      input: original.run.input,
      trigger: { kind: 'replay', by: request.by, detail: { of: runId, from } },
      businessKey: original.run.businessKey,
      replay: { of: original.run, from, ...(request.input === undefined ? {} : { input: request.input }) },
    });
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
