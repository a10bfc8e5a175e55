import { permanent } from '@ledgerflow/flow';
import type { NodeContext, NodeExecutor, NodeResult } from '@ledgerflow/engine';
import { httpError, networkError } from '../shared/http-errors';
import { evaluate } from '../shared/jsonata';
import type { MailMessage } from '../shared/services';
import { escapeHtml, htmlBody, renderTemplate } from '../shared/template';
import { toCsv } from './attachment';
import { signature, SIGNATURE_HEADER, slackMessage, teamsMessage } from './payloads';
import { notifySpec, type NotifyConfig } from './schema';

/** Sends the notification; the input passes on with a delivery note. */
export const notify: NodeExecutor<NotifyConfig> = {
  ...notifySpec,
  async run(ctx, input) {
    const scope = { ...(isObject(input) ? input : { value: input }), input, run: { id: ctx.runId, url: ctx.services.links.run(ctx.runId), input: ctx.runInput } };
    const fill = (template: string | undefined, fallback: string, escape?: (t: string) => string) => {
      const { text, missing } = renderTemplate(template ?? fallback, scope, escape);
      if (missing.length > 0) ctx.log(`template fields without a value: ${missing.join(', ')}`, { missing });
      return text;
    };
    const subject = fill(ctx.config.subject, 'Ledgerflow run {{ run.id }}');
    const body = ctx.config.body === undefined ? '' : fill(ctx.config.body, '');
    switch (ctx.config.channel) {
      case 'email': {
        if (!ctx.services.sendMail) throw permanent('mail_unavailable', 'no SMTP connection is configured for e-mail notifications');
        const to = recipients(ctx.config.to, scope);
        if (to.length === 0) throw permanent('no_recipients', 'the "to" template gave no recipients for this data');
        const html = ctx.config.html !== undefined ? fill(ctx.config.html, '', escapeHtml) : ctx.config.body !== undefined ? htmlBody(fill(ctx.config.body, '', escapeHtml)) : undefined;
        const message: MailMessage = { to, subject, text: body || JSON.stringify(input, null, 2), ...(html ? { html } : {}) };
        if (ctx.config.attachment) message.attachments = [await attachment(ctx.config.attachment, input)];
        const sent = await ctx.services.sendMail(ctx.config.connection, message);
        return { port: 'out', data: { channel: 'email', delivered: true, to, messageId: sent.messageId } };
      }
      case 'slack':
        return post(ctx, JSON.stringify(slackMessage(subject, body)));
      case 'teams':
        return post(ctx, JSON.stringify(teamsMessage(subject, body, { title: 'Open the run', url: scope.run.url })));
      case 'webhook': {
        // In a JSON body template, values are JSON-escaped so `"{{ ref }}"` stays valid whatever the data.
        const text = ctx.config.body !== undefined ? fill(ctx.config.body, '', jsonEscape) : JSON.stringify({ subject, data: input, run: { id: ctx.runId, url: scope.run.url } });
        return post(ctx, text);
      }
    }
  },
};

async function attachment(config: NonNullable<NotifyConfig['attachment']>, input: unknown): Promise<NonNullable<MailMessage['attachments']>[number]> {
  const value = await evaluate(config.from, input, {}, 'attachment.from');
  if (config.format === 'csv') return { filename: config.filename, content: toCsv(value), contentType: 'text/csv; charset=utf-8' };
  return { filename: config.filename, content: `${JSON.stringify(value ?? null, null, 2)}\n`, contentType: 'application/json' };
}

async function post(ctx: NodeContext<NotifyConfig>, body: string): Promise<NodeResult> {
  const url = ctx.config.url ?? '';
  const target = `${ctx.config.channel} ${new URL(url).host}`;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(ctx.config.headers ?? {}) };
  if (ctx.config.signingSecret) {
    const secret = ctx.services.secret?.(ctx.config.signingSecret);
    if (!secret) throw permanent('secret_missing', `the server has no secret ${ctx.config.signingSecret} (set LEDGERFLOW_SECRET_${ctx.config.signingSecret})`);
    headers[SIGNATURE_HEADER] = signature(body, secret);
  }
  let response: Response;
  try {
    response = await ctx.services.fetch(url, { method: ctx.config.method, headers, body, signal: ctx.signal });
  } catch (error) {
    throw networkError(error, target);
  }
  const text = await response.text();
  if (!response.ok) throw httpError(response.status, text, target, response.headers.get('retry-after'));
  return { port: 'out', data: { channel: ctx.config.channel, delivered: true, status: response.status } };
}

function recipients(to: NotifyConfig['to'], scope: unknown): string[] {
  const list = Array.isArray(to) ? to : (to ?? '').split(',');
  return list.flatMap((r) => renderTemplate(r.trim(), scope).text.split(',')).map((r) => r.trim()).filter((r) => r.length > 0);
}

function jsonEscape(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
