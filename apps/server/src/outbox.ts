import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MailMessage } from '@ledgerflow/nodes';
import nodemailer from 'nodemailer';

/** Writes a message as an .eml file in `dir` (the sandbox outbox). */
export async function writeOutbox(dir: string, message: MailMessage): Promise<{ messageId: string }> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const info = await transport.sendMail({ from: 'ledgerflow@localhost', ...message });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${Date.now()}-${Math.random().toString(36).slice(2, 8)}.eml`);
  const content: unknown = info.message;
  writeFileSync(file, Buffer.isBuffer(content) ? content : String(content));
  return { messageId: `outbox:${file}` };
}
