/**
 * Who may decide an approval, and what a decision does to it. Pure, so the
 * server's SQL service and the in-memory one in tests apply the same rules.
 */
import type { ApproverSet } from '../shared/services';

export type Verdict = 'approve' | 'reject';

export interface RecordedDecision {
  by: string;
  decision: Verdict;
  comment?: string;
  at: number;
}

/** The parts of an approval the rules look at. */
export interface ApprovalFacts {
  status: string;
  level: number;
  approvers: ApproverSet;
  quorum: number;
  submitters: string[];
  decisions: RecordedDecision[];
}

export interface Decider {
  name: string;
  roles: readonly string[];
}

export type Judgement =
  | { kind: 'repeat'; decision: RecordedDecision }
  | { kind: 'refused'; status: 403 | 409; code: string; reason: string }
  | { kind: 'recorded'; decisions: RecordedDecision[]; outcome: 'pending' | 'approved' | 'rejected' };

/** Whether `who` is one of the approvers (admins always are). */
export function isApprover(approvers: ApproverSet, who: Decider): boolean {
  if (who.roles.includes('admin')) return true;
  if (approvers.role !== undefined && who.roles.includes(approvers.role)) return true;
  return approvers.users?.includes(who.name) ?? false;
}

/**
 * Judges one decision. `otherLevels` are the decisions already made on the
 * other levels of the same run: one person decides at most one level.
 */
export function judge(approval: ApprovalFacts, otherLevels: ReadonlyArray<{ level: number; by: string }>, who: Decider, verdict: Verdict, comment: string | undefined, now: number): Judgement {
  const mine = approval.decisions.find((d) => d.by === who.name);
  // A double click, a retry of the request, or a second tab: the first answer stands.
  if (mine) return { kind: 'repeat', decision: mine };
  if (approval.status !== 'pending') return { kind: 'refused', status: 409, code: 'already_decided', reason: `this approval is already ${approval.status}` };
  if (approval.submitters.includes(who.name)) return { kind: 'refused', status: 403, code: 'own_submission', reason: 'you submitted this run, so someone else must approve it' };
  const earlier = otherLevels.find((d) => d.by === who.name && d.level !== approval.level);
  if (earlier) return { kind: 'refused', status: 403, code: 'already_decided_other_level', reason: `you already decided level ${earlier.level} of this run; another person must decide level ${approval.level}` };
  if (!isApprover(approval.approvers, who)) return { kind: 'refused', status: 403, code: 'not_an_approver', reason: `only ${describeApprovers(approval.approvers)} may decide this approval` };
  const decisions = [...approval.decisions, { by: who.name, decision: verdict, ...(comment ? { comment } : {}), at: now }];
  if (verdict === 'reject') return { kind: 'recorded', decisions, outcome: 'rejected' };
  const approvals = decisions.filter((d) => d.decision === 'approve').length;
  return { kind: 'recorded', decisions, outcome: approvals >= approval.quorum ? 'approved' : 'pending' };
}

/** "role manager" or "alice, bob", for messages. */
export function describeApprovers(approvers: ApproverSet): string {
  if (approvers.users && approvers.users.length > 0) return approvers.users.join(', ');
  return `role ${approvers.role ?? 'approver'}`;
}
