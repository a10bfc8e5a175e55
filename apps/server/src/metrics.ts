import type { OdooClient } from '@ledgerflow/odoo';
import type { Db } from '@ledgerflow/store';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RunChange, RunEvents } from './events';

// Seconds; Odoo calls sit between 50 ms and a few seconds, approvals-free nodes far below.
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/**
 * Prometheus metrics of one server process. Counters move from run changes on
 * the event bus and from a counting wrapper around Odoo clients; the gauges
 * read the store when scraped, so every process reports the shared queue.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly runs: Counter<'flow' | 'status'>;
  private readonly stepDuration: Histogram<'flow' | 'node' | 'type'>;
  private readonly retries: Counter<'flow' | 'node'>;
  private readonly odooCalls: Counter<'method' | 'outcome'>;
  private readonly watched = new WeakSet<RunEvents>();

  constructor(db: Db, now: () => number = Date.now) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.runs = new Counter({ name: 'ledgerflow_runs_total', help: 'Runs that reached a final status', labelNames: ['flow', 'status'], registers });
    this.stepDuration = new Histogram({ name: 'ledgerflow_step_duration_seconds', help: 'Time of each executed attempt of a step (reused replay steps excluded)', labelNames: ['flow', 'node', 'type'], buckets: DURATION_BUCKETS, registers });
    this.retries = new Counter({ name: 'ledgerflow_step_retries_total', help: 'Attempts after the first one of a step', labelNames: ['flow', 'node'], registers });
    this.odooCalls = new Counter({ name: 'ledgerflow_odoo_calls_total', help: 'Calls made through Odoo clients, by client method and outcome (ok, retryable, error)', labelNames: ['method', 'outcome'], registers });
    new Gauge({
      name: 'ledgerflow_queue_depth',
      help: 'Runs that are due and not held by a worker (queued, or a retry or timeout that came due)',
      registers,
      async collect() {
        const at = now();
        const row = await db.kysely
          .selectFrom('runs')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('next_due_at', '<=', at)
          .where('status', 'in', ['queued', 'running', 'waiting'])
          .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', at)]))
          .executeTakeFirst();
        this.set(Number(row?.n ?? 0));
      },
    });
    new Gauge({
      name: 'ledgerflow_approvals_pending',
      help: 'Approvals waiting for a decision',
      registers,
      async collect() {
        const row = await db.kysely.selectFrom('approvals').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirst();
        this.set(Number(row?.n ?? 0));
      },
    });
  }

  /** Counts the changes published on `events` (once per bus). */
  watch(events: RunEvents): void {
    if (this.watched.has(events)) return;
    this.watched.add(events);
    events.subscribe((change) => this.observe(change));
  }

  /** The metrics text for `GET /metrics`. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private observe(change: RunChange): void {
    if (change.kind === 'cancelled') {
      this.runs.inc({ flow: change.run.flowId, status: 'cancelled' });
      return;
    }
    if (change.kind !== 'commit') return;
    const { commit, state } = change;
    const flow = state.run.flowId;
    const status = commit.run?.status;
    if (status === 'succeeded' || status === 'failed') this.runs.inc({ flow, status });
    const nodeOf = (stepId: string) => state.steps.find((s) => s.id === stepId)?.nodeId ?? 'unknown';
    if (commit.newAttempt && commit.newAttempt.number > 1) this.retries.inc({ flow, node: nodeOf(commit.newAttempt.stepId) });
    const done = commit.attempt;
    if (done && done.patch.finishedAt !== undefined && done.patch.finishedAt !== null) {
      const attempt = state.attempts.find((a) => a.stepId === done.stepId && a.number === done.number);
      if (attempt) {
        const node = nodeOf(done.stepId);
        const type = state.flow.nodes.find((n) => n.id === node)?.type ?? 'unknown';
        this.stepDuration.observe({ flow, node, type }, Math.max(0, done.patch.finishedAt - attempt.startedAt) / 1000);
      }
    }
  }

  /** Wraps an Odoo client so each call is counted by method and outcome. */
  countOdooCalls(client: OdooClient): OdooClient {
    const count = async <T>(method: string, call: () => Promise<T>): Promise<T> => {
      try {
        const result = await call();
        this.odooCalls.inc({ method, outcome: 'ok' });
        return result;
      } catch (error) {
        this.odooCalls.inc({ method, outcome: isRetryable(error) ? 'retryable' : 'error' });
        throw error;
      }
    };
    return {
      version: () => count('version', () => client.version()),
      authenticate: () => count('authenticate', () => client.authenticate()),
      create: (model, values, options) => count('create', () => client.create(model, values, options)),
      write: (model, ids, values, options) => count('write', () => client.write(model, ids, values, options)),
      searchRead: (model, domain, options) => count('search_read', () => client.searchRead(model, domain, options)),
      searchCount: (model, domain, options) => count('search_count', () => client.searchCount(model, domain, options)),
      read: (model, ids, fields, options) => count('read', () => client.read(model, ids, fields, options)),
      fieldsGet: (model, attributes) => count('fields_get', () => client.fieldsGet(model, attributes)),
      callMethod: (model, method, ids, kwargs) => count('call', () => client.callMethod(model, method, ids, kwargs)),
      execute: (model, method, args, kwargs) => count('execute', () => client.execute(model, method, args, kwargs)),
      upsert: (model, input) => count('upsert', () => client.upsert(model, input)),
    };
  }
}

function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'retryable' in error && error.retryable === true;
}
