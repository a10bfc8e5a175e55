import type { Hono, Context } from 'hono';
import type { Identity } from '../auth/identity';
import type { Connections } from '../connections';
import type { Env } from '../guard';
import type { Runtime } from '../runtime';
import type { Db } from '@ledgerflow/store';

export type Route = (app: Hono<Env>, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, mountedAt: string, handler: (c: Context<Env>) => Response | Promise<Response>) => void;

/** What every route module receives. */
export interface RouteDeps {
  runtime: Runtime;
  db: Db;
  connections: Connections;
  identity: Identity;
  route: Route;
  now: () => number;
  /** Appends to the audit log. */
  audit: (action: string, actor: string, target: string | null, detail?: unknown) => Promise<void>;
}
