import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../apps/server/src/config';
import { startServer, type RunningServer } from '../../apps/server/src/server';
import { ADMIN_PASSWORD } from './server';

export interface InProcessServer extends RunningServer {
  token: string;
  dataDir: string;
  api(path: string, init?: { method?: string; body?: unknown; token?: string | null; headers?: Record<string, string> }): Promise<{ status: number; body: any }>;
  waitForRun(runId: string, statuses?: string[], timeoutMs?: number): Promise<any>;
}

/** The real server in this process on a free port, logged in as admin. */
export async function startInProcess(env: Record<string, string> = {}): Promise<InProcessServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lf-it-'));
  const settings = loadSettings({ LEDGERFLOW_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'silent', ...env }, { port: 0, dataDir });
  const server = await startServer(settings, () => undefined);
  const api: InProcessServer['api'] = async (path, init = {}) => {
    const response = await fetch(`${server.url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...init.headers },
      ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: response.status, body };
  };
  const login = await api('/api/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } });
  const token: string = login.body.token;
  let closed: Promise<void> | undefined;
  return {
    ...server,
    close: () => (closed ??= server.close()),
    dataDir,
    token,
    api: (path, init = {}) => api(path, { ...init, token: init.token === null ? undefined : (init.token ?? token) }),
    async waitForRun(runId, statuses = ['succeeded', 'failed', 'cancelled'], timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { body } = await api(`/api/runs/${runId}`, { token });
        if (statuses.includes(body.status)) return body;
        if (Date.now() > deadline) throw new Error(`run ${runId} stayed ${body.status}: ${JSON.stringify(body.steps?.map((s: any) => [s.nodeId, s.status, s.error?.message]))}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
