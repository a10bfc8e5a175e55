import { z } from 'zod';
import { parseDuration, type NodeSpec } from '@ledgerflow/flow';
import { jsonataProblem } from '../shared/jsonata';
import { templateWarnings } from '../shared/template';

const approvers = z.union([
  z.object({ role: z.string().min(1).max(50) }).strict(),
  z.object({ users: z.array(z.string().min(1).max(100)).min(1).max(50) }).strict(),
  z.object({ expression: z.string().min(1).max(10_000).describe('JSONata over the data giving a username or a list of usernames') }).strict(),
]);
export type ApproversConfig = z.infer<typeof approvers>;

const quorum = z.number().int().min(1).max(20).describe('How many different people must approve');

const level = z
  .object({
    name: z.string().max(100).optional(),
    when: z.string().max(10_000).optional().describe('JSONata; the level applies only when true (e.g. total > 10000)'),
    approvers,
    quorum: quorum.default(1),
  })
  .strict();
export type ApprovalLevel = z.infer<typeof level>;

export const approveConfig = z
  .object({
    when: z.string().max(10_000).optional().describe('JSONata; when false the data passes straight on'),
    approvers: approvers.default({ role: 'approver' }),
    quorum: quorum.default(1),
    levels: z.array(level).min(1).max(10).optional().describe('Decided in order; each applies when its `when` holds. Replaces `approvers` when set.'),
    message: z.string().max(10_000).optional().describe('What the approver reads; {{ field }} placeholders'),
    fields: z.array(z.string().min(1).max(200)).max(20).optional().describe('Dot paths of the key fields shown in the inbox'),
    amount: z.string().max(200).optional().describe('Dot path of the amount shown in the inbox (default: amount or total)'),
    submittedBy: z.string().max(200).optional().describe('Dot path of the submitter’s username in the data; they may not approve'),
    timeout: z
      .string()
      .refine((t) => parseDuration(t) !== undefined, 'an ISO 8601 duration such as P2D or PT4H')
      .optional(),
    onTimeout: z.enum(['reject', 'escalate']).default('reject'),
    escalateTo: z.object({ role: z.string().min(1).max(50) }).strict().optional(),
    notify: z
      .object({ to: z.union([z.string().max(2000), z.array(z.string().max(320)).max(50)]).optional(), connection: z.string().max(100).optional() })
      .strict()
      .optional()
      .describe('Who else gets the "approval needed" e-mail (approvers with an e-mail username always do)'),
  })
  .strict();
export type ApproveConfig = z.infer<typeof approveConfig>;

export const approveSpec: NodeSpec<ApproveConfig> = {
  type: 'approve',
  version: 1,
  title: 'Approve',
  description: 'Waits for people to approve or reject (above thresholds, level by level), without holding any process.',
  icon: '✋',
  configSchema: approveConfig,
  inputs: [{ name: 'in' }],
  outputs: () => [
    { name: 'approved', title: 'Approved' },
    { name: 'rejected', title: 'Rejected' },
  ],
  check(config) {
    const problems: Array<{ path: string; message: string }> = [];
    const jsonata = (path: string, expression: string | undefined) => {
      const problem = expression ? jsonataProblem(expression) : undefined;
      if (problem) problems.push({ path, message: problem });
    };
    jsonata('when', config.when);
    if ('expression' in config.approvers) jsonata('approvers.expression', config.approvers.expression);
    config.levels?.forEach((l, i) => {
      jsonata(`levels.${i}.when`, l.when);
      if ('expression' in l.approvers) jsonata(`levels.${i}.approvers.expression`, l.approvers.expression);
    });
    if (config.onTimeout === 'escalate' && !config.escalateTo) problems.push({ path: 'escalateTo', message: 'onTimeout "escalate" needs escalateTo: { role }' });
    if (config.onTimeout === 'escalate' && !config.timeout) problems.push({ path: 'timeout', message: 'onTimeout "escalate" needs a timeout' });
    for (const w of templateWarnings(config.message ?? '', undefined).filter((w) => w.field === '')) problems.push({ path: 'message', message: w.message });
    return problems;
  },
};
