import { z } from 'zod';
import type { NodeSpec } from '@ledgerflow/flow';

export const notifyConfig = z
  .object({
    channel: z.enum(['email', 'webhook', 'slack', 'teams']).describe('Where the message goes'),
    connection: z.string().max(100).optional().describe('SMTP connection name (email)'),
    to: z.union([z.string().max(2000), z.array(z.string().max(320)).max(100)]).optional().describe('Recipients (email)'),
    subject: z.string().max(1000).optional().describe('Subject template, e.g. "Bill {{ ref }} posted"'),
    body: z.string().max(100_000).optional().describe('Body template; {{ field }} and {{ run.url }} are filled in'),
    url: z.string().url('a full URL such as https://hooks.example.com/x').optional().describe('Webhook, Slack or Teams URL'),
    method: z.enum(['POST', 'PUT', 'PATCH']).default('POST'),
    headers: z.record(z.string(), z.string().max(2000)).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.channel === 'email' && (!c.to || c.to.length === 0)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'an e-mail needs at least one recipient' });
    if (c.channel !== 'email' && !c.url) ctx.addIssue({ code: 'custom', path: ['url'], message: `the ${c.channel} channel needs a url` });
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
};
