import type { FakeDatabase } from './database';

/** Field types the fake knows, named as Odoo's `fields_get` reports them. */
export type FieldType =
  | 'char' | 'text' | 'html' | 'integer' | 'float' | 'monetary' | 'boolean'
  | 'date' | 'datetime' | 'selection' | 'many2one' | 'one2many' | 'many2many' | 'json';

/** A stored row: raw values (many2one as an id or false, many2many as ids). */
export interface StoredRecord {
  id: number;
  [field: string]: unknown;
}

/** A field definition; `compute` makes a read-only, non-stored field. */
export interface FieldDef {
  type: FieldType;
  string: string;
  required?: boolean;
  readonly?: boolean;
  relation?: string;
  /** For one2many: the many2one on the comodel pointing back. */
  inverseName?: string;
  /** For many2one: delete this record with its parent (`ondelete='cascade'`). */
  cascade?: boolean;
  selection?: ReadonlyArray<readonly [string, string]>;
  default?: (env: FakeEnv) => unknown;
  compute?: (record: StoredRecord, env: FakeEnv) => unknown;
}

/** What a method receives: ids (record methods) and its arguments bound by name. */
export interface MethodInvocation {
  env: FakeEnv;
  model: ModelDef;
  ids: number[];
  args: Record<string, unknown>;
}

/** A public model method. `params` are its positional parameters after `self`. */
export interface MethodDef {
  api: 'model' | 'record';
  params: readonly string[] | ((version: number) => readonly string[]);
  /** How many leading params are mandatory. */
  required?: number;
  run(invocation: MethodInvocation): unknown;
}

/** An in-memory model, with the hooks its business rules need. */
export interface ModelDef {
  name: string;
  description: string;
  /** Default `_order`. */
  order: string;
  fields: Record<string, FieldDef>;
  displayName?(record: StoredRecord, env: FakeEnv): string;
  parentField?: string;
  /** SQL constraints: return a message to refuse the row (becomes a ValidationError). */
  checks?: ReadonlyArray<(record: StoredRecord, env: FakeEnv) => string | undefined>;
  /** Defaults that depend on other values (journal from move type, sequence). */
  beforeCreate?(values: Record<string, unknown>, env: FakeEnv): void;
  beforeUnlink?(record: StoredRecord, env: FakeEnv): void;
  methods?: Record<string, MethodDef>;
}

/** Everything a model method may touch during one call. */
export interface FakeEnv {
  db: FakeDatabase;
  models: ReadonlyMap<string, ModelDef>;
  version: number;
  uid: number;
  protocol: 'jsonrpc' | 'json2';
  context: Record<string, unknown>;
  now(): Date;
}
