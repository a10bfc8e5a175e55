import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { AuditLog } from './audit';
import type { Identity } from './auth/identity';
import type { Connections } from './connections';
import { makeGuard, type Env } from './guard';
import { errorResponse, HttpError } from './http-errors';
import type { Logger } from './logger';
import { approvalRoutes } from './routes/approvals';
import { authRoutes } from './routes/auth';
import { connectionRoutes } from './routes/connections';
import type { RouteDeps } from './routes/deps';
import { failureRoutes } from './routes/failures';
import { flowRoutes } from './routes/flows';
import { hookRoutes } from './routes/hooks';
import { Metrics } from './metrics';
import { opsRoutes } from './routes/ops';
import { openapiRoutes } from './openapi/routes';
import { runRoutes } from './routes/runs';
import { scheduleRoutes } from './routes/schedules';
import { publishingRoutes } from './routes/publishing';
import { systemRoutes } from './routes/system';
import type { Runtime } from './runtime';
import type { Db } from '@ledgerflow/store';

export interface AppDeps {
  db: Db;
  runtime: Runtime;
  connections: Connections;
  identity: Identity;
  auditLog: AuditLog;
  logger: Logger;
  now?: () => number;
  /** Folder of the built editor, served at `/`. */
  editorDir?: string;
  isReady?: () => boolean;
  /** Publishing needs a second designer's review (LEDGERFLOW_REQUIRE_REVIEW=1). */
  requireReview?: boolean;
  /** Prometheus metrics; one is made here when the caller has none. */
  metrics?: Metrics;
  /** Extra route modules (approvals, schedules, …) mounted by later layers. */
  extend?: (app: Hono<Env>, deps: RouteDeps) => void;
}

const EDITOR_PATHS = /^\/(flows|runs|approvals|schedules|login|users|dashboard|failures|settings)(\/|$)|^\/$/;

/** Builds the HTTP app: API, webhooks, health and the editor. */
export function createApp(deps: AppDeps): Hono<Env> {
  const now = deps.now ?? Date.now;
  const app = new Hono<Env>();
  const routeDeps: RouteDeps = {
    db: deps.db,
    runtime: deps.runtime,
    connections: deps.connections,
    identity: deps.identity,
    route: makeGuard(deps.identity, now),
    now,
    audit: (action, actor, target, detail) => deps.auditLog.append(action, actor, target, detail, now()),
  };

  app.onError((error, c) => errorResponse(c, error, (e) => deps.logger.error({ err: e, path: c.req.path }, 'request failed')));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}`, issues: [] } }, 404));
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use('/api/*', bodyLimit({ maxSize: 1024 * 1024, onError: () => { throw new HttpError(413, 'body_too_large', 'the body is larger than 1 MiB'); } }));
  app.use('/hooks/*', bodyLimit({ maxSize: 1024 * 1024, onError: () => { throw new HttpError(413, 'body_too_large', 'the body is larger than 1 MiB'); } }));

  app.route('/', systemRoutes(routeDeps, deps.auditLog, deps.isReady ?? (() => true)));
  app.route('/api', authRoutes(routeDeps));
  app.route('/api/flows', flowRoutes(routeDeps));
  app.route('/api/runs', runRoutes(routeDeps));
  app.route('/api/failures', failureRoutes(routeDeps));
  app.route('/api/connections', connectionRoutes(routeDeps));
  app.route('/api/approvals', approvalRoutes(routeDeps));
  app.route('/hooks', hookRoutes(routeDeps));
  app.route('/api', scheduleRoutes(routeDeps));
  app.route('/api', publishingRoutes(routeDeps, deps.requireReview ?? false));
  app.route('/', opsRoutes(routeDeps, deps.metrics ?? new Metrics(deps.db, now)));
  app.route('/', openapiRoutes(routeDeps, () => app));
  deps.extend?.(app, routeDeps);

  const dir = deps.editorDir;
  if (dir && existsSync(join(dir, 'index.html'))) {
    const index = readFileSync(join(dir, 'index.html'), 'utf8');
    app.use('/assets/*', serveStatic({ root: dir }));
    app.get('*', async (c, next) => (EDITOR_PATHS.test(c.req.path) ? c.html(index) : next()));
    app.use('*', serveStatic({ root: dir }));
  } else {
    app.get('/', (c) => c.text('Ledgerflow API is running. The editor is not built: run `npm run build`.'));
  }
  return app;
}
