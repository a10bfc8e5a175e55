import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { startFakeOdoo, type FakeOdoo } from '@ledgerflow/odoo';
import { migrate, openDatabase, type Db } from '@ledgerflow/store';
import { createApp } from './app';
import { AuditLog } from './audit';
import { Identity } from './auth/identity';
import { ensureAdmin, loadExampleFlows } from './bootstrap';
import type { Settings } from './config';
import { Connections } from './connections';
import { createLogger } from './logger';
import { createMailer } from './mailer';
import { Runtime } from './runtime';
import { SecretBox } from './secrets';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface RunningServer {
  url: string;
  db: Db;
  runtime: Runtime;
  sandbox: FakeOdoo | undefined;
  close(): Promise<void>;
}

/** Starts everything for `serve`: store, migrations, users, sandbox, worker, HTTP. */
export async function startServer(settings: Settings, print: (line: string) => void = (l) => console.log(l)): Promise<RunningServer> {
  const logger = createLogger(settings.logLevel);
  const db = openDatabase({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
  await migrate(db);
  const box = SecretBox.load(settings.secretKey, settings.dataDir);
  const identity = new Identity(db.kysely);
  const auditLog = new AuditLog(db.kysely);
  const connections = new Connections(db.kysely, box);
  await ensureAdmin(identity, settings.adminPassword, Date.now(), print);

  let sandbox: FakeOdoo | undefined;
  if (settings.sandbox) {
    // The sandbox is the built-in fake Odoo, so the example flows run with nothing else installed.
    sandbox = await startFakeOdoo({ port: 0, version: 17 });
    connections.addVirtual({ name: 'sandbox', type: 'odoo', url: sandbox.url, database: sandbox.database, login: sandbox.login, apiKey: sandbox.apiKey, protocol: 'jsonrpc' });
  }

  const runtime = new Runtime({ db, connections, logger, publicUrl: settings.publicUrl, workerConcurrency: settings.workerConcurrency, services: { sendMail: createMailer(connections, `${settings.dataDir}/outbox`) } });
  const loaded = await loadExampleFlows(runtime.flows, `${REPO_ROOT}flows`, Date.now(), logger);
  let ready = false;
  const app = createApp({ db, runtime, connections, identity, auditLog, logger, editorDir: `${REPO_ROOT}apps/editor/dist`, isReady: () => ready });
  if (settings.role === 'all' || settings.role === 'worker') runtime.worker.start();

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: settings.port, hostname: settings.host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const url = `http://${settings.host}:${port}`;
  ready = true;
  print(`Ledgerflow is running on ${url}  (store: ${db.dialect === 'sqlite' ? `SQLite in ${settings.dataDir}` : 'PostgreSQL'}${loaded ? `, ${loaded} example flows loaded` : ''}${sandbox ? ', sandbox Odoo connection "sandbox"' : ''})`);
  return {
    url,
    db,
    runtime,
    sandbox,
    async close() {
      await runtime.worker.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox?.close();
      await db.close();
    },
  };
}
