import { z } from 'zod';
import type { NodeSpec } from '@ledgerflow/flow';
import { jsonataProblem } from '../shared/jsonata';
import { templateWarnings } from '../shared/template';

export const notifyConfig = z
  .object({
    channel: z.enum(['email', 'webhook', 'slack', 'teams']).describe('Where the message goes'),
    connection: z.string().max(100).optional().describe('SMTP connection name (email)'),
    to: z.union([z.string().max(2000), z.array(z.string().max(320)).max(100)]).optional().describe('Recipients (email)'),
    subject: z.string().max(1000).optional().describe('Subject template, e.g. "Bill {{ ref }} posted"'),
    body: z.string().max(100_000).optional().describe('Body template; {{ field }} and {{ run.url }} are filled in'),
    html: z.string().max(200_000).optional().describe('HTML body template (email); values are HTML-escaped. Default: the body with line breaks'),
    attachment: z
      .object({
        format: z.enum(['csv', 'json']),
        filename: z.string().min(1).max(200).regex(/^[^/\\]+$/, 'a file name without folders'),
        from: z.string().min(1).max(10_000).describe('JSONata over the input giving the rows (CSV) or the value (JSON)'),
      })
      .strict()
      .optional()
      .describe('A file built from the data (email)'),
    url: z.string().url('a full URL such as https://hooks.example.com/x').optional().describe('Webhook, Slack or Teams URL'),
    method: z.enum(['POST', 'PUT', 'PATCH']).default('POST'),
    headers: z.record(z.string(), z.string().max(2000)).optional(),
    signingSecret: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'the name of a server secret, e.g. PARTNER_HOOK (set LEDGERFLOW_SECRET_PARTNER_HOOK)')
      .optional()
      .describe('Webhook: signs the body with HMAC-SHA256 in X-Ledgerflow-Signature'),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.channel === 'email' && (!c.to || c.to.length === 0)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'an e-mail needs at least one recipient' });
    if (c.channel !== 'email' && !c.url) ctx.addIssue({ code: 'custom', path: ['url'], message: `the ${c.channel} channel needs a url` });
    if (c.channel !== 'email' && c.attachment) ctx.addIssue({ code: 'custom', path: ['attachment'], message: 'attachments go with e-mail only' });
    if (c.channel !== 'webhook' && c.signingSecret) ctx.addIssue({ code: 'custom', path: ['signingSecret'], message: 'only webhooks are signed' });
  });
export type NotifyConfig = z.infer<typeof notifyConfig>;

export const notifySpec: NodeSpec<NotifyConfig> = {
  type: 'notify',
  version: 1,
  title: 'Notify',
  description: 'Sends an e-mail, a Slack or Teams message, or calls a webhook, with the data filled into templates.',
  icon: '✉',
  configSchema: notifyConfig,
  inputs: [{ name: 'in' }],
  outputs: () => [{ name: 'out', description: '{ channel, delivered }' }],
  check(config) {
    const problems: Array<{ path: string; message: string }> = [];
    for (const key of ['subject', 'body', 'html'] as const) {
      for (const w of templateWarnings(config[key] ?? '', undefined).filter((w) => w.field === '')) problems.push({ path: key, message: w.message });
    }
    const problem = config.attachment ? jsonataProblem(config.attachment.from) : undefined;
    if (problem) problems.push({ path: 'attachment.from', message: problem });
    return problems;
  },
};
