import { afterAll, describe, expect, it } from 'vitest';
import { startChildServer, type ChildServer } from '../support/server';
import { decodeHeader, leaves, parseMime } from './mime';
import { startSmtp } from './smtp';

describe('flow failure alerts', () => {
  let server: ChildServer | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
  afterAll(async () => {
    await server?.stop();
    await smtp?.close();
  });

  it('sends ONE digest e-mail naming all 50 runs that failed in a burst', async () => {
    smtp = await startSmtp();
    server = await startChildServer({ env: { LEDGERFLOW_ALERT_WINDOW_MS: '4000' } });
    const admin = await server.login();
    expect((await server.api('/api/connections', { token: admin, body: { name: 'ops-mail', type: 'smtp', host: '127.0.0.1', port: smtp.port, secure: false, from: 'ledgerflow@acme.test' } })).status).toBe(201);
    const flow = {
      schema: 'ledgerflow/flow@1',
      id: 'closing-entries',
      name: 'Closing entries',
      settings: { onFailure: { channel: 'email', to: 'ops@acme.test', connection: 'ops-mail' } },
      nodes: [
        { id: 'in', type: 'trigger', config: { kind: 'manual' } },
        { id: 'book', type: 'map', config: { expression: '$error("the period is closed")' } },
      ],
      edges: [{ from: 'in', to: 'book' }],
    };
    expect((await server.api('/api/flows', { token: admin, body: flow })).status).toBe(201);
    const started = await Promise.all(Array.from({ length: 50 }, (_, i) => server!.api('/api/flows/closing-entries/runs', { token: admin, body: { input: { n: i } } })));
    const ids = started.map((s) => s.body.id as string);
    expect(new Set(ids).size).toBe(50);

    const deadline = Date.now() + 20_000;
    while (smtp.received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const failed = await server.api('/api/runs?flowId=closing-entries&status=failed&limit=100', { token: admin });
    expect(failed.body.items).toHaveLength(50);
    // Nothing more comes after the digest: the burst was one window.
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.received).toHaveLength(1);

    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['ops@acme.test']);
    const message = parseMime(mail.raw);
    expect(decodeHeader(message.headers.subject ?? '')).toBe('[Ledgerflow] Closing entries: 50 failed runs');
    const text = leaves(message).find((p) => p.contentType === 'text/plain')?.body ?? '';
    for (const id of ids) expect(text).toContain(`run ${id} failed at book: `);
    expect(text).toContain('the period is closed');
    expect(text).toContain(`${server.url}/runs/${ids[0]}`);
  }, 60_000);
});
