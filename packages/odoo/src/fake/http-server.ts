import type { IncomingMessage, ServerResponse } from 'node:http';
import { htmlPage, type FakeAnswer } from './envelopes';
import type { FakeState } from './fake-state';
import { handleJson2 } from './json2-endpoint';
import { handleJsonRpc } from './jsonrpc-endpoint';

const FIRST_JSON2_VERSION = 19;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function route(state: FakeState, request: IncomingMessage, body: string): Promise<FakeAnswer | 'drop'> {
  const path = new URL(request.url ?? '/', 'http://fake.invalid').pathname;
  if (state.faults.isDown) {
    state.faults.countDown();
    return htmlPage(503);
  }
  if (path === '/jsonrpc' && request.method === 'POST') return handleJsonRpc(state, body);
  const json2 = state.version >= FIRST_JSON2_VERSION;
  if (json2 && (path === '/web/version' || path === '/json/version') && request.method === 'GET') {
    const answer = { version_info: [state.version, 0, 0, 'final', 0, ''], version: `${state.version}.0` };
    return { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(answer) };
  }
  if (json2 && (path === '/json/2' || path.startsWith('/json/2/'))) {
    return handleJson2(state, {
      method: request.method ?? 'GET',
      path,
      authorization: header(request, 'authorization'),
      database: header(request, 'x-odoo-database'),
      body,
    });
  }
  // Before 19 there is no JSON-2: a real 16 answers these paths with werkzeug's HTML 404.
  return htmlPage(404);
}

/** The fake's request listener: route, then write the answer or drop the connection. */
export function createRequestListener(state: FakeState): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    void (async () => {
      try {
        const answer = await route(state, request, await readBody(request));
        if (answer === 'drop') {
          request.socket.destroy();
          return;
        }
        response.writeHead(answer.status, answer.headers);
        response.end(answer.body);
      } catch (error) {
        response.writeHead(500, { 'Content-Type': 'text/plain' });
        response.end(`fake Odoo failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    })();
  };
}
