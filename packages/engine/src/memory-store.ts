import type { FlowDocument } from '@ledgerflow/flow';
import { FINAL_RUN_STATUSES, type AttemptRecord, type RunDetail, type RunRecord, type RunStatus, type StepRecord } from './records';
import type { EngineStore, RunCommit } from './store';

interface Lease {
  owner: string;
  until: number;
}

/**
 * An EngineStore in memory, for engine tests and the CLI's one-off runs.
 * Values are cloned in and out so tests see what a real store would.
 */
export class MemoryStore implements EngineStore {
  readonly runs = new Map<string, RunRecord>();
  readonly steps = new Map<string, StepRecord>();
  readonly attempts: AttemptRecord[] = [];
  private readonly leases = new Map<string, Lease>();
  private readonly flows = new Map<string, FlowDocument>();

  /** Adds a flow version the engine can run. */
  putFlow(flow: FlowDocument, version: number): void {
    this.flows.set(`${flow.id}@${version}`, structuredClone(flow));
  }

  async createRun(run: RunRecord, first: StepRecord): Promise<void> {
    const key = run.idempotencyKey;
    if (key !== undefined && [...this.runs.values()].some((r) => r.flowId === run.flowId && r.idempotencyKey === key)) {
      throw new Error(`a run of ${run.flowId} with idempotency key ${key} exists`);
    }
    this.runs.set(run.id, structuredClone(run));
    this.steps.set(first.id, structuredClone(first));
  }

  async claimRun(owner: string, now: number, leaseMs: number): Promise<string | undefined> {
    const due = [...this.runs.values()]
      .filter((run) => !FINAL_RUN_STATUSES.has(run.status))
      .filter((run) => (this.leases.get(run.id)?.until ?? 0) < now)
      .map((run) => ({ run, due: this.nextDue(run.id) }))
      .filter((c): c is { run: RunRecord; due: number } => c.due !== undefined && c.due <= now)
      .sort((a, b) => a.due - b.due || a.run.createdAt - b.run.createdAt)[0];
    if (!due) return undefined;
    this.leases.set(due.run.id, { owner, until: now + leaseMs });
    return due.run.id;
  }

  async renewLease(runId: string, owner: string, until: number): Promise<boolean> {
    if (this.leases.get(runId)?.owner !== owner) return false;
    this.leases.set(runId, { owner, until });
    return true;
  }

  async releaseRun(runId: string, owner: string, status?: RunStatus): Promise<void> {
    if (this.leases.get(runId)?.owner !== owner) return;
    this.leases.delete(runId);
    const run = this.runs.get(runId);
    if (run && status && !FINAL_RUN_STATUSES.has(run.status)) run.status = status;
  }

  async commit(commit: RunCommit): Promise<boolean> {
    const run = this.runs.get(commit.runId);
    if (!run || FINAL_RUN_STATUSES.has(run.status) || this.leases.get(run.id)?.owner !== commit.owner) return false;
    if (commit.run) Object.assign(run, structuredClone(commit.run));
    for (const { id, patch } of commit.steps ?? []) {
      const step = this.steps.get(id);
      if (step) Object.assign(step, structuredClone(patch));
    }
    for (const step of commit.newSteps ?? []) this.steps.set(step.id, structuredClone(step));
    if (commit.newAttempt) this.attempts.push(structuredClone(commit.newAttempt));
    if (commit.attempt) {
      const { stepId, number, patch } = commit.attempt;
      const attempt = this.attempts.find((a) => a.stepId === stepId && a.number === number);
      if (attempt) Object.assign(attempt, structuredClone(patch));
    }
    return true;
  }

  async loadRun(runId: string): Promise<RunDetail | undefined> {
    const run = this.runs.get(runId);
    if (!run) return undefined;
    return structuredClone({
      run,
      steps: [...this.steps.values()].filter((s) => s.runId === runId).sort((a, b) => a.seq - b.seq),
      attempts: this.attempts.filter((a) => a.runId === runId),
    });
  }

  async flowVersion(flowId: string, version: number): Promise<FlowDocument | undefined> {
    const flow = this.flows.get(`${flowId}@${version}`);
    return flow ? structuredClone(flow) : undefined;
  }

  async resumeStep(runId: string, stepId: string, resume: unknown, now: number): Promise<boolean> {
    const run = this.runs.get(runId);
    const step = this.steps.get(stepId);
    if (!run || FINAL_RUN_STATUSES.has(run.status) || !step || step.runId !== runId || step.status !== 'waiting') return false;
    Object.assign(step, { status: 'ready', resume: structuredClone(resume), nextAttemptAt: now });
    return true;
  }

  async cancelRun(runId: string, now: number): Promise<boolean> {
    const run = this.runs.get(runId);
    if (!run || FINAL_RUN_STATUSES.has(run.status)) return false;
    Object.assign(run, { status: 'cancelled', finishedAt: now });
    for (const step of this.steps.values()) {
      if (step.runId === runId && ['ready', 'running', 'waiting'].includes(step.status)) Object.assign(step, { status: 'cancelled', finishedAt: now, nextAttemptAt: null });
    }
    return true;
  }

  private nextDue(runId: string): number | undefined {
    let due: number | undefined;
    let open = false;
    for (const step of this.steps.values()) {
      if (step.runId !== runId) continue;
      if (step.status === 'ready' || step.status === 'running' || step.status === 'waiting') open = true;
      // A running step whose lease expired is due at once: its worker died.
      const at = step.status === 'running' ? 0 : step.status === 'ready' || step.status === 'waiting' ? step.nextAttemptAt : null;
      if (at !== null && (due === undefined || at < due)) due = at;
    }
    // A run with open steps is also due at its deadline, so a long wait cannot outlive it.
    const deadline = this.runs.get(runId)?.deadlineAt ?? null;
    if (!open || deadline === null) return due;
    return due === undefined ? deadline : Math.min(due, deadline);
  }
}
