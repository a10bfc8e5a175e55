import { displayNameOf, fieldOf, modelOf } from './field-access';
import type { FakeEnv, FieldDef, ModelDef, StoredRecord } from './model-types';
import { FakeOdooException } from './odoo-exception';
import { createRecord, writeRecords } from './orm-write';

interface LoadMessage {
  type: 'error';
  message: string;
  record: number;
  rows: { from: number; to: number };
  field?: string;
}

/** Splits an external id; without a dot it belongs to `__import__`, like Odoo's `load`. */
export function splitExternalId(xmlid: string): { module: string; name: string } {
  const dot = xmlid.indexOf('.');
  return dot < 0 ? { module: '__import__', name: xmlid } : { module: xmlid.slice(0, dot), name: xmlid.slice(dot + 1) };
}

/** The ir.model.data row of an external id, if any. */
export function findExternalId(env: FakeEnv, xmlid: string): StoredRecord | undefined {
  const { module, name } = splitExternalId(xmlid);
  return env.db.all('ir.model.data').find((row) => row.module === module && row.name === name);
}

class RowError extends Error {
  constructor(message: string, readonly field: string | undefined) {
    super(message);
  }
}

/**
 * `load(fields, data)`: the import API. Rows with an `id` external id update
 * their record on a second call. Errors never raise: they come back as
 * messages and the whole batch is rolled back.
 */
export function loadRecords(env: FakeEnv, model: ModelDef, fields: unknown, data: unknown): { ids: number[] | false; messages: LoadMessage[]; nextrow: number } {
  const columns = Array.isArray(fields) ? fields.map(String) : [];
  const rows = Array.isArray(data) ? data : [];
  const before = env.db.snapshot();
  const ids: number[] = [];
  const messages: LoadMessage[] = [];
  rows.forEach((row: unknown, index) => {
    try {
      ids.push(loadRow(env, model, columns, Array.isArray(row) ? row : []));
    } catch (error) {
      if (!(error instanceof FakeOdooException) && !(error instanceof RowError)) throw error;
      const message: LoadMessage = { type: 'error', message: error.message, record: index, rows: { from: index, to: index } };
      if (error instanceof RowError && error.field !== undefined) message.field = error.field;
      messages.push(message);
    }
  });
  if (messages.length > 0) {
    env.db.restore(before);
    return { ids: false, messages, nextrow: 0 };
  }
  return { ids, messages, nextrow: 0 };
}

function loadRow(env: FakeEnv, model: ModelDef, columns: readonly string[], row: readonly unknown[]): number {
  let xmlid: string | undefined;
  const values: Record<string, unknown> = {};
  columns.forEach((column, index) => {
    const cell = row[index];
    if (column === 'id') {
      xmlid = typeof cell === 'string' && cell !== '' ? cell : undefined;
      return;
    }
    const [name = '', suffix] = column.split('/');
    const field = fieldOf(model, name);
    if (field === undefined) throw new RowError(`Invalid field '${name}' on model '${model.name}'`, name);
    values[name] = cellValue(env, name, field, suffix, cell);
  });
  const existing = xmlid === undefined ? undefined : findExternalId(env, xmlid);
  if (existing !== undefined && typeof existing.res_id === 'number' && env.db.has(model.name, existing.res_id)) {
    writeRecords(env, model, [existing.res_id], values);
    return existing.res_id;
  }
  const id = createRecord(env, model, values);
  if (xmlid !== undefined) {
    const { module, name } = splitExternalId(xmlid);
    createRecord(env, modelOf(env, 'ir.model.data'), { module, name, model: model.name, res_id: id });
  }
  return id;
}

function cellValue(env: FakeEnv, name: string, field: FieldDef, suffix: string | undefined, cell: unknown): unknown {
  if (cell === '' || cell === null || cell === undefined || cell === false) return false;
  if (field.type !== 'many2one') {
    if (field.type === 'boolean') return ['1', 'true', 'yes'].includes(String(cell).toLowerCase());
    if (field.type === 'integer' || field.type === 'float' || field.type === 'monetary') return Number(cell);
    return cell;
  }
  const relation = field.relation ?? '';
  const text = String(cell);
  if (suffix === 'id') {
    const ref = findExternalId(env, text.includes('.') ? text : `__import__.${text}`);
    if (ref === undefined || typeof ref.res_id !== 'number') throw new RowError(`No matching record found for external id '${text}' in field '${field.string}'`, name);
    return ref.res_id;
  }
  if (suffix === '.id') {
    const id = Number(text);
    if (!env.db.has(relation, id)) throw new RowError(`No matching record found for database id '${text}' in field '${field.string}'`, name);
    return id;
  }
  const comodel = modelOf(env, relation);
  const match = env.db.all(relation).find((record) => displayNameOf(env, comodel, record) === text);
  if (match === undefined) throw new RowError(`No matching record found for name '${text}' in field '${field.string}'`, name);
  return match.id;
}
