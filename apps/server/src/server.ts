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
import { Metrics } from './metrics';
import { writeOutbox } from './outbox';
import { Approvals } from './approvals';
import { FailureAlerts } from './alerts';
import { Runtime } from './runtime';
import { Scheduler } from './scheduler/scheduler';
import { SecretBox } from './secrets';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface RunningServer {
  url: string;
  db: Db;
  runtime: Runtime;
  sandbox: FakeOdoo | undefined;
  /** The HTTP app, for tests that list its routes. */
  app: { routes: ReadonlyArray<{ method: string; path: string }>; request: (input: string, init?: RequestInit) => Response | Promise<Response> };
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
  const metrics = new Metrics(db);
  const connections = new Connections(db.kysely, box, (client) => metrics.countOdooCalls(client));
  await ensureAdmin(identity, settings.adminPassword, Date.now(), print);

  let sandbox: FakeOdoo | undefined;
  if (settings.sandbox) {
    // The sandbox is the built-in fake Odoo, so the example flows run with nothing else installed.
    sandbox = await startFakeOdoo({ port: 0, version: 17 });
    connections.addVirtual({ name: 'sandbox', type: 'odoo', url: sandbox.url, database: sandbox.database, login: sandbox.login, apiKey: sandbox.apiKey, protocol: 'jsonrpc' });
  }

  const sendMail = createMailer(connections, `${settings.dataDir}/outbox`);
  const links = { run: (id: string) => `${settings.publicUrl}/runs/${id}`, approval: (id: string) => `${settings.publicUrl}/approvals/${id}` };
  const approvals = new Approvals({
    db: db.kysely,
    audit: (action, actor, target, detail) => auditLog.append(action, actor, target, detail, Date.now()),
    links,
    sendMail,
    fileMail: (message) => writeOutbox(`${settings.dataDir}/outbox`, message),
    onError: (error, context) => logger.error({ err: error }, context),
  });
  const alerts = new FailureAlerts({ sendMail, fetch, links, flow: (id, version) => runtime.flows.get(id, version), windowMs: Number(process.env.LEDGERFLOW_ALERT_WINDOW_MS ?? 60_000), onError: (error) => logger.error({ err: error }, 'failure alert not sent') });
  const runtime = new Runtime({
    db, connections, logger, publicUrl: settings.publicUrl, workerConcurrency: settings.workerConcurrency, leaseMs: settings.leaseMs,
    services: {
      sendMail,
      openApproval: (request) => approvals.open(request, Date.now()),
      approvalTimedOut: (ref) => approvals.timedOut(ref, Date.now()),
      secret: (name) => process.env[`LEDGERFLOW_SECRET_${name}`],
    },
    onRunFinished: (run) => alerts.runFinished(run),
  });
  // A decision recorded just before a crash is applied now rather than lost.
  await approvals.recover(async (runId, stepId, value) => runtime.store.resumeStep(runId, stepId, value, Date.now()));
  const loaded = await loadExampleFlows(runtime.flows, db.kysely, `${REPO_ROOT}flows`, Date.now(), logger);
  let ready = false;
  const app = createApp({ db, runtime, connections, identity, auditLog, logger, editorDir: `${REPO_ROOT}apps/editor/dist`, requireReview: settings.requireReview, metrics, isReady: () => ready });
  if (settings.role === 'all' || settings.role === 'worker') runtime.worker.start();
  const scheduler = new Scheduler({
    db,
    flows: runtime.flows,
    startRun: (flowId, input, trigger, options) => runtime.startRun(flowId, input, trigger, options),
    odoo: (name) => connections.odoo(name),
    logger,
  });
  if (settings.role === 'all' || settings.role === 'scheduler') scheduler.start();

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
    app,
    async close() {
      await scheduler.stop();
      await runtime.worker.stop();
      await alerts.flush();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox?.close();
      await db.close();
    },
  };
}
