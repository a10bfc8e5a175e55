import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OdooConnectionConfig } from '@ledgerflow/odoo';
import { z } from 'zod';
import { freePort } from '../../test/support/server';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ADMIN_PASSWORD = 'bench-admin-password';

const madeDirs: string[] = [];

/** A temporary directory for one benchmark's data; `removeTempDirs` deletes it. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `lf-bench-${prefix}-`));
  madeDirs.push(dir);
  return dir;
}

/** Deletes the directories `tempDir` made (the history benchmark's store is about a gigabyte). */
export function removeTempDirs(): void {
  for (const dir of madeDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export { freePort };

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), 5000);
  return exited.finally(() => clearTimeout(force));
}

export interface FakeOdooProcess {
  pid: number;
  connection: OdooConnectionConfig & { protocol: 'jsonrpc' };
  /** Back to the seeded data, so each measurement starts with the same records. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

const readyMessage = z.object({ ready: z.object({ url: z.string(), database: z.string(), login: z.string(), apiKey: z.string() }) });

/** Starts the fake Odoo in a child process with a fixed answer latency. */
export async function startFakeOdooProcess(latencyMs: number): Promise<FakeOdooProcess> {
  const child = fork(fileURLToPath(new URL('./fake-odoo-process.ts', import.meta.url)), [String(latencyMs)], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = await new Promise<z.infer<typeof readyMessage>['ready']>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the fake Odoo did not start within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`the fake Odoo exited with ${code}`)));
    child.on('message', (message) => {
      const parsed = readyMessage.safeParse(message);
      if (!parsed.success) return;
      clearTimeout(timer);
      resolve(parsed.data.ready);
    });
  });
  return {
    pid: child.pid ?? 0,
    connection: { ...ready, protocol: 'jsonrpc' },
    reset: () =>
      new Promise((resolve) => {
        const onMessage = (message: unknown) => {
          if (typeof message === 'object' && message !== null && 'reset' in message) {
            child.off('message', onMessage);
            resolve();
          }
        };
        child.on('message', onMessage);
        child.send({ reset: true });
      }),
    stop: async () => {
      child.disconnect();
      await stopChild(child);
    },
  };
}

export interface ServerProcess {
  url: string;
  pid: number;
  dataDir: string;
  token: string;
  /** JSON request with the admin token; throws on a non-2xx answer. */
  api<T>(path: string, schema: z.ZodType<T>, init?: { method?: string; body?: unknown }): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Starts `ledgerflow serve` as a child process, as an operator would run it
 * (default log level, output discarded), and logs in as admin. With
 * LEDGERFLOW_BENCH_PROFILE=<dir> set, the server writes a CPU profile there when it stops.
 */
export async function startServerProcess(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = options.dataDir ?? tempDir('server');
  let errors = '';
  const profile = process.env.LEDGERFLOW_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LEDGERFLOW_BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, join(ROOT, 'apps/server/bin/ledgerflow.mjs'), 'serve', '--port', String(port), '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, LEDGERFLOW_ADMIN_PASSWORD: ADMIN_PASSWORD, LEDGERFLOW_SANDBOX: '0', ...options.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk) => (errors = (errors + String(chunk)).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited early:\n${errors}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`the server did not start within 60 s:\n${errors}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const request = async (path: string, init: { method?: string; body?: unknown; token?: string }): Promise<unknown> => {
    const response = await fetch(`${url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) : null;
  };
  const { token } = z.object({ token: z.string() }).parse(await request('/api/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } }));
  return {
    url,
    pid: child.pid ?? 0,
    dataDir,
    token,
    api: async (path, schema, init = {}) => schema.parse(await request(path, { ...init, token })),
    stop: () => stopChild(child),
  };
}
