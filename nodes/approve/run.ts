import { parseDuration } from '@ledgerflow/flow';
import type { NodeExecutor } from '@ledgerflow/engine';
import { z } from 'zod';
import { evaluate } from '../shared/jsonata';
import { renderTemplate } from '../shared/template';
import { approveSpec, type ApproveConfig } from './schema';

const decision = z.object({ decision: z.enum(['approve', 'reject']), by: z.string(), comment: z.string().optional() });
const timedOut = z.object({ timedOut: z.literal(true) });

/**
 * First run: opens an approval and suspends. Resumed by a decision (or by
 * its timeout), it emits on `approved` or `rejected`.
 */
export const approve: NodeExecutor<ApproveConfig> = {
  ...approveSpec,
  async run(ctx, input) {
    const decided = decision.safeParse(ctx.resume);
    if (decided.success) {
      const { decision: verdict, by, comment } = decided.data;
      ctx.log(`${verdict === 'approve' ? 'approved' : 'rejected'} by ${by}`, { comment });
      return { port: verdict === 'approve' ? 'approved' : 'rejected', data: input };
    }
    if (timedOut.safeParse(ctx.resume).success) {
      ctx.log(`approval timed out (${ctx.config.timeout ?? 'no timeout'})`);
      return { port: 'rejected', data: input };
    }
    if (ctx.config.when) {
      const needed = await evaluate(ctx.config.when, input, {}, 'when');
      if (needed !== true) return { port: 'approved', data: input };
    }
    const timeoutMs = ctx.config.timeout ? parseDuration(ctx.config.timeout) : undefined;
    const expiresAt = timeoutMs === undefined ? null : ctx.now() + timeoutMs;
    const message = renderTemplate(ctx.config.message ?? 'Approval needed for run {{ run.id }}', { ...(typeof input === 'object' && input ? input : {}), run: { id: ctx.runId } }).text;
    const approvalId = ctx.services.openApproval
      ? await ctx.services.openApproval({ runId: ctx.runId, nodeId: ctx.nodeId, flowId: ctx.flowId, approvers: ctx.config.approvers, message, data: input, level: 1, expiresAt })
      : undefined;
    return { suspend: { data: { approvalId, message, approvers: ctx.config.approvers }, ...(expiresAt === null ? {} : { wakeAt: expiresAt }) } };
  },
};
