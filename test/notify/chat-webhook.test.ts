import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Engine, MemoryStore } from '@ledgerflow/engine';
import type { FlowDocument } from '@ledgerflow/flow';
import { nodeResolver } from '@ledgerflow/nodes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

interface Hit {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let server: Server;
let base: string;
const hits: Hit[] = [];
let answers: number[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = answers.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  hits.length = 0;
  answers = [];
});

async function run(config: Record<string, unknown>, input: unknown) {
  const flow: FlowDocument = {
    schema: 'ledgerflow/flow@1',
    id: 'chat',
    name: 'Chat',
    nodes: [
      { id: 'in', type: 'trigger', config: { kind: 'manual' } },
      { id: 'tell', type: 'notify', config, retry: { maxAttempts: 3, backoff: 'fixed', initialDelayMs: 0, jitter: false } },
    ],
    edges: [{ from: 'in', to: 'tell' }],
  };
  const store = new MemoryStore();
  store.putFlow(flow, 1);
  const engine = new Engine({
    store,
    nodes: nodeResolver(),
    services: {
      odoo: () => Promise.reject(new Error('no Odoo')),
      fetch,
      secret: (name) => (name === 'PARTNER_HOOK' ? 'shh-partner-secret' : undefined),
      links: { run: (id) => `https://lf.example/runs/${id}`, approval: (id) => `https://lf.example/approvals/${id}` },
    },
    newId: (() => {
      let n = 0;
      return () => `id-${++n}`;
    })(),
  });
  const started = await engine.startRun({ flowId: 'chat', flowVersion: 1, input, trigger: { kind: 'manual' } });
  await engine.tick();
  const detail = await store.loadRun(started.id);
  if (!detail) throw new Error('no run');
  return detail;
}

const input = { ref: 'BILL/7', amount: 99.5, vendor: 'Say "hi" Ltd' };

describe('notify to Slack, Teams and webhooks', () => {
  it('posts Slack’s incoming-webhook JSON', async () => {
    const detail = await run({ channel: 'slack', url: `${base}/slack/T1`, subject: 'Bill {{ ref }} posted', body: '*{{ amount }} EUR* from {{ vendor }}\n<{{ run.url }}|Open the run>' }, input);
    expect(detail.run.status).toBe('succeeded');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.path).toBe('/slack/T1');
    expect(hits[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(hits[0]!.body)).toEqual({
      text: `Bill BILL/7 posted\n*99.5 EUR* from Say "hi" Ltd\n<https://lf.example/runs/${detail.run.id}|Open the run>`,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Bill BILL/7 posted', emoji: true } },
        { type: 'section', text: { type: 'mrkdwn', text: `*99.5 EUR* from Say "hi" Ltd\n<https://lf.example/runs/${detail.run.id}|Open the run>` } },
      ],
    });
  });

  it('posts a Teams message with an Adaptive Card', async () => {
    const detail = await run({ channel: 'teams', url: `${base}/teams`, subject: 'Bill {{ ref }} posted', body: '{{ amount }} EUR' }, input);
    expect(JSON.parse(hits[0]!.body)).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              { type: 'TextBlock', text: 'Bill BILL/7 posted', weight: 'Bolder', size: 'Medium', wrap: true },
              { type: 'TextBlock', text: '99.5 EUR', wrap: true },
            ],
            actions: [{ type: 'Action.OpenUrl', title: 'Open the run', url: `https://lf.example/runs/${detail.run.id}` }],
          },
        },
      ],
    });
  });

  it('calls a webhook with method, headers, a JSON body template and an HMAC-SHA256 signature of the exact body', async () => {
    await run(
      { channel: 'webhook', url: `${base}/partner`, method: 'PUT', headers: { 'x-partner': 'acme' }, body: '{"ref": "{{ ref }}", "vendor": "{{ vendor }}", "amount": {{ amount }}}', signingSecret: 'PARTNER_HOOK' },
      input,
    );
    const hit = hits[0]!;
    expect(hit.method).toBe('PUT');
    expect(hit.headers['x-partner']).toBe('acme');
    expect(JSON.parse(hit.body)).toEqual({ ref: 'BILL/7', vendor: 'Say "hi" Ltd', amount: 99.5 });
    const expected = `sha256=${createHmac('sha256', 'shh-partner-secret').update(hit.body).digest('hex')}`;
    expect(hit.headers['x-ledgerflow-signature']).toBe(expected);
  });

  it('retries a webhook answering 503 and 429, and fails at once on a 400', async () => {
    answers = [503, 429];
    const retried = await run({ channel: 'webhook', url: `${base}/flaky` }, input);
    expect(retried.run.status).toBe('succeeded');
    expect(hits).toHaveLength(3);
    expect(JSON.parse(hits[2]!.body)).toMatchObject({ data: input, run: { id: retried.run.id } });

    hits.length = 0;
    answers = [400];
    const refused = await run({ channel: 'webhook', url: `${base}/strict` }, input);
    expect(refused.run.status).toBe('failed');
    expect(hits).toHaveLength(1);
    expect(refused.run.error).toMatchObject({ code: 'http_error', retryable: false });
  });

  it('fails permanently when the signing secret is not set on the server', async () => {
    const detail = await run({ channel: 'webhook', url: `${base}/partner`, signingSecret: 'UNKNOWN_ONE' }, input);
    expect(detail.run.error).toMatchObject({ code: 'secret_missing', retryable: false });
    expect(hits).toHaveLength(0);
  });
});
