import { z } from 'zod';
import type { NodeSpec } from '@ledgerflow/flow';

export const triggerConfig = z
  .object({
    kind: z.enum(['manual', 'webhook', 'schedule', 'odoo-poll']).default('manual').describe('How runs start'),
    path: z
      .string()
      .regex(/^[a-z0-9][a-z0-9/_-]*$/i, 'use letters, digits, "-", "_" and "/"')
      .max(200)
      .optional()
      .describe('Webhook path: POST /hooks/<path>'),
    cron: z.string().max(200).optional().describe('Schedule (cron, 5 or 6 fields)'),
    timezone: z.string().max(100).optional().describe('IANA time zone of the schedule'),
    secret: z.string().max(200).optional().describe('Name of the secret that signs webhook calls (HMAC-SHA256)'),
    sample: z.unknown().optional().describe('Sample input for test runs and previews'),
  })
  .passthrough()
  .superRefine((config, ctx) => {
    if (config.kind === 'webhook' && !config.path) ctx.addIssue({ code: 'custom', path: ['path'], message: 'a webhook trigger needs a path' });
    if (config.kind === 'schedule' && !config.cron) ctx.addIssue({ code: 'custom', path: ['cron'], message: 'a schedule trigger needs a cron expression' });
  });
export type TriggerConfig = z.infer<typeof triggerConfig>;

export const triggerSpec: NodeSpec<TriggerConfig> = {
  type: 'trigger',
  version: 1,
  title: 'Trigger',
  description: 'Starts the flow: by hand, from a webhook, on a schedule or by polling Odoo. Emits the run input.',
  icon: '⚡',
  configSchema: triggerConfig,
  inputs: [],
  outputs: () => [{ name: 'out', title: 'Run input' }],
};
