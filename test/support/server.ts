import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ADMIN_PASSWORD = 'test-admin-password';

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface ChildServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  /** Logs in as admin (or another user) and returns a bearer token. */
  login(username?: string, password?: string): Promise<string>;
  /** fetch with JSON and a bearer token. */
  api(path: string, init?: { method?: string; body?: unknown; token?: string }): Promise<{ status: number; body: any }>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `ledgerflow serve` as a child process on a free port and waits for /healthz. */
export async function startChildServer(options: { dataDir?: string; env?: Record<string, string>; port?: number; args?: string[] } = {}): Promise<ChildServer> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'lf-test-'));
  let log = '';
  const child = spawn(process.execPath, [join(ROOT, 'apps/server/bin/ledgerflow.mjs'), 'serve', '--port', String(port), '--data-dir', dataDir, ...(options.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, LEDGERFLOW_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (log += String(d)));
  child.stderr?.on('data', (d) => (log += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const api: ChildServer['api'] = async (path, init = {}) => {
    const response = await fetch(`${url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
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
  return {
    url,
    dataDir,
    process: child,
    output: () => log,
    api,
    async login(username = 'admin', password = ADMIN_PASSWORD) {
      const { status, body } = await api('/api/auth/login', { body: { username, password } });
      if (status !== 200) throw new Error(`login failed: ${status} ${JSON.stringify(body)}`);
      return body.token;
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    },
  };
}

/** Polls a run until it reaches one of `statuses`. */
export async function waitForRun(server: ChildServer, token: string, runId: string, statuses: string[] = ['succeeded', 'failed', 'cancelled'], timeoutMs = 20_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await server.api(`/api/runs/${runId}`, { token });
    if (statuses.includes(body.status)) return body;
    if (Date.now() > deadline) throw new Error(`run ${runId} stayed ${body.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
