import { permanent } from '@ledgerflow/flow';
import { createOdooClient, type OdooClient, type OdooConnectionConfig } from '@ledgerflow/odoo';
import type { Database } from '@ledgerflow/store';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { SecretBox } from './secrets';
import { CircuitBreaker, type BreakerView } from './circuit-breaker';
import { guardedOdoo } from './guarded-odoo';
import { rateLimitedFetch } from './rate-limiter';

const name = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,99}$/i, 'use letters, digits, "-" and "_"');

export const connectionInput = z.discriminatedUnion('type', [
  z
    .object({
      name,
      type: z.literal('odoo'),
      url: z.string().url('a URL such as https://mycompany.odoo.com'),
      database: z.string().min(1).max(200),
      login: z.string().min(1).max(200),
      apiKey: z.string().min(1).max(500),
      protocol: z.enum(['auto', 'jsonrpc', 'json2']).default('auto'),
      breaker: z.object({ threshold: z.number().int().min(1).max(1000).default(10), coolDownMs: z.number().int().min(100).max(3_600_000).default(15_000) }).strict().optional(),
      limits: z.object({ rps: z.number().min(0.1).max(10_000).optional(), concurrent: z.number().int().min(1).max(1000).optional() }).strict().optional(),
    })
    .strict(),
  z
    .object({
      name,
      type: z.literal('smtp'),
      host: z.string().min(1).max(300),
      port: z.number().int().min(1).max(65535).default(587),
      secure: z.boolean().default(false),
      user: z.string().max(300).optional(),
      password: z.string().max(500).optional(),
      from: z.string().min(3).max(300),
    })
    .strict(),
]);
export type ConnectionInput = z.infer<typeof connectionInput>;

/** A connection as the API shows it: never its secret. */
export interface ConnectionView {
  name: string;
  type: string;
  sandbox?: boolean;
  [setting: string]: unknown;
}

/** Connections with their secrets sealed at rest, and the Odoo clients built from them. */
export class Connections {
  private readonly clients = new Map<string, OdooClient>();
  private readonly virtual = new Map<string, ConnectionInput>();
  private readonly breakers = new Map<string, CircuitBreaker>();

  /** `wrapClient` decorates each new Odoo client (the metrics count calls through it). */
  constructor(private readonly db: Kysely<Database>, private readonly box: SecretBox, private readonly wrapClient: (client: OdooClient) => OdooClient = (client) => client) {}

  /** A connection that lives only in this process (the sandbox Odoo). */
  addVirtual(connection: ConnectionInput): void {
    this.virtual.set(connection.name, connection);
    this.clients.delete(connection.name);
  }

  async save(input: ConnectionInput, now: number): Promise<{ created: boolean }> {
    const { settings, secret } = split(input);
    const sealed = this.box.seal(JSON.stringify(secret));
    const existing = await this.db.selectFrom('connections').select('name').where('name', '=', input.name).executeTakeFirst();
    if (existing) {
      await this.db.updateTable('connections').set({ type: input.type, settings: JSON.stringify(settings), secret: sealed, updated_at: now }).where('name', '=', input.name).execute();
    } else {
      await this.db.insertInto('connections').values({ name: input.name, type: input.type, settings: JSON.stringify(settings), secret: sealed, created_at: now, updated_at: now }).execute();
    }
    this.clients.delete(input.name);
    return { created: !existing };
  }

  async list(): Promise<ConnectionView[]> {
    const rows = await this.db.selectFrom('connections').select(['name', 'type', 'settings']).orderBy('name').execute();
    const stored = rows.map((r) => ({ name: r.name, type: r.type, ...JSON.parse(r.settings) }));
    const virtual = [...this.virtual.values()].filter((v) => !rows.some((r) => r.name === v.name)).map((v) => ({ ...split(v).settings, sandbox: true }));
    return [...virtual, ...stored].map((c) => (c.type === 'odoo' ? { ...c, circuit: this.circuit(c.name) } : c));
  }

  /** The full connection with its secret, for use inside the server only. */
  async get(connectionName: string): Promise<ConnectionInput | undefined> {
    const row = await this.db.selectFrom('connections').selectAll().where('name', '=', connectionName).executeTakeFirst();
    if (!row) return this.virtual.get(connectionName);
    const parsed = connectionInput.safeParse({ ...JSON.parse(row.settings), ...JSON.parse(this.box.open(row.secret)) });
    return parsed.success ? parsed.data : undefined;
  }

  /** A cached Odoo client (it keeps its uid) for a named connection. */
  async odoo(connectionName: string): Promise<OdooClient> {
    const cached = this.clients.get(connectionName);
    if (cached) return cached;
    const connection = await this.get(connectionName);
    if (!connection) throw permanent('connection_unknown', `there is no connection named "${connectionName}"`);
    if (connection.type !== 'odoo') throw permanent('connection_type', `connection "${connectionName}" is ${connection.type}, not odoo`);
    const config: OdooConnectionConfig = { url: connection.url, database: connection.database, login: connection.login, apiKey: connection.apiKey, protocol: connection.protocol };
    const breaker = new CircuitBreaker(connectionName, { threshold: connection.breaker?.threshold ?? 10, coolDownMs: connection.breaker?.coolDownMs ?? 15_000 });
    this.breakers.set(connectionName, breaker);
    const limited = connection.limits ? { fetch: rateLimitedFetch(connection.limits) } : {};
    const client = guardedOdoo(this.wrapClient(createOdooClient(config, limited)), breaker);
    this.clients.set(connectionName, client);
    return client;
  }

  /** The circuit state of a connection that has been used in this process. */
  circuit(connectionName: string): BreakerView {
    return this.breakers.get(connectionName)?.view() ?? { state: 'closed', since: null, consecutiveFailures: 0, lastError: null };
  }

  /** Closes a connection's circuit by hand; false when it was never opened here. */
  resetCircuit(connectionName: string): boolean {
    const breaker = this.breakers.get(connectionName);
    breaker?.reset();
    return breaker !== undefined;
  }
}

function split(input: ConnectionInput): { settings: Record<string, unknown>; secret: Record<string, unknown> } {
  if (input.type === 'odoo') {
    const { apiKey, ...settings } = input;
    return { settings, secret: { apiKey } };
  }
  const { password, ...settings } = input;
  return { settings, secret: password === undefined ? {} : { password } };
}
