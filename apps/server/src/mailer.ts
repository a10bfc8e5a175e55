import { permanent, retryable } from '@ledgerflow/flow';
import type { MailMessage } from '@ledgerflow/nodes';
import nodemailer from 'nodemailer';
import type { Connections } from './connections';
import { writeOutbox } from './outbox';

/**
 * Sends mail through a named SMTP connection, or the only one there is. With
 * no SMTP connection at all, mail goes to the sandbox outbox folder as .eml
 * files, so example flows work out of the box and nothing leaves the machine.
 */
export function createMailer(connections: Connections, outboxDir: string) {
  return async function sendMail(connectionName: string | undefined, message: MailMessage): Promise<{ messageId: string }> {
    const smtp = (await connections.list()).filter((c) => c.type === 'smtp');
    const chosen = connectionName ?? (smtp.length === 1 ? smtp[0]?.name : undefined);
    if (!chosen) {
      if (smtp.length > 1) throw permanent('mail_connection', `several SMTP connections exist (${smtp.map((s) => s.name).join(', ')}); name one in the node's "connection"`);
      return writeOutbox(outboxDir, message);
    }
    const connection = await connections.get(chosen);
    if (!connection || connection.type !== 'smtp') throw permanent('connection_unknown', `there is no SMTP connection named "${chosen}"`);
    const transport = nodemailer.createTransport({
      host: connection.host,
      port: connection.port,
      // secure: TLS from the first byte (465); otherwise STARTTLS whenever the server offers it.
      secure: connection.secure,
      // A mail server that hangs must not hold a step past its own timeout.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      ...(connection.user ? { auth: { user: connection.user, pass: connection.password ?? '' } } : {}),
    });
    try {
      const info = await transport.sendMail({ from: connection.from, ...message });
      return { messageId: info.messageId };
    } catch (error) {
      throw classifySmtp(error);
    } finally {
      transport.close();
    }
  };
}

/** SMTP 4xx and network errors are retryable; 5xx are permanent. */
export function classifySmtp(error: unknown) {
  const code = typeof error === 'object' && error !== null && 'responseCode' in error && typeof error.responseCode === 'number' ? error.responseCode : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (code !== undefined && code >= 500) return permanent('smtp_rejected', `the mail server refused the message: ${message}`, { details: { responseCode: code } });
  return retryable('smtp_unavailable', `the mail server could not take the message: ${message}`, { details: { ...(code === undefined ? {} : { responseCode: code }) } });
}

