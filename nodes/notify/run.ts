import { permanent } from '@ledgerflow/flow';
import type { NodeContext, NodeExecutor } from '@ledgerflow/engine';
import { httpError, networkError } from '../shared/http-errors';
import { escapeHtml, renderTemplate } from '../shared/template';
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
    const body = fill(ctx.config.body, '');
    switch (ctx.config.channel) {
      case 'email': {
        if (!ctx.services.sendMail) throw permanent('mail_unavailable', 'no SMTP connection is configured for e-mail notifications');
        const to = recipients(ctx.config.to, scope);
        const html = ctx.config.body ? fill(ctx.config.body, '', escapeHtml).replace(/\n/g, '<br>') : undefined;
        const sent = await ctx.services.sendMail(ctx.config.connection, { to, subject, text: body || JSON.stringify(input, null, 2), ...(html ? { html } : {}) });
        return { port: 'out', data: { channel: 'email', delivered: true, to, messageId: sent.messageId } };
      }
      case 'slack':
        return post(ctx, { text: body ? `*${subject}*\n${body}` : subject });
      case 'teams':
        return post(ctx, { '@type': 'MessageCard', '@context': 'https://schema.org/extensions', summary: subject, title: subject, text: body || subject });
      case 'webhook':
        return post(ctx, ctx.config.body ? parseBody(body) : { subject, data: input, run: { id: ctx.runId } });
    }
  },
};

async function post(ctx: NodeContext<NotifyConfig>, payload: unknown) {
  const url = ctx.config.url ?? '';
  const target = `${ctx.config.channel} ${new URL(url).host}`;
  let response: Response;
  try {
    response = await ctx.services.fetch(url, {
      method: ctx.config.method,
      headers: { 'content-type': 'application/json', ...(ctx.config.headers ?? {}) },
      body: typeof payload === 'string' ? payload : JSON.stringify(payload),
      signal: ctx.signal,
    });
  } catch (error) {
    throw networkError(error, target);
  }
  const text = await response.text();
  if (!response.ok) throw httpError(response.status, text, target, response.headers.get('retry-after'));
  return { port: 'out', data: { channel: ctx.config.channel, delivered: true, status: response.status } };
}

function recipients(to: NotifyConfig['to'], scope: unknown): string[] {
  const list = Array.isArray(to) ? to : (to ?? '').split(',');
  return list.map((r) => renderTemplate(r.trim(), scope).text).filter((r) => r.length > 0);
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
