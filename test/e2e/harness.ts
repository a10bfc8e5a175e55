/**
 * Shared set-up for browser tests: the real server on a free port with a
 * fresh data directory, and headless Chromium through playwright-core.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const ADMIN_PASSWORD = 'e2e-admin-password-1';
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'e2e');

export interface RunningServer {
  url: string;
  dataDir: string;
  logs: () => string;
  stop: () => Promise<void>;
}

/** A free TCP port on localhost. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

/** Builds the editor when apps/editor/dist is missing (npm test builds it first anyway). */
export function ensureEditorBuilt(): void {
  if (existsSync(join(ROOT, 'apps/editor/dist/index.html'))) return;
  const result = spawnSync('npm', ['run', 'build', '-w', '@ledgerflow/editor'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the editor failed');
}

/** Starts `ledgerflow serve` on a free port with a fresh data directory and waits for /healthz. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  ensureEditorBuilt();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerflow-e2e-'));
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['apps/server/bin/ledgerflow.mjs', 'serve', '--port', String(port), '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, LEDGERFLOW_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    try {
      const answer = await fetch(`${url}/healthz`);
      if (answer.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not become healthy within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    logs: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium as our machines have it. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export interface Harness {
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  consoleErrors: string[];
  /** Saves test-results/e2e/<name>.png and returns its path. */
  screenshot: (name: string) => Promise<string>;
  /** Signs in as admin through the login page. */
  login: (next?: string) => Promise<void>;
  close: () => Promise<void>;
}

/** Server + browser + a 1280×800 page that records console errors. */
export async function startHarness(options: { viewport?: { width: number; height: number }; env?: Record<string, string> } = {}): Promise<Harness> {
  const server = await startServer(options.env);
  const browser = await launchBrowser().catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, baseURL: server.url, acceptDownloads: true });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    server,
    browser,
    context,
    page,
    consoleErrors,
    async screenshot(name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async login(next = '/') {
      await page.goto(`/login?next=${encodeURIComponent(next)}`);
      await page.getByLabel('User name').fill('admin');
      await page.getByLabel('Password').fill(ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    },
    async close() {
      await browser.close().catch(() => undefined);
      await server.stop();
    },
  };
}
