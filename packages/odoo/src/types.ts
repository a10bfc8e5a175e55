/** Public types of the Odoo client. */

/** The wire protocol used to talk to Odoo: JSON-RPC (16–19) or JSON-2 (19+). */
export type OdooProtocolName = 'jsonrpc' | 'json2';

/** Where and as whom to connect. `protocol: 'auto'` (default) picks JSON-2 on 19+. */
export interface OdooConnectionConfig {
  url: string;
  database: string;
  login: string;
  apiKey: string;
  protocol?: 'auto' | OdooProtocolName;
}

/** I/O knobs: an injectable `fetch` (tests) and a per-request timeout. */
export interface OdooClientOptions {
  fetch?: typeof fetch;
  /** Per HTTP request; a timeout is a retryable error. Default 30 000 ms. */
  timeoutMs?: number;
}

/** An Odoo context (`lang`, `tz`, `active_test`, ...). */
export type OdooContext = Record<string, unknown>;

/** Field values for create/write. */
export type OdooValues = Record<string, unknown>;

/** A search domain in Odoo's prefix notation: leaves `[field, operator, value]` and `'&' | '|' | '!'`. */
export type OdooDomain = ReadonlyArray<string | ReadonlyArray<unknown>>;

/** A record as returned by read/search_read. */
export interface OdooRecord {
  id: number;
  [field: string]: unknown;
}

/** What `version()` reports. */
export interface OdooVersion {
  serverVersion: string;
  major: number;
  protocol: OdooProtocolName;
}

/** Options of `searchRead`. */
export interface SearchReadOptions {
  fields?: readonly string[];
  limit?: number;
  offset?: number;
  order?: string;
  context?: OdooContext;
}

/** Options of `create`. */
export interface CreateOptions {
  context?: OdooContext;
  /** Records sent per `create` call. Default 100. */
  chunkSize?: number;
}

/** Options of `write`. */
export interface WriteOptions {
  context?: OdooContext;
}

/** How `upsert` finds the existing record. */
export type UpsertKey =
  | { field: string; value: unknown }
  | { xmlid: string }
  | { domain: OdooDomain };

/** Input of `upsert`. */
export interface UpsertInput {
  key: UpsertKey;
  values: OdooValues;
  context?: OdooContext;
  /** Methods to run afterwards (e.g. `action_post`), each only while still needed. */
  then?: readonly string[];
}

/** Result of `upsert`. */
export interface UpsertResult {
  id: number;
  created: boolean;
}

/** A connected Odoo client; every method throws `OdooError` (or a classified `NodeRunError`). */
export interface OdooClient {
  version(): Promise<OdooVersion>;
  authenticate(): Promise<number>;
  create(model: string, values: OdooValues | readonly OdooValues[], options?: CreateOptions): Promise<number[]>;
  write(model: string, ids: readonly number[], values: OdooValues, options?: WriteOptions): Promise<boolean>;
  searchRead(model: string, domain: OdooDomain, options?: SearchReadOptions): Promise<OdooRecord[]>;
  searchCount(model: string, domain: OdooDomain, options?: { context?: OdooContext }): Promise<number>;
  read(model: string, ids: readonly number[], fields?: readonly string[], options?: { context?: OdooContext }): Promise<OdooRecord[]>;
  fieldsGet(model: string, attributes?: readonly string[]): Promise<Record<string, Record<string, unknown>>>;
  callMethod(model: string, method: string, ids: readonly number[], kwargs?: Record<string, unknown>): Promise<unknown>;
  execute(model: string, method: string, args: readonly unknown[], kwargs?: Record<string, unknown>): Promise<unknown>;
  upsert(model: string, input: UpsertInput): Promise<UpsertResult>;
}
