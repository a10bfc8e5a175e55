import { z } from 'zod';
import type { NodeSpec } from '@ledgerflow/flow';

// Like notify's signingSecret: a name; the value is LEDGERFLOW_SECRET_<name> on the server, never in flow JSON.
const secretName = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'the name of a server secret, e.g. EXPENSES_HOOK (set LEDGERFLOW_SECRET_EXPENSES_HOOK); never the secret itself');

export const triggerConfig = z
  .object({
    kind: z.enum(['manual', 'webhook', 'schedule', 'odoo-poll']).default('manual').describe('How runs start'),
    path: z
      .string()
      .regex(/^[a-z0-9][a-z0-9/_-]*$/i, 'use letters, digits, "-", "_" and "/"')
      .max(200)
      .optional()
      .describe('Webhook path: POST /hooks/<path>'),
    secret: secretName.optional().describe('Webhook: name of the server secret that signs calls (HMAC-SHA256, header X-Ledgerflow-Signature)'),
    token: secretName.optional().describe('Webhook: name of the server secret callers must send as Authorization: Bearer <token>'),
    response: z.enum(['async', 'respond']).optional().describe('Webhook: answer 202 at once (async) or wait for the run and answer with its output (respond)'),
    waitSeconds: z.number().int().min(1).max(120).optional().describe('Webhook, respond mode: how long to wait for the run (default 30)'),
    cron: z.string().max(200).optional().describe('Schedule (cron, 5 or 6 fields); the Schedules page can change it'),
    timezone: z.string().max(100).optional().describe('IANA time zone of the schedule'),
    connection: z.string().max(100).optional().describe('Odoo poll: connection name'),
    model: z.string().max(200).optional().describe('Odoo poll: model to watch, e.g. account.move'),
    domain: z.array(z.unknown()).max(100).optional().describe('Odoo poll: extra domain, e.g. [["state","=","posted"]]'),
    fields: z.array(z.string().max(200)).max(200).optional().describe('Odoo poll: fields to read (default: all)'),
    mode: z.enum(['batch', 'record']).optional().describe('Odoo poll: one run per batch of records, or one per record'),
    limit: z.number().int().min(1).max(1000).optional().describe('Odoo poll: records per batch (default 100)'),
    startFrom: z.enum(['now', 'beginning']).optional().describe('Odoo poll: on the first poll, skip existing records (now) or read them all (beginning)'),
    sample: z.unknown().optional().describe('Sample input for test runs and previews'),
  })
  .passthrough()
  .superRefine((config, ctx) => {
    if (config.kind === 'webhook' && !config.path) ctx.addIssue({ code: 'custom', path: ['path'], message: 'a webhook trigger needs a path' });
    if (config.kind === 'schedule' && !config.cron) ctx.addIssue({ code: 'custom', path: ['cron'], message: 'a schedule trigger needs a cron expression' });
    if (config.kind === 'odoo-poll') {
      if (!config.connection) ctx.addIssue({ code: 'custom', path: ['connection'], message: 'an Odoo poll needs a connection' });
      if (!config.model) ctx.addIssue({ code: 'custom', path: ['model'], message: 'an Odoo poll needs a model, e.g. account.move' });
      if (!config.cron) ctx.addIssue({ code: 'custom', path: ['cron'], message: 'an Odoo poll needs a cron expression saying how often to look' });
    }
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
