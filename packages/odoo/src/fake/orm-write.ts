import { applyX2manyCommands } from './x2many-commands';
import { fieldOf, odooDatetime } from './field-access';
import type { FakeEnv, FieldDef, ModelDef, StoredRecord } from './model-types';
import { odooRaise } from './odoo-exception';
import { recordsetRepr } from './python-repr';
import { convertScalar, notNullViolation } from './value-conversion';

/** Fields the ORM maintains itself; values sent for them are ignored, as Odoo does. */
const AUTOMATIC = new Set(['id', 'display_name', 'create_date', 'create_uid', 'write_date', 'write_uid']);

interface SplitValues {
  scalars: Record<string, unknown>;
  relational: Array<{ name: string; field: FieldDef; value: unknown }>;
}

function splitValues(model: ModelDef, env: FakeEnv, values: unknown): SplitValues {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw odooRaise.valueError(`Invalid values for ${model.name}: expected a dict`);
  }
  const scalars: Record<string, unknown> = {};
  const relational: SplitValues['relational'] = [];
  for (const [name, value] of Object.entries(values)) {
    const field = fieldOf(model, name);
    if (field === undefined) throw odooRaise.valueError(`Invalid field '${name}' on model '${model.name}'`);
    if (AUTOMATIC.has(name) || field.compute !== undefined) continue; // non-stored computed fields are silently ignored
    if (field.type === 'one2many' || field.type === 'many2many') relational.push({ name, field, value });
    else scalars[name] = convertScalar(env, model, name, field, value);
  }
  return { scalars, relational };
}

function checkRow(env: FakeEnv, model: ModelDef, record: StoredRecord): void {
  for (const [name, field] of Object.entries(model.fields)) {
    const value = record[name];
    if (field.required && field.compute === undefined && field.type !== 'one2many' && field.type !== 'many2many' && (value === false || value === undefined || value === null)) {
      throw notNullViolation(model, name, field);
    }
  }
  for (const check of model.checks ?? []) {
    const message = check(record, env);
    if (message !== undefined) throw odooRaise.validationError(`The operation cannot be completed: ${message}`);
  }
}

/** `create` of one record: defaults, constraints, then x2many commands; returns the new id. */
export function createRecord(env: FakeEnv, model: ModelDef, values: unknown): number {
  const { scalars, relational } = splitValues(model, env, values);
  for (const [name, field] of Object.entries(model.fields)) {
    if (!(name in scalars) && field.default !== undefined && field.type !== 'one2many') {
      const value = field.default(env);
      if (field.type === 'many2many') relational.push({ name, field, value });
      else scalars[name] = value;
    }
  }
  model.beforeCreate?.(scalars, env);
  const now = odooDatetime(env.now());
  const id = env.db.insert(model.name, { ...scalars, create_date: now, write_date: now, create_uid: env.uid, write_uid: env.uid });
  const inserted = env.db.get(model.name, id);
  if (inserted !== undefined) checkRow(env, model, inserted);
  for (const { name, field, value } of relational) applyX2manyCommands(env, model, id, name, field, value);
  return id;
}

/** Odoo's MissingError for ids that are gone. */
export function missingRecords(env: FakeEnv, model: ModelDef, ids: readonly number[]): Error {
  return odooRaise.missingError(`Record does not exist or has been deleted.\n(Record: ${recordsetRepr(model.name, ids)}, User: ${env.uid})`);
}

/** Raises MissingError unless every id exists. */
export function ensureExist(env: FakeEnv, model: ModelDef, ids: readonly number[]): void {
  const missing = ids.filter((id) => !env.db.has(model.name, id));
  if (missing.length > 0) throw missingRecords(env, model, missing);
}

/** `write` on existing records; bumps `write_date` so pollers see the change. */
export function writeRecords(env: FakeEnv, model: ModelDef, ids: readonly number[], values: unknown): true {
  ensureExist(env, model, ids);
  const { scalars, relational } = splitValues(model, env, values);
  const now = odooDatetime(env.now());
  for (const id of ids) {
    env.db.update(model.name, id, { ...scalars, write_date: now, write_uid: env.uid });
    const updated = env.db.get(model.name, id);
    if (updated !== undefined) checkRow(env, model, updated);
    for (const { name, field, value } of relational) applyX2manyCommands(env, model, id, name, field, value);
  }
  return true;
}

/** `unlink`: cascades to children, clears other references and the record's external ids. */
export function unlinkRecords(env: FakeEnv, model: ModelDef, ids: readonly number[]): true {
  ensureExist(env, model, ids);
  for (const id of ids) {
    const record = env.db.get(model.name, id);
    if (record === undefined) continue; // already removed by a cascade
    model.beforeUnlink?.(record, env);
    env.db.delete(model.name, id);
    for (const other of env.models.values()) {
      for (const [name, field] of Object.entries(other.fields)) {
        if (field.relation !== model.name || field.compute !== undefined) continue;
        for (const row of env.db.all(other.name)) {
          if (field.type === 'many2one' && row[name] === id) {
            if (field.cascade) unlinkRecords(env, other, [row.id]);
            else env.db.update(other.name, row.id, { [name]: false });
          } else if (field.type === 'many2many' && Array.isArray(row[name]) && row[name].includes(id)) {
            env.db.update(other.name, row.id, { [name]: row[name].filter((item: unknown) => item !== id) });
          }
        }
      }
    }
    for (const data of env.db.all('ir.model.data')) {
      if (data.model === model.name && data.res_id === id) env.db.delete('ir.model.data', data.id);
    }
  }
  return true;
}
