import { compileDomain } from './domain';
import { displayNameById, fieldOf, valueOf } from './field-access';
import type { FakeEnv, FieldDef, ModelDef, StoredRecord } from './model-types';
import { odooRaise } from './odoo-exception';
import { sortRecords } from './order';
import { pythonRepr } from './python-repr';

/** The field names a read returns: the requested ones (checked), or all. */
export function fieldNames(model: ModelDef, fields: unknown): string[] {
  if (fields === undefined || fields === null || fields === false || (Array.isArray(fields) && fields.length === 0)) {
    return Object.keys(model.fields);
  }
  if (!Array.isArray(fields)) throw odooRaise.valueError(`Invalid fields ${pythonRepr(fields)}`);
  return fields.map((name: unknown) => {
    if (typeof name !== 'string' || fieldOf(model, name.split('.')[0] ?? '') === undefined) {
      throw odooRaise.valueError(`Invalid field ${pythonRepr(name)} on model '${model.name}'`);
    }
    return name;
  });
}

/** A value as `read` returns it: many2one as `[id, name]`, empty values as `false`, numbers as 0. */
export function formatValue(env: FakeEnv, field: FieldDef, raw: unknown): unknown {
  const empty = raw === false || raw === null || raw === undefined;
  switch (field.type) {
    case 'many2one':
      return typeof raw === 'number' && field.relation !== undefined ? [raw, displayNameById(env, field.relation, raw)] : false;
    case 'one2many':
    case 'many2many':
      return Array.isArray(raw) ? raw : [];
    case 'integer':
    case 'float':
    case 'monetary':
      return typeof raw === 'number' ? raw : 0;
    case 'boolean':
      return Boolean(raw);
    default:
      return empty ? false : raw;
  }
}

/** `read`: existing ids only (a deleted id is simply absent), in the order asked. */
export function readRecords(env: FakeEnv, model: ModelDef, ids: readonly number[], fields: unknown): Array<Record<string, unknown>> {
  const names = fieldNames(model, fields);
  const rows: Array<Record<string, unknown>> = [];
  for (const id of new Set(ids)) {
    const record = env.db.get(model.name, id);
    if (record !== undefined) rows.push(formatRecord(env, model, record, names));
  }
  return rows;
}

function formatRecord(env: FakeEnv, model: ModelDef, record: StoredRecord, names: readonly string[]): Record<string, unknown> {
  const row: Record<string, unknown> = { id: record.id };
  for (const name of names) {
    const field = fieldOf(model, name);
    if (field !== undefined) row[name] = formatValue(env, field, valueOf(env, model, record, name));
  }
  return row;
}

/** Options of a search, as the ORM takes them. */
export interface SearchOptions {
  domain: unknown;
  offset?: unknown;
  limit?: unknown;
  order?: unknown;
}

/** `search`: domain, `active_test`, order, then offset and limit. */
export function searchRecords(env: FakeEnv, model: ModelDef, options: SearchOptions): StoredRecord[] {
  const { predicate, fields } = compileDomain(env, model, options.domain);
  // Archived rows are hidden unless the domain mentions `active` or the context disables active_test.
  const hideArchived = fieldOf(model, 'active') !== undefined && !fields.has('active') && env.context.active_test !== false;
  const rows = env.db.all(model.name).filter((record) => predicate(record) && (!hideArchived || record.active !== false));
  const order = typeof options.order === 'string' && options.order.trim() !== '' ? options.order : model.order;
  const sorted = sortRecords(env, model, rows, order);
  const offset = typeof options.offset === 'number' ? options.offset : 0;
  const limit = typeof options.limit === 'number' && options.limit > 0 ? options.limit : undefined;
  return sorted.slice(offset, limit === undefined ? undefined : offset + limit);
}

/** `fields_get`: the attributes Odoo reports, optionally restricted. */
export function fieldsGet(model: ModelDef, allfields: unknown, attributes: unknown): Record<string, Record<string, unknown>> {
  const wanted = Array.isArray(allfields) && allfields.length > 0 ? new Set(allfields) : undefined;
  const keep = Array.isArray(attributes) && attributes.length > 0 ? new Set(attributes) : undefined;
  const result: Record<string, Record<string, unknown>> = {};
  for (const [name, field] of Object.entries(model.fields)) {
    if (wanted !== undefined && !wanted.has(name)) continue;
    const description: Record<string, unknown> = {
      type: field.type,
      string: field.string,
      required: field.required === true,
      readonly: field.readonly === true || field.compute !== undefined,
    };
    if (field.relation !== undefined) description.relation = field.relation;
    if (field.selection !== undefined) description.selection = field.selection.map(([key, label]) => [key, label]);
    result[name] = keep === undefined ? description : Object.fromEntries(Object.entries(description).filter(([key]) => keep.has(key)));
  }
  return result;
}
