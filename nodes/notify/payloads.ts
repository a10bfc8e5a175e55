/**
 * The documented message formats of each chat channel, and the webhook
 * signature. Pure, so the failure alerts of the server send the same shapes.
 */
import { createHmac } from 'node:crypto';

/** A Slack incoming-webhook message: `text` is the notification fallback, `blocks` what is shown. */
export function slackMessage(subject: string, body: string): Record<string, unknown> {
  const blocks: unknown[] = [{ type: 'header', text: { type: 'plain_text', text: subject.slice(0, 150), emoji: true } }];
  if (body) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: body.slice(0, 3000) } });
  return { text: body ? `${subject}\n${body}` : subject, blocks };
}

/** A Teams incoming-webhook (Workflows) message carrying an Adaptive Card. */
export function teamsMessage(subject: string, body: string, link?: { title: string; url: string }): Record<string, unknown> {
  const content: Record<string, unknown> = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      { type: 'TextBlock', text: subject, weight: 'Bolder', size: 'Medium', wrap: true },
      ...(body ? [{ type: 'TextBlock', text: body, wrap: true }] : []),
    ],
    ...(link ? { actions: [{ type: 'Action.OpenUrl', title: link.title, url: link.url }] } : {}),
  };
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content }] };
}

/** `sha256=<hex>` of the exact body bytes, for the X-Ledgerflow-Signature header. */
export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export const SIGNATURE_HEADER = 'x-ledgerflow-signature';
