import { DEFAULT_RETRY, flowGraph, NodeRunError, parseDuration, permanent, retryable, retryPolicySchema, toErrorRecord, type ErrorRecord, type FlowDocument, type FlowGraph, type FlowNode, type RetryPolicy } from '@ledgerflow/flow';
import { retryDelay } from './backoff';
import type { NodeExecutor, NodeResolver, NodeResult, NodeServices } from './node-executor';
import type { AttemptRecord, LogLine, RunDetail, RunRecord, RunTrigger, StepRecord } from './records';
import type { EngineStore, RunCommit } from './store';

/** Time as the engine sees it; tests pass a fake one. */
export interface Clock {
  now(): number;
}

export interface EngineOptions {
  store: EngineStore;
  nodes: NodeResolver;
  services: NodeServices;
  clock?: Clock;
  /** Identifies this worker in leases. */
  owner?: string;
  leaseMs?: number;
  /** Masks sensitive fields before step data is stored. */
  mask?: (flow: FlowDocument, value: unknown) => unknown;
  newId?: () => string;
  random?: () => number;
  /** Told after every run that reaches a final status. */
  onRunFinished?: (run: RunRecord) => void;
  /** Told after every successful commit, with the run's state after it (events, metrics). */
  onCommit?: (commit: RunCommit, state: CommittedState) => void;
}

/** The run as the engine holds it right after a commit. */
export interface CommittedState {
  run: RunRecord;
  steps: readonly StepRecord[];
  attempts: readonly AttemptRecord[];
  flow: FlowDocument;
}

export interface StartRunOptions {
  flowId: string;
  flowVersion: number;
  input: unknown;
  trigger: RunTrigger;
  businessKey?: string | null;
  id?: string;
  /** Stored with the run in the same write, so a retried request cannot make a second run. */
  idempotencyKey?: string;
  replay?: { of: RunRecord; from: string; input?: unknown };
}

interface FlowRuntime {
  flow: FlowDocument;
  graph: FlowGraph;
  /** Each node's parsed config: a version is immutable, so it is parsed once, not per step. */
  configs: Map<string, ReturnType<NodeExecutor['configSchema']['safeParse']>>;
}

/**
 * The orchestrator: decides what runs next, applies retry policies and
 * records every state change through the store before acting on it.
 */
export class Engine {
  readonly owner: string;
  private readonly store: EngineStore;
  private readonly clock: Clock;
  private readonly leaseMs: number;
  private readonly flows = new Map<string, FlowRuntime>();

  constructor(private readonly options: EngineOptions) {
    this.store = options.store;
    this.clock = options.clock ?? { now: () => Date.now() };
    this.owner = options.owner ?? `worker-${Math.random().toString(36).slice(2, 10)}`;
    this.leaseMs = options.leaseMs ?? 30_000;
  }

  /** Creates a queued run; a worker picks it up. */
  async startRun(options: StartRunOptions): Promise<RunRecord> {
    const runtime = await this.runtime(options.flowId, options.flowVersion);
    const trigger = runtime.graph.trigger();
    if (!trigger) throw permanent('flow_invalid', `flow ${options.flowId} v${options.flowVersion} has no trigger`);
    const now = this.clock.now();
    const id = options.id ?? this.newId();
    const deadline = runtime.flow.settings?.deadline ? parseDuration(runtime.flow.settings.deadline) : undefined;
    const replay = options.replay;
    const input = replay && replay.from === trigger.id && replay.input !== undefined ? replay.input : options.input;
    const run: RunRecord = {
      id,
      flowId: options.flowId,
      flowVersion: options.flowVersion,
      status: 'queued',
      input,
      output: null,
      error: null,
      trigger: options.trigger,
      businessKey: options.businessKey ?? null,
      replayOf: replay?.of.id ?? null,
      rootRunId: replay?.of.rootRunId ?? id,
      replayFrom: replay?.from ?? null,
      replayInput: replay?.input,
      ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
      createdAt: now,
      startedAt: null,
      finishedAt: null,
      deadlineAt: deadline === undefined ? null : now + deadline,
    };
    await this.store.createRun(run, this.newStep(id, trigger.id, 0, input, now));
    return run;
  }

  /** Claims and advances due runs until none is due; returns how many it advanced. */
  async tick(maxRuns = Number.POSITIVE_INFINITY): Promise<number> {
    let count = 0;
    while (count < maxRuns) {
      const runId = await this.store.claimRun(this.owner, this.clock.now(), this.leaseMs);
      if (!runId) break;
      count += 1;
      await this.advance(runId);
    }
    return count;
  }

  /** Advances one claimed run as far as it can go now, then releases it. */
  async advance(runId: string): Promise<void> {
    let released = false;
    // The lease is renewed for as long as this worker holds the run, however many steps it takes.
    const renew = setInterval(() => void this.store.renewLease(runId, this.owner, this.clock.now() + this.leaseMs).catch(() => undefined), Math.max(50, this.leaseMs / 3));
    try {
      const detail = await this.store.loadRun(runId);
      if (!detail) return;
      const runtime = await this.runtime(detail.run.flowId, detail.run.flowVersion);
      const original = detail.run.replayOf ? await this.store.loadRun(detail.run.replayOf) : undefined;
      const state = new RunState(detail, runtime, original);
      const status = await this.drive(state);
      await this.store.releaseRun(runId, this.owner, status);
      released = true;
    } finally {
      clearInterval(renew);
      if (!released) await this.store.releaseRun(runId, this.owner).catch(() => undefined);
    }
  }

  private async drive(state: RunState): Promise<RunRecord['status'] | undefined> {
    for (;;) {
      const now = this.clock.now();
      if (state.run.deadlineAt !== null && now >= state.run.deadlineAt) {
        await this.failRun(state, undefined, { class: 'DeadlineExceeded', code: 'deadline_exceeded', message: 'the run passed its deadline', retryable: false });
        return undefined;
      }
      const interrupted = state.steps.find((s) => s.status === 'running');
      if (interrupted) {
        if (!(await this.recoverInterrupted(state, interrupted, now))) return undefined;
        continue;
      }
      const step = state.dueStep(now);
      if (!step) return state.steps.some((s) => s.status === 'waiting') ? 'waiting' : undefined;
      const ok = await this.execute(state, step);
      if (!ok) return undefined;
      if (state.run.status !== 'running' && state.run.status !== 'queued' && state.run.status !== 'waiting') return undefined;
    }
  }

  /** A step left `running` by a worker that died: its attempt is marked interrupted and it runs again. */
  private async recoverInterrupted(state: RunState, step: StepRecord, now: number): Promise<boolean> {
    const error: ErrorRecord = { class: 'WorkerLost', code: 'worker_lost', message: 'the worker running this step stopped before it finished', retryable: true };
    const attempt = state.attempts.find((a) => a.stepId === step.id && a.number === step.attempts);
    return this.commit(state, {
      steps: [{ id: step.id, patch: { status: 'ready', nextAttemptAt: now } }],
      ...(attempt ? { attempt: { stepId: step.id, number: attempt.number, patch: { status: 'interrupted', finishedAt: now, error } } } : {}),
    });
  }

  private async execute(state: RunState, step: StepRecord): Promise<boolean> {
    const node = state.runtime.graph.node(step.nodeId);
    if (!node) return this.failRun(state, step, { class: 'ConfigError', code: 'flow_invalid', message: `node ${step.nodeId} is not in the flow`, retryable: false });
    const reused = state.reusable(step);
    if (reused) return this.complete(state, step, node, { port: reused.port ?? 'out', data: reused.output }, undefined, true);

    const executor = this.options.nodes.get(node.type);
    if (!executor) return this.failRun(state, step, { class: 'ConfigError', code: 'unknown_node_type', message: `node ${node.id} has unknown type ${node.type}`, retryable: false });
    // A waiting step that comes due was not decided in time: it wakes with a timeout.
    if (step.status === 'waiting') step = { ...step, resume: { timedOut: true } };
    const now = this.clock.now();
    const number = step.attempts + 1;
    const attempt: AttemptRecord = { stepId: step.id, runId: step.runId, number, status: 'running', startedAt: now, finishedAt: null, error: null, logs: [] };
    const begun = await this.commit(state, {
      run: state.run.status === 'running' ? undefined : { status: 'running', startedAt: state.run.startedAt ?? now },
      steps: [{ id: step.id, patch: { status: 'running', attempts: number, startedAt: step.startedAt ?? now, resume: step.resume } }],
      newAttempt: attempt,
    });
    if (!begun) return false;

    const policy = retryPolicy(node);
    let config = state.runtime.configs.get(node.id);
    if (!config) {
      config = executor.configSchema.safeParse(node.config);
      state.runtime.configs.set(node.id, config);
    }
    let result: NodeResult;
    try {
      if (!config.success) throw permanent('config_invalid', `node ${node.id} has an invalid config: ${config.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      result = await this.invoke(state, step, node, config.data, attempt, policy);
    } catch (error) {
      return this.fail(state, step, attempt, policy, error);
    }
    return this.complete(state, step, node, result, attempt, false);
  }

  private async invoke(state: RunState, step: StepRecord, node: FlowNode, config: unknown, attempt: AttemptRecord, policy: RetryPolicy): Promise<NodeResult> {
    const executor = this.options.nodes.get(node.type);
    if (!executor) throw permanent('unknown_node_type', `unknown node type ${node.type}`);
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(retryable('timeout', `node ${node.id} did not finish within ${policy.timeoutMs} ms`));
      }, policy.timeoutMs);
    });
    const log = (level: LogLine['level']) => (message: string, fields?: Record<string, unknown>) => {
      attempt.logs.push({ at: this.clock.now(), level, message, ...(fields ? { fields } : {}) });
    };
    try {
      return await Promise.race([
        executor.run(
          {
            config,
            flowId: state.run.flowId,
            nodeId: node.id,
            runId: state.run.id,
            rootRunId: state.run.rootRunId,
            attempt: attempt.number,
            idempotencyKey: `${state.run.rootRunId}:${node.id}:${state.occurrence(step)}`,
            trigger: state.run.trigger,
            runInput: state.run.input,
            resume: step.resume,
            signal: controller.signal,
            now: () => this.clock.now(),
            connected: (port) => state.runtime.graph.next(node.id, port).length > 0,
            log: log('info'),
            services: this.options.services,
          },
          step.input,
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async complete(state: RunState, step: StepRecord, node: FlowNode, result: NodeResult, attempt: AttemptRecord | undefined, reused: boolean): Promise<boolean> {
    const now = this.clock.now();
    const mask = (value: unknown) => (this.options.mask ? this.options.mask(state.runtime.flow, value) : value);
    const attemptDone = (status: AttemptRecord['status']) =>
      attempt ? { attempt: { stepId: step.id, number: attempt.number, patch: { status, finishedAt: now, logs: attempt.logs } } } : {};
    if ('suspend' in result) {
      return this.commit(state, {
        steps: [{ id: step.id, patch: { status: 'waiting', output: mask(result.suspend.data), nextAttemptAt: result.suspend.wakeAt ?? null, resume: null } }],
        ...attemptDone('suspended'),
      });
    }
    const port = result.port ?? 'out';
    let seq = state.nextSeq();
    const newSteps = state.runtime.graph.next(node.id, port).map((to) => {
      const input = to === state.run.replayFrom && state.run.replayInput !== undefined && !state.steps.some((s) => s.nodeId === to) ? state.run.replayInput : result.data;
      return this.newStep(state.run.id, to, seq++, input, now);
    });
    const open = state.steps.filter((s) => s.id !== step.id && (s.status === 'ready' || s.status === 'running' || s.status === 'waiting'));
    const finished = newSteps.length === 0 && open.length === 0;
    return this.commit(state, {
      steps: [{ id: step.id, patch: { status: 'succeeded', input: mask(step.input), output: mask(result.data), port, error: null, finishedAt: now, nextAttemptAt: null, reused } }],
      newSteps,
      ...attemptDone('succeeded'),
      ...(finished ? { run: { status: 'succeeded', output: mask(result.data), finishedAt: now } } : {}),
    });
  }

  private async fail(state: RunState, step: StepRecord, attempt: AttemptRecord, policy: RetryPolicy, thrown: unknown): Promise<boolean> {
    const now = this.clock.now();
    const error = toErrorRecord(thrown);
    const failedBefore = state.attempts.filter((a) => a.stepId === step.id && a.status === 'failed').length;
    const failures = failedBefore + 1;
    const attemptPatch = { stepId: step.id, number: attempt.number, patch: { status: 'failed' as const, finishedAt: now, error, logs: attempt.logs } };
    if (thrown instanceof NodeRunError && thrown.deferred) {
      // Held back before reaching the other side (open breaker, rate limit): wait, keep the retry budget.
      const deferredPatch = { ...attemptPatch, patch: { ...attemptPatch.patch, status: 'deferred' as const } };
      return this.commit(state, { steps: [{ id: step.id, patch: { status: 'ready', error, nextAttemptAt: now + (thrown.retryAfterMs ?? 1000) } }], attempt: deferredPatch });
    }
    if (error.retryable && failures < policy.maxAttempts) {
      const hinted = thrown instanceof NodeRunError ? (thrown.retryAfterMs ?? 0) : 0;
      const delay = Math.max(hinted, retryDelay(policy, failures, this.options.random));
      return this.commit(state, { steps: [{ id: step.id, patch: { status: 'ready', error, nextAttemptAt: now + delay } }], attempt: attemptPatch });
    }
    return this.failRun(state, step, error, attemptPatch);
  }

  private async failRun(state: RunState, step: StepRecord | undefined, error: ErrorRecord, attempt?: RunCommit['attempt']): Promise<boolean> {
    const now = this.clock.now();
    const others = state.steps.filter((s) => s.id !== step?.id && (s.status === 'ready' || s.status === 'waiting' || s.status === 'running'));
    return this.commit(state, {
      run: { status: 'failed', error: { ...error, ...(step ? { nodeId: step.nodeId } : {}) }, finishedAt: now },
      steps: [
        ...(step ? [{ id: step.id, patch: { status: 'failed' as const, error, finishedAt: now, nextAttemptAt: null } }] : []),
        ...others.map((s) => ({ id: s.id, patch: { status: 'cancelled' as const, finishedAt: now, nextAttemptAt: null } })),
      ],
      ...(attempt ? { attempt } : {}),
    });
  }

  private async commit(state: RunState, change: Omit<RunCommit, 'runId' | 'owner' | 'now'>): Promise<boolean> {
    const commit: RunCommit = { runId: state.run.id, owner: this.owner, now: this.clock.now(), ...change };
    const ok = await this.store.commit(commit);
    if (ok) {
      state.apply(commit);
      this.options.onCommit?.(commit, { run: state.run, steps: state.steps, attempts: state.attempts, flow: state.runtime.flow });
      if (commit.run?.status === 'succeeded' || commit.run?.status === 'failed') this.options.onRunFinished?.(state.run);
    }
    return ok;
  }

  private async runtime(flowId: string, version: number): Promise<FlowRuntime> {
    const key = `${flowId}@${version}`;
    const cached = this.flows.get(key);
    if (cached) return cached;
    const flow = await this.store.flowVersion(flowId, version);
    if (!flow) throw permanent('flow_not_found', `flow ${flowId} has no version ${version}`);
    const runtime = { flow, configs: new Map(), graph: flowGraph(flow, (n) => (this.options.nodes.get(n.type)?.inputs.length ?? 1) === 0) };
    this.flows.set(key, runtime);
    return runtime;
  }

  private newStep(runId: string, nodeId: string, seq: number, input: unknown, now: number): StepRecord {
    return { id: this.newId(), runId, nodeId, seq, status: 'ready', input, output: null, port: null, error: null, attempts: 0, nextAttemptAt: now, resume: null, reused: false, createdAt: now, startedAt: null, finishedAt: null };
  }

  private newId(): string {
    return this.options.newId?.() ?? crypto.randomUUID();
  }
}

/** The node's retry policy with defaults filled in. */
export function retryPolicy(node: FlowNode): RetryPolicy {
  return retryPolicySchema.parse({ ...DEFAULT_RETRY, ...(node.retry ?? {}) });
}

/** The in-memory view of a run while a worker holds its lease. */
class RunState {
  run: RunRecord;
  steps: StepRecord[];
  attempts: AttemptRecord[];
  private readonly replayed: ReadonlySet<string>;

  constructor(detail: RunDetail, readonly runtime: FlowRuntime, private readonly original: RunDetail | undefined) {
    this.run = detail.run;
    this.steps = detail.steps;
    this.attempts = detail.attempts;
    this.replayed = detail.run.replayFrom ? runtime.graph.downstream(detail.run.replayFrom) : new Set();
  }

  /** The next step to run: a ready one whose time came, or a waiting one whose timeout passed. */
  dueStep(now: number): StepRecord | undefined {
    return this.steps
      .filter((s) => (s.status === 'ready' || s.status === 'waiting') && s.nextAttemptAt !== null && s.nextAttemptAt <= now)
      .sort((a, b) => a.seq - b.seq)[0];
  }

  nextSeq(): number {
    return this.steps.reduce((max, s) => Math.max(max, s.seq), -1) + 1;
  }

  /** How many earlier steps of the same node this run has: 0 for the first. */
  occurrence(step: StepRecord): number {
    return this.steps.filter((s) => s.nodeId === step.nodeId && s.seq < step.seq).length;
  }

  /** In a replay, the original's step this one may reuse instead of running. */
  reusable(step: StepRecord): StepRecord | undefined {
    if (!this.original || this.replayed.has(step.nodeId)) return undefined;
    const k = this.occurrence(step);
    const same = this.original.steps.filter((s) => s.nodeId === step.nodeId).sort((a, b) => a.seq - b.seq)[k];
    return same && same.status === 'succeeded' ? same : undefined;
  }

  apply(commit: RunCommit): void {
    if (commit.run) this.run = { ...this.run, ...commit.run };
    for (const { id, patch } of commit.steps ?? []) {
      this.steps = this.steps.map((s) => (s.id === id ? { ...s, ...patch } : s));
    }
    this.steps.push(...(commit.newSteps ?? []));
    if (commit.newAttempt) this.attempts.push(commit.newAttempt);
    if (commit.attempt) {
      const { stepId, number, patch } = commit.attempt;
      this.attempts = this.attempts.map((a) => (a.stepId === stepId && a.number === number ? { ...a, ...patch } : a));
    }
  }
}
