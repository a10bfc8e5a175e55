import { z } from 'zod';
import { parseDuration, type NodeSpec } from '@ledgerflow/flow';
import { jsonataProblem } from '../shared/jsonata';

const approvers = z.union([
  z.object({ role: z.string().min(1).max(50) }).strict(),
  z.object({ users: z.array(z.string().min(1).max(100)).min(1).max(50) }).strict(),
]);

export const approveConfig = z
  .object({
    when: z.string().max(10_000).optional().describe('JSONata; when false the data passes straight on'),
    approvers: approvers.default({ role: 'approver' }),
    message: z.string().max(10_000).optional().describe('What the approver reads; {{ field }} placeholders'),
    timeout: z
      .string()
      .refine((t) => parseDuration(t) !== undefined, 'an ISO 8601 duration such as P2D or PT4H')
      .optional(),
    onTimeout: z.enum(['reject', 'escalate']).default('reject'),
    escalateTo: z.object({ role: z.string().min(1).max(50) }).strict().optional(),
  })
  .strict();
export type ApproveConfig = z.infer<typeof approveConfig>;

export const approveSpec: NodeSpec<ApproveConfig> = {
  type: 'approve',
  version: 1,
  title: 'Approve',
  description: 'Waits for a person to approve or reject (above a threshold), without holding any process.',
  icon: '✋',
  configSchema: approveConfig,
  inputs: [{ name: 'in' }],
  outputs: () => [
    { name: 'approved', title: 'Approved' },
    { name: 'rejected', title: 'Rejected' },
  ],
  check(config) {
    const problem = config.when ? jsonataProblem(config.when) : undefined;
    return problem ? [{ path: 'when', message: problem }] : [];
  },
};
