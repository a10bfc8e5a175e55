import type { MemoryStore } from '@ledgerflow/engine';
import type { ApprovalRequest, ApprovalTimeout } from '@ledgerflow/nodes';
import { judge, type Decider, type Judgement, type RecordedDecision, type Verdict } from '../../nodes/approve/decision';

export interface MemoryApproval extends ApprovalRequest {
  id: string;
  stepId: string;
  status: 'pending' | 'approved' | 'rejected' | 'expired';
  decisions: RecordedDecision[];
}

/** The approval service in memory over a MemoryStore, applying the same rules as the server's. */
export class MemoryApprovals {
  readonly items: MemoryApproval[] = [];

  constructor(private readonly store: MemoryStore, private readonly now: () => number) {}

  readonly open = async (request: ApprovalRequest): Promise<string> => {
    const stepId = this.runningStep(request.runId, request.nodeId);
    const same = this.items.find((a) => a.stepId === stepId && a.level === request.level && Boolean(a.escalated) === Boolean(request.escalated));
    if (same) return same.id;
    const id = `ap-${this.items.length + 1}`;
    this.items.push({ ...request, id, stepId, status: 'pending', decisions: [] });
    return id;
  };

  readonly timedOut = async (ref: { runId: string; nodeId: string }): Promise<ApprovalTimeout | undefined> => {
    const stepId = this.runningStep(ref.runId, ref.nodeId);
    const latest = this.items.filter((a) => a.stepId === stepId).at(-1);
    if (!latest) return undefined;
    if (latest.status === 'pending') latest.status = 'expired';
    return { approvalId: latest.id, level: latest.level, escalated: Boolean(latest.escalated) };
  };

  /** Decides as `who`; when the level is complete, resumes the step like the server does. */
  async decide(id: string, who: Decider, verdict: Verdict, comment?: string): Promise<Judgement> {
    const approval = this.items.find((a) => a.id === id);
    if (!approval) throw new Error(`no approval ${id}`);
    const others = this.items.filter((a) => a.runId === approval.runId && a.id !== id).flatMap((a) => a.decisions.map((d) => ({ level: a.level, by: d.by })));
    const verdictOf = judge({ ...approval, quorum: approval.quorum ?? 1, submitters: approval.submitters ?? [] }, others, who, verdict, comment, this.now());
    if (verdictOf.kind !== 'recorded') return verdictOf;
    approval.decisions = verdictOf.decisions;
    if (verdictOf.outcome !== 'pending') {
      approval.status = verdictOf.outcome;
      const by = verdictOf.decisions.map((d) => d.by).join(', ');
      await this.store.resumeStep(approval.runId, approval.stepId, { decision: verdictOf.outcome === 'approved' ? 'approve' : 'reject', by, comment, level: approval.level, approvalId: id }, this.now());
    }
    return verdictOf;
  }

  pending(): MemoryApproval[] {
    return this.items.filter((a) => a.status === 'pending');
  }

  private runningStep(runId: string, nodeId: string): string {
    const step = [...this.store.steps.values()].find((s) => s.runId === runId && s.nodeId === nodeId && s.status === 'running');
    if (!step) throw new Error(`no running step of ${nodeId} in run ${runId}`);
    return step.id;
  }
}
