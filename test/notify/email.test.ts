import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, MemoryStore, type NodeServices } from '@ledgerflow/engine';
import type { FlowDocument } from '@ledgerflow/flow';
import { nodeResolver } from '@ledgerflow/nodes';
import { migrate, openDatabase, type Db } from '@ledgerflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connections } from '../../apps/server/src/connections';
import { createMailer } from '../../apps/server/src/mailer';
import { SecretBox } from '../../apps/server/src/secrets';
import { decodeHeader, leaves, parseMime } from './mime';
import { startSmtp } from './smtp';

let db: Db;
let connections: Connections;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lf-mail-'));
  db = openDatabase({ dataDir: dir });
  await migrate(db);
  connections = new Connections(db.kysely, SecretBox.load('test-key', dir));
});
afterAll(async () => db.close());

function mailFlow(config: Record<string, unknown>): FlowDocument {
  return {
    schema: 'ledgerflow/flow@1',
    id: 'mail',
    name: 'Mail',
    nodes: [
      { id: 'in', type: 'trigger', config: { kind: 'manual' } },
      { id: 'tell', type: 'notify', config, retry: { maxAttempts: 3, backoff: 'fixed', initialDelayMs: 0, jitter: false } },
    ],
    edges: [{ from: 'in', to: 'tell' }],
  };
}

async function run(config: Record<string, unknown>, input: unknown) {
  const store = new MemoryStore();
  store.putFlow(mailFlow(config), 1);
  const services: NodeServices = {
    odoo: () => Promise.reject(new Error('no Odoo')),
    fetch,
    links: { run: (id) => `https://lf.example/runs/${id}`, approval: (id) => `https://lf.example/approvals/${id}` },
    sendMail: createMailer(connections, join(dir, 'outbox')),
  };
  const engine = new Engine({ store, nodes: nodeResolver(), services });
  const started = await engine.startRun({ flowId: 'mail', flowVersion: 1, input, trigger: { kind: 'manual' } });
  await engine.tick();
  const detail = await store.loadRun(started.id);
  if (!detail) throw new Error('no run');
  return { ...detail, tell: detail.steps.find((s) => s.nodeId === 'tell') };
}

const input = {
  ref: 'BILL/2026/0007',
  amount: 1250.5,
  vendor: 'Dupont & <Fils>',
  lines: [
    { account: '6100', label: 'Paper, "A4"', amount: 250.5 },
    { account: '6200', label: 'Toner', amount: 1000 },
  ],
};

describe('notify by e-mail through a real SMTP server', () => {
  it('delivers text, escaped HTML and a CSV attachment to every recipient, with auth and the connection’s from', async () => {
    const smtp = await startSmtp({ user: 'mailer', password: 'smtp-secret-1' });
    try {
      await connections.save({ name: 'mail-auth', type: 'smtp', host: '127.0.0.1', port: smtp.port, secure: false, user: 'mailer', password: 'smtp-secret-1', from: 'Ledgerflow <ledgerflow@acme.test>' }, Date.now());
      const result = await run(
        {
          channel: 'email',
          connection: 'mail-auth',
          to: ['ap@acme.test', 'cfo@acme.test'],
          subject: 'Bill {{ ref }} for {{ amount }} EUR',
          body: 'Vendor: {{ vendor }}\nRun: {{ run.url }}',
          attachment: { format: 'csv', filename: 'lines.csv', from: 'lines' },
        },
        input,
      );
      expect(result.run.status).toBe('succeeded');
      expect(smtp.received).toHaveLength(1);
      const [mail] = smtp.received;
      expect(mail!.to).toEqual(['ap@acme.test', 'cfo@acme.test']);
      expect(mail!.from).toBe('ledgerflow@acme.test');
      expect(mail!.user).toBe('mailer');
      const message = parseMime(mail!.raw);
      expect(decodeHeader(message.headers.subject ?? '')).toBe('Bill BILL/2026/0007 for 1250.5 EUR');
      const parts = leaves(message);
      const text = parts.find((p) => p.contentType === 'text/plain');
      const html = parts.find((p) => p.contentType === 'text/html');
      const csv = parts.find((p) => p.filename === 'lines.csv');
      expect(text?.body.trim()).toBe(`Vendor: Dupont & <Fils>\nRun: https://lf.example/runs/${result.run.id}`);
      expect(html?.body).toContain('Vendor: Dupont &amp; &lt;Fils&gt;<br>');
      expect(html?.body).not.toContain('<Fils>');
      expect(csv?.contentType).toBe('text/csv');
      expect(csv?.body).toBe('account,label,amount\r\n6100,"Paper, ""A4""",250.5\r\n6200,Toner,1000\r\n');
    } finally {
      await smtp.close();
    }
  });

  it('attaches JSON built from the data', async () => {
    const smtp = await startSmtp();
    try {
      await connections.save({ name: 'mail-json', type: 'smtp', host: '127.0.0.1', port: smtp.port, secure: false, from: 'ledgerflow@acme.test' }, Date.now());
      await run({ channel: 'email', connection: 'mail-json', to: 'ap@acme.test', subject: 'x', body: 'y', attachment: { format: 'json', filename: 'bill.json', from: '{ "ref": ref, "total": amount }' } }, input);
      const json = leaves(parseMime(smtp.received[0]!.raw)).find((p) => p.filename === 'bill.json');
      expect(json?.contentType).toBe('application/json');
      expect(JSON.parse(json!.body)).toEqual({ ref: 'BILL/2026/0007', total: 1250.5 });
    } finally {
      await smtp.close();
    }
  });

  it('retries after a 451 and delivers on the second attempt', async () => {
    const smtp = await startSmtp({ answer: (n) => (n === 1 ? 451 : undefined) });
    try {
      await connections.save({ name: 'mail-451', type: 'smtp', host: '127.0.0.1', port: smtp.port, secure: false, from: 'ledgerflow@acme.test' }, Date.now());
      const result = await run({ channel: 'email', connection: 'mail-451', to: 'ap@acme.test', subject: 'Bill {{ ref }}', body: 'ok' }, input);
      expect(result.run.status).toBe('succeeded');
      expect(smtp.attempts()).toBe(2);
      expect(smtp.received).toHaveLength(1);
      expect(result.attempts.filter((a) => a.stepId === result.tell?.id).map((a) => [a.status, a.error?.retryable ?? null])).toEqual([['failed', true], ['succeeded', null]]);
    } finally {
      await smtp.close();
    }
  });

  it('does not retry a 550: the run fails after one attempt with a permanent error', async () => {
    const smtp = await startSmtp({ answer: () => 550 });
    try {
      await connections.save({ name: 'mail-550', type: 'smtp', host: '127.0.0.1', port: smtp.port, secure: false, from: 'ledgerflow@acme.test' }, Date.now());
      const result = await run({ channel: 'email', connection: 'mail-550', to: 'ap@acme.test', subject: 'Bill', body: 'ok' }, input);
      expect(result.run.status).toBe('failed');
      expect(smtp.attempts()).toBe(1);
      expect(result.run.error).toMatchObject({ code: 'smtp_rejected', retryable: false, nodeId: 'tell' });
    } finally {
      await smtp.close();
    }
  });

  it('treats a mail server that is not there as retryable', async () => {
    await connections.save({ name: 'mail-down', type: 'smtp', host: '127.0.0.1', port: 1, secure: false, from: 'ledgerflow@acme.test' }, Date.now());
    const result = await run({ channel: 'email', connection: 'mail-down', to: 'ap@acme.test', subject: 'Bill', body: 'ok' }, input);
    expect(result.run.status).toBe('failed');
    expect(result.attempts.filter((a) => a.stepId === result.tell?.id)).toHaveLength(3);
    expect(result.run.error).toMatchObject({ code: 'smtp_unavailable', retryable: true });
  });
});
