import { createHash } from 'node:crypto';
import { canonicalJson } from '@ledgerflow/flow';
import { describeApprovers, escapeHtml, isApprover, judge, type ApprovalRequest, type ApprovalTimeout, type Decider, type Judgement, type MailMessage, type Verdict } from '@ledgerflow/nodes';
import type { Database } from '@ledgerflow/store';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';

type Row = Selectable<Database['approvals']>;

const approversSchema = z.object({ role: z.string().optional(), users: z.array(z.string()).optional() });
const decisionsSchema = z.array(z.object({ by: z.string(), decision: z.enum(['approve', 'reject']), comment: z.string().optional(), at: z.number() }));
const stringsSchema = z.array(z.string());
const fieldsSchema = z.record(z.string(), z.unknown());

/** The resume value a complete level gives the waiting approve step. */
export interface ApprovalResume {
  decision: Verdict;
  by: string;
  comment?: string;
  level: number;
  approvalId: string;
}

export interface ApprovalsOptions {
  db: Kysely<Database>;
  audit: (action: string, actor: string, target: string | null, detail?: unknown) => Promise<void>;
  links: { run(id: string): string; approval(id: string): string };
  sendMail?: (connection: string | undefined, message: MailMessage) => Promise<{ messageId: string }>;
  /** Where "approval needed" mail goes when no approver has an e-mail address (the sandbox outbox). */
  fileMail?: (message: MailMessage) => Promise<unknown>;
  onError?: (error: unknown, context: string) => void;
}

/** An approval as the API shows it. */
export type ApprovalView = ReturnType<typeof view>;

const FINAL = ['succeeded', 'failed', 'cancelled'];
/** Filled in by list/get, which join the run. */
const UNKNOWN_STATUS: string | null = null;

/**
 * Approvals in the store: opened by approve steps, decided over HTTP, and
 * resumed through the engine store. Holds no state of its own, so any
 * process may serve any approval, before or after a restart.
 */
export class Approvals {
  constructor(private readonly options: ApprovalsOptions) {}

  /** Opens (or finds, when a crashed attempt already opened it) the approval of the step now running. */
  async open(request: ApprovalRequest, now: number): Promise<string> {
    const db = this.options.db;
    const step = await db.selectFrom('steps').select('id').where('run_id', '=', request.runId).where('node_id', '=', request.nodeId).where('status', '=', 'running').executeTakeFirst();
    if (!step) throw new Error(`run ${request.runId} has no running step of node ${request.nodeId}`);
    const escalated = request.escalated ? 1 : 0;
    const existing = await db.selectFrom('approvals').select('id').where('step_id', '=', step.id).where('level', '=', request.level).where('escalated', '=', escalated).executeTakeFirst();
    if (existing) return existing.id;
    const id = crypto.randomUUID();
    const shown = { message: request.message, fields: request.fields ?? {}, amount: request.amount ?? null, data: request.data ?? null };
    const shownHash = sha256(canonicalJson(shown));
    const submitters = request.submitters ?? [];
    await db
      .insertInto('approvals')
      .values({
        id,
        run_id: request.runId,
        step_id: step.id,
        node_id: request.nodeId,
        flow_id: request.flowId,
        status: 'pending',
        approvers: JSON.stringify(request.approvers),
        message: request.message,
        data: JSON.stringify(request.data ?? null),
        submitted_by: submitters[0] ?? null,
        submitters: JSON.stringify(submitters),
        decided_by: null,
        decision: null,
        comment: null,
        shown_hash: shownHash,
        created_at: now,
        decided_at: null,
        expires_at: request.expiresAt,
        level: request.level,
        level_count: request.levelCount ?? 1,
        quorum: request.quorum ?? 1,
        escalated,
        decisions: '[]',
        fields: JSON.stringify(request.fields ?? {}),
        amount: request.amount === undefined || request.amount === null ? null : String(request.amount),
      })
      .execute();
    await this.options.audit(escalated ? 'approval.escalate' : 'approval.open', 'ledgerflow', `approval:${id}`, {
      runId: request.runId,
      nodeId: request.nodeId,
      level: request.level,
      approvers: request.approvers,
      quorum: request.quorum ?? 1,
      shownHash,
    });
    // Telling people must not hold the step: a slow mail server is not a reason to fail an approval.
    void this.tellApprovers(id, request).catch((error) => this.options.onError?.(error, `notifying approvers of ${id}`));
    return id;
  }

  /** Closes the step's latest pending approval as expired and says which level it was. */
  async timedOut(ref: { runId: string; nodeId: string }, now: number): Promise<ApprovalTimeout | undefined> {
    const db = this.options.db;
    const latest = await db
      .selectFrom('approvals')
      .innerJoin('steps', 'steps.id', 'approvals.step_id')
      .selectAll('approvals')
      .where('approvals.run_id', '=', ref.runId)
      .where('approvals.node_id', '=', ref.nodeId)
      .where('steps.status', '=', 'running')
      .orderBy('approvals.level', 'desc')
      .orderBy('approvals.escalated', 'desc')
      .executeTakeFirst();
    if (!latest) return undefined;
    const base = { approvalId: latest.id, level: latest.level, escalated: latest.escalated === 1 };
    if (latest.status === 'approved' || latest.status === 'rejected') {
      // The decision won the race with the timeout: honour it.
      return { ...base, decided: { decision: latest.status === 'approved' ? 'approve' : 'reject', by: latest.decided_by ?? 'unknown', ...(latest.comment ? { comment: latest.comment } : {}) } };
    }
    if (latest.status === 'pending') {
      await db.updateTable('approvals').set({ status: 'expired', decided_at: now }).where('id', '=', latest.id).where('status', '=', 'pending').execute();
      await this.options.audit('approval.timeout', 'ledgerflow', `approval:${latest.id}`, { runId: ref.runId, level: latest.level, escalated: latest.escalated === 1, shownHash: latest.shown_hash });
    }
    return base;
  }

  /**
   * Records a decision. Refusals come back as a judgement, never thrown;
   * when the level is complete, `resume` wakes the waiting step.
   */
  async decide(id: string, who: Decider, verdict: Verdict, comment: string | undefined, now: number, resume: (runId: string, stepId: string, value: ApprovalResume) => Promise<boolean>): Promise<{ judgement: Judgement; approval: ApprovalView } | undefined> {
    const db = this.options.db;
    for (let tries = 0; tries < 10; tries++) {
      const row = await db.selectFrom('approvals').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const run = await db.selectFrom('runs').select('status').where('id', '=', row.run_id).executeTakeFirst();
      const others = await this.otherLevelDeciders(row);
      const facts = { status: row.status, level: row.level, approvers: approvers(row), quorum: row.quorum, submitters: strings(row.submitters), decisions: decisions(row.decisions) };
      const judgement: Judgement =
        row.status === 'pending' && run && FINAL.includes(run.status) && !facts.decisions.some((d) => d.by === who.name)
          ? { kind: 'refused', status: 409, code: 'run_finished', reason: `the run is ${run.status}; there is nothing left to approve` }
          : judge(facts, others, who, verdict, comment, now);
      if (judgement.kind !== 'recorded') return { judgement, approval: view(row, now, who, others) };
      const complete = judgement.outcome !== 'pending';
      const by = judgement.decisions.filter((d) => d.decision === verdict).map((d) => d.by).join(', ');
      // Compare-and-set on the decisions text: two people clicking at once both count, in either order.
      const updated = await db
        .updateTable('approvals')
        .set({
          decisions: JSON.stringify(judgement.decisions),
          ...(complete ? { status: judgement.outcome, decision: verdict, decided_by: by, decided_at: now, comment: comment ?? null } : {}),
        })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('decisions', '=', row.decisions ?? '[]')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) continue;
      await this.options.audit('approval.decide', who.name, `approval:${id}`, { runId: row.run_id, level: row.level, decision: verdict, comment: comment ?? null, outcome: judgement.outcome, shownHash: row.shown_hash });
      if (complete) await resume(row.run_id, row.step_id, { decision: verdict, by, ...(comment ? { comment } : {}), level: row.level, approvalId: id });
      const after = await db.selectFrom('approvals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return { judgement, approval: view(after, now, who, others) };
    }
    throw new Error(`approval ${id} kept changing under us`);
  }

  /** Approvals the caller may see: pending ones for their roles or name; admins see all. */
  async list(who: Decider, status: 'pending' | 'decided' | 'all', now: number, limit = 200): Promise<ApprovalView[]> {
    let query = this.options.db
      .selectFrom('approvals')
      .innerJoin('runs', 'runs.id', 'approvals.run_id')
      .selectAll('approvals')
      .select('runs.status as run_status');
    if (status === 'pending') query = query.where('approvals.status', '=', 'pending').where('runs.status', 'not in', FINAL);
    if (status === 'decided') query = query.where('approvals.status', '!=', 'pending');
    const rows = await query.orderBy('approvals.created_at', status === 'pending' ? 'asc' : 'desc').limit(limit * 4).execute();
    const visible = rows.filter((r) => who.roles.includes('admin') || isApprover(approvers(r), who) || decisions(r.decisions).some((d) => d.by === who.name));
    const names = await this.flowNames();
    const items: ApprovalView[] = [];
    for (const row of visible.slice(0, limit)) items.push({ ...view(row, now, who, await this.otherLevelDeciders(row)), flowName: names.get(row.flow_id) ?? row.flow_id, runStatus: row.run_status });
    return items;
  }

  /** One approval with what the approver is shown, the run link and the run's approval history. */
  async get(id: string, who: Decider, now: number) {
    const db = this.options.db;
    const row = await db.selectFrom('approvals').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const run = await db.selectFrom('runs').select(['status', 'trigger', 'input']).where('id', '=', row.run_id).executeTakeFirst();
    const history = await db.selectFrom('approvals').selectAll().where('run_id', '=', row.run_id).orderBy('created_at').execute();
    const others = await this.otherLevelDeciders(row);
    const names = await this.flowNames();
    return {
      ...view(row, now, who, others),
      flowName: names.get(row.flow_id) ?? row.flow_id,
      runStatus: run?.status ?? null,
      runUrl: this.options.links.run(row.run_id),
      shown: { message: row.message, fields: fields(row.fields), amount: amount(row.amount), data: parse(row.data) },
      history: history.map((h) => ({ id: h.id, level: h.level, escalated: h.escalated === 1, status: h.status, approvers: approvers(h), quorum: h.quorum, decisions: decisions(h.decisions), createdAt: h.created_at, decidedAt: h.decided_at })),
    };
  }

  /**
   * After a crash between recording a decision and resuming the step: every
   * decided approval that is its step's latest, on a step still waiting, is resumed.
   */
  async recover(resume: (runId: string, stepId: string, value: ApprovalResume) => Promise<boolean>): Promise<number> {
    const rows = await this.options.db
      .selectFrom('approvals')
      .innerJoin('steps', 'steps.id', 'approvals.step_id')
      .selectAll('approvals')
      .where('steps.status', '=', 'waiting')
      .where('approvals.status', 'in', ['approved', 'rejected'])
      .execute();
    let resumed = 0;
    for (const row of rows) {
      const newer = await this.options.db.selectFrom('approvals').select('id').where('step_id', '=', row.step_id).where((eb) => eb.or([eb('level', '>', row.level), eb.and([eb('level', '=', row.level), eb('escalated', '>', row.escalated)])])).executeTakeFirst();
      if (newer) continue;
      const ok = await resume(row.run_id, row.step_id, { decision: row.status === 'approved' ? 'approve' : 'reject', by: row.decided_by ?? 'unknown', ...(row.comment ? { comment: row.comment } : {}), level: row.level, approvalId: row.id });
      if (ok) resumed += 1;
    }
    return resumed;
  }

  private async otherLevelDeciders(row: Row): Promise<Array<{ level: number; by: string }>> {
    const rows = await this.options.db.selectFrom('approvals').select(['level', 'decisions']).where('run_id', '=', row.run_id).where('id', '!=', row.id).execute();
    return rows.flatMap((r) => decisions(r.decisions).map((d) => ({ level: r.level, by: d.by })));
  }

  private async flowNames(): Promise<Map<string, string>> {
    const rows = await this.options.db.selectFrom('flows').innerJoin('flow_versions', (j) => j.onRef('flow_versions.flow_id', '=', 'flows.id').onRef('flow_versions.version', '=', 'flows.current_version')).select(['flows.id', 'flows.name']).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  private async tellApprovers(id: string, request: ApprovalRequest): Promise<void> {
    const link = this.options.links.approval(id);
    const names = request.approvers.users ?? (await this.usersWithRole(request.approvers.role ?? 'approver'));
    const emails = names.filter((n) => /^[^@\s]+@[^@\s]+$/.test(n));
    const to = [...new Set([...(request.notify?.to ?? []), ...emails])];
    const lines = Object.entries(request.fields ?? {}).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
    const amountLine = request.amount === undefined || request.amount === null ? [] : [`Amount: ${request.amount}`];
    const level = (request.levelCount ?? 1) > 1 ? ` (level ${request.level} of ${request.levelCount})` : '';
    const text = [request.message, '', ...amountLine, ...lines, '', `Approvers: ${describeApprovers(request.approvers)}${level}`, `Decide here: ${link}`].join('\n');
    const html = `<p>${escapeHtml(request.message)}</p><ul>${[...amountLine, ...lines].map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul><p><a href="${escapeHtml(link)}">Approve or reject</a></p>`;
    const message: MailMessage = { to, subject: `Approval needed${level}: ${request.message.split('\n')[0]?.slice(0, 120) ?? ''}`, text, html };
    if (to.length > 0 && this.options.sendMail) {
      await this.options.sendMail(request.notify?.connection, message);
    } else {
      // Nobody has an address: the message is filed in the sandbox outbox, addressed by username.
      await this.options.fileMail?.({ ...message, to: names.length > 0 ? names.map((n) => `${n}@approvers.invalid`) : ['approvers@approvers.invalid'] });
    }
    await this.options.audit('approval.notify', 'ledgerflow', `approval:${id}`, { to: to.length > 0 ? to : names, channel: to.length > 0 ? 'email' : 'outbox' });
  }

  private async usersWithRole(role: string): Promise<string[]> {
    const rows = await this.options.db.selectFrom('users').select(['username', 'roles', 'disabled']).execute();
    return rows.filter((r) => r.disabled !== 1 && strings(r.roles).includes(role)).map((r) => r.username);
  }
}

function view(row: Row, now: number, who: Decider, others: ReadonlyArray<{ level: number; by: string }>) {
  const facts = { status: row.status, level: row.level, approvers: approvers(row), quorum: row.quorum, submitters: strings(row.submitters), decisions: decisions(row.decisions) };
  const dryRun = judge(facts, others, who, 'approve', undefined, now);
  return {
    id: row.id,
    runId: row.run_id,
    flowId: row.flow_id,
    flowName: row.flow_id,
    runStatus: UNKNOWN_STATUS,
    nodeId: row.node_id,
    status: row.status,
    level: row.level,
    levelCount: row.level_count,
    quorum: row.quorum,
    escalated: row.escalated === 1,
    approvers: facts.approvers,
    message: row.message,
    fields: fields(row.fields),
    amount: amount(row.amount),
    submittedBy: facts.submitters,
    decisions: facts.decisions,
    decision: row.decision,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    comment: row.comment,
    createdAt: row.created_at,
    ageMs: Math.max(0, now - row.created_at),
    expiresAt: row.expires_at,
    shownHash: row.shown_hash,
    canDecide: dryRun.kind === 'recorded',
    ...(dryRun.kind === 'refused' ? { cannotDecide: dryRun.reason } : {}),
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function approvers(row: Pick<Row, 'approvers'>) {
  const parsed = approversSchema.safeParse(parse(row.approvers));
  return parsed.success ? { ...(parsed.data.role === undefined ? {} : { role: parsed.data.role }), ...(parsed.data.users === undefined ? {} : { users: parsed.data.users }) } : {};
}

function decisions(text: string | null) {
  const parsed = decisionsSchema.safeParse(parse(text));
  return parsed.success ? parsed.data : [];
}

function strings(text: string | null): string[] {
  const parsed = stringsSchema.safeParse(parse(text));
  return parsed.success ? parsed.data : [];
}

function fields(text: string | null): Record<string, unknown> {
  const parsed = fieldsSchema.safeParse(parse(text));
  return parsed.success ? parsed.data : {};
}

function amount(text: string | null): number | null {
  if (text === null) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}
