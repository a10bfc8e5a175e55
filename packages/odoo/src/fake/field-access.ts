import type { FakeEnv, FieldDef, ModelDef, StoredRecord } from './model-types';

/** Fields every Odoo model has (`id`, `display_name`, the audit columns polling relies on). */
export function withMagicFields(fields: Record<string, FieldDef>): Record<string, FieldDef> {
  return {
    id: { type: 'integer', string: 'ID', readonly: true },
    display_name: { type: 'char', string: 'Display Name', readonly: true, compute: () => undefined },
    create_date: { type: 'datetime', string: 'Created on', readonly: true },
    create_uid: { type: 'many2one', string: 'Created by', relation: 'res.users', readonly: true },
    write_date: { type: 'datetime', string: 'Last Updated on', readonly: true },
    write_uid: { type: 'many2one', string: 'Last Updated by', relation: 'res.users', readonly: true },
    ...fields,
  };
}

/** The model definition; callers check existence first, so a miss is a bug in the fake. */
export function modelOf(env: FakeEnv, name: string): ModelDef {
  const model = env.models.get(name);
  if (model === undefined) throw new Error(`fake Odoo has no model ${name}`);
  return model;
}

/** The field named `name`, if the model has it. */
export function fieldOf(model: ModelDef, name: string): FieldDef | undefined {
  return Object.hasOwn(model.fields, name) ? model.fields[name] : undefined;
}

/** Raw value of a field: many2one as id or false, x2many as ids, computed fields computed. */
export function valueOf(env: FakeEnv, model: ModelDef, record: StoredRecord, name: string): unknown {
  if (name === 'id') return record.id;
  if (name === 'display_name') return displayNameOf(env, model, record);
  const field = fieldOf(model, name);
  if (field === undefined) return undefined;
  if (field.compute !== undefined) return field.compute(record, env);
  if (field.type === 'one2many') return childIds(env, field, record.id);
  if (field.type === 'many2many') return Array.isArray(record[name]) ? record[name] : [];
  return record[name] ?? false;
}

/** Ids of the comodel rows whose inverse many2one points at `parentId`. */
export function childIds(env: FakeEnv, field: FieldDef, parentId: number): number[] {
  if (field.relation === undefined || field.inverseName === undefined) return [];
  const inverse = field.inverseName;
  return env.db.all(field.relation).filter((row) => row[inverse] === parentId).map((row) => row.id);
}

/** What Odoo shows for a record: its `display_name`. */
export function displayNameOf(env: FakeEnv, model: ModelDef, record: StoredRecord): string {
  if (model.displayName !== undefined) return model.displayName(record, env);
  const name = record.name;
  return typeof name === 'string' && name !== '' ? name : `${model.name},${record.id}`;
}

/** Display name of a related record by id, `''` when it is gone. */
export function displayNameById(env: FakeEnv, modelName: string, id: number): string {
  const model = env.models.get(modelName);
  const record = env.db.get(modelName, id);
  return model === undefined || record === undefined ? '' : displayNameOf(env, model, record);
}

/** UTC timestamp as Odoo stores datetimes: `YYYY-MM-DD HH:MM:SS`. */
export function odooDatetime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** UTC date as Odoo stores dates: `YYYY-MM-DD`. */
export function odooDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
