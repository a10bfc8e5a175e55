import { parseDuration, permanent } from '@ledgerflow/flow';
import type { NodeContext, NodeExecutor, NodeResult } from '@ledgerflow/engine';
import { z } from 'zod';
import { evaluate } from '../shared/jsonata';
import type { ApproverSet } from '../shared/services';
import { lookupPath, renderTemplate } from '../shared/template';
import { approveSpec, type ApproveConfig, type ApproversConfig } from './schema';

const decision = z.object({
  decision: z.enum(['approve', 'reject']),
  by: z.string(),
  comment: z.string().optional(),
  level: z.number().int().min(1).optional(),
  approvalId: z.string().optional(),
});
type Decision = z.infer<typeof decision>;
const timedOut = z.object({ timedOut: z.literal(true) });

interface Level {
  approvers: ApproversConfig;
  quorum: number;
  name?: string;
}

/**
 * First run: works out which levels apply, opens the first and suspends.
 * Each decision resumes it: a rejection ends it, an approval opens the next
 * level (and suspends again) or emits on `approved`. A timeout rejects or
 * escalates once. All state lives in the approvals the server stores, so any
 * process may resume it after any restart.
 */
export const approve: NodeExecutor<ApproveConfig> = {
  ...approveSpec,
  async run(ctx, input) {
    const decided = decision.safeParse(ctx.resume);
    if (decided.success) return afterDecision(ctx, input, decided.data);
    if (timedOut.safeParse(ctx.resume).success) {
      const closed = ctx.services.approvalTimedOut ? await ctx.services.approvalTimedOut({ runId: ctx.runId, nodeId: ctx.nodeId }) : undefined;
      if (closed?.decided) return afterDecision(ctx, input, { ...closed.decided, level: closed.level, approvalId: closed.approvalId });
      const level = closed?.level ?? 1;
      if (ctx.config.onTimeout === 'escalate' && ctx.config.escalateTo && !closed?.escalated) {
        ctx.log(`level ${level} was not decided within ${ctx.config.timeout ?? 'its timeout'}: escalated to role ${ctx.config.escalateTo.role}`);
        return open(ctx, input, level, { approvers: ctx.config.escalateTo, quorum: 1 }, true);
      }
      ctx.log(`approval timed out at level ${level} (${ctx.config.timeout ?? 'no timeout'}): rejected`);
      return { port: 'rejected', data: input };
    }
    if (ctx.config.when) {
      const needed = await evaluate(ctx.config.when, input, {}, 'when');
      if (needed !== true) {
        ctx.log('no approval needed: "when" is not true');
        return { port: 'approved', data: input };
      }
    }
    const levels = await applicableLevels(ctx.config, input);
    if (levels.length === 0) {
      ctx.log('no approval level applies to this data');
      return { port: 'approved', data: input };
    }
    return open(ctx, input, 1);
  },
};

async function afterDecision(ctx: NodeContext<ApproveConfig>, input: unknown, d: Decision): Promise<NodeResult> {
  const levels = await applicableLevels(ctx.config, input);
  const level = d.level ?? levels.length;
  ctx.log(`level ${level} ${d.decision === 'approve' ? 'approved' : 'rejected'} by ${d.by}`, { comment: d.comment, approvalId: d.approvalId });
  if (d.decision === 'reject') return { port: 'rejected', data: input };
  if (level < levels.length) return open(ctx, input, level + 1);
  return { port: 'approved', data: input };
}

/** The levels that apply to this data, in order; without `levels`, the one level of `approvers`. */
export async function applicableLevels(config: ApproveConfig, input: unknown): Promise<Level[]> {
  if (!config.levels) return [{ approvers: config.approvers, quorum: config.quorum }];
  const applicable: Level[] = [];
  for (const [i, level] of config.levels.entries()) {
    if (level.when && (await evaluate(level.when, input, {}, `levels.${i}.when`)) !== true) continue;
    applicable.push(level);
  }
  return applicable;
}

async function open(ctx: NodeContext<ApproveConfig>, input: unknown, n: number, override?: { approvers: ApproversConfig; quorum: number }, escalated = false): Promise<NodeResult> {
  const levels = await applicableLevels(ctx.config, input);
  const level = override ?? levels[n - 1];
  if (!level) throw permanent('approval_level', `level ${n} does not apply to this data`);
  const approvers = await resolveApprovers(level.approvers, input, n);
  const timeoutMs = ctx.config.timeout ? parseDuration(ctx.config.timeout) : undefined;
  const expiresAt = timeoutMs === undefined ? null : ctx.now() + timeoutMs;
  const scope = { ...(isRecord(input) ? input : { value: input }), input, run: { id: ctx.runId, url: ctx.services.links.run(ctx.runId) }, level: n };
  const message = renderTemplate(ctx.config.message ?? 'Approval needed for run {{ run.id }}', scope).text;
  const fields = Object.fromEntries((ctx.config.fields ?? []).map((path) => [path, lookupPath(input, path) ?? null]));
  const submitters = [ctx.trigger.by, ctx.config.submittedBy ? lookupPath(input, ctx.config.submittedBy) : undefined].filter((s): s is string => typeof s === 'string' && s.length > 0);
  const notifyTo = ctx.config.notify?.to;
  const approvalId = ctx.services.openApproval
    ? await ctx.services.openApproval({
        runId: ctx.runId,
        nodeId: ctx.nodeId,
        flowId: ctx.flowId,
        approvers,
        message,
        data: input,
        level: n,
        levelCount: levels.length,
        quorum: level.quorum,
        escalated,
        expiresAt,
        submitters,
        fields,
        amount: amountOf(ctx.config, input),
        ...(ctx.config.notify ? { notify: { to: Array.isArray(notifyTo) ? notifyTo : (notifyTo ?? '').split(',').map((t) => t.trim()).filter(Boolean), ...(ctx.config.notify.connection ? { connection: ctx.config.notify.connection } : {}) } } : {}),
      })
    : undefined;
  ctx.log(`waiting for ${describe(approvers)} (level ${n} of ${levels.length}${level.quorum > 1 ? `, ${level.quorum} approvals needed` : ''}${escalated ? ', escalated' : ''})`, { approvalId });
  return { suspend: { data: { approvalId, level: n, levels: levels.length, quorum: level.quorum, approvers, message, escalated }, ...(expiresAt === null ? {} : { wakeAt: expiresAt }) } };
}

async function resolveApprovers(approvers: ApproversConfig, input: unknown, level: number): Promise<ApproverSet> {
  if (!('expression' in approvers)) return approvers;
  const value = await evaluate(approvers.expression, input, {}, `approvers of level ${level}`);
  const users = (Array.isArray(value) ? value : [value]).filter((u): u is string => typeof u === 'string' && u.length > 0);
  if (users.length === 0) throw permanent('no_approvers', `the approvers expression of level ${level} gave no usernames`);
  return { users };
}

function amountOf(config: ApproveConfig, input: unknown): number | null {
  for (const path of config.amount ? [config.amount] : ['amount', 'total']) {
    const value = lookupPath(input, path);
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return null;
}

function describe(approvers: ApproverSet): string {
  return approvers.users ? approvers.users.join(', ') : `role ${approvers.role ?? 'approver'}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
