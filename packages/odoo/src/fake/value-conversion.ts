import type { FakeEnv, FieldDef, ModelDef } from './model-types';
import { odooRaise } from './odoo-exception';
import { pythonRepr } from './python-repr';

/** Converts a create/write value to what the fake stores, raising Odoo's errors for bad input. */
export function convertScalar(env: FakeEnv, model: ModelDef, name: string, field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined) return false;
  switch (field.type) {
    case 'char':
    case 'text':
    case 'html':
      return value === false ? false : typeof value === 'string' ? value : pythonRepr(value);
    case 'integer':
      return toNumber(value, 'int', true);
    case 'float':
    case 'monetary':
      return toNumber(value, 'float', false);
    case 'boolean':
      return Boolean(value);
    case 'date':
      return toDate(value, false);
    case 'datetime':
      return toDate(value, true);
    case 'selection':
      if (value === false) return false;
      if (typeof value === 'string' && (field.selection ?? []).some(([key]) => key === value)) return value;
      throw odooRaise.valueError(`Wrong value for ${model.name}.${name}: ${pythonRepr(value)}`);
    case 'many2one':
      return toMany2one(env, model, name, field, value);
    default:
      return value;
  }
}

function toNumber(value: unknown, kind: 'int' | 'float', integer: boolean): number | false {
  if (value === false) return false;
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (typeof value === 'boolean') return Number(value);
  if (Number.isNaN(number)) {
    throw odooRaise.valueError(kind === 'int' ? `invalid literal for int() with base 10: ${pythonRepr(value)}` : `could not convert string to float: ${pythonRepr(value)}`);
  }
  return integer ? Math.trunc(number) : number;
}

function toDate(value: unknown, withTime: boolean): string | false {
  if (value === false) return false;
  const text = typeof value === 'string' ? value : '';
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  const valid = match !== null && !Number.isNaN(Date.parse(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`)) && Number(match[2]) <= 12;
  if (!valid) {
    throw odooRaise.valueError(`time data ${pythonRepr(value)} does not match format '${withTime ? '%Y-%m-%d %H:%M:%S' : '%Y-%m-%d'}'`);
  }
  const day = `${match[1]}-${match[2]}-${match[3]}`;
  return withTime ? `${day} ${match[4] ?? '00'}:${match[5] ?? '00'}:${match[6] ?? '00'}` : day;
}

function toMany2one(env: FakeEnv, model: ModelDef, name: string, field: FieldDef, value: unknown): number | false {
  if (value === false || value === 0) return false;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw odooRaise.valueError(`Wrong value for ${model.name}.${name}: ${pythonRepr(value)}`);
  if (field.relation !== undefined && !env.db.has(field.relation, value)) throw foreignKeyViolation(model, name);
  return value;
}

/** Odoo's ValidationError for a broken many2one (IntegrityError mapped by `_as_validation_error`). */
export function foreignKeyViolation(model: ModelDef, name: string): Error {
  return odooRaise.validationError(
    'The operation cannot be completed: another model requires the record being deleted. If possible, archive it instead.\n\n' +
      `Model: ${model.description} (${model.name})\nConstraint: ${model.name.replace(/\./g, '_')}_${name}_fkey\n`,
  );
}

/** Odoo's ValidationError for a required column left empty (NOT NULL mapped by `_as_validation_error`). */
export function notNullViolation(model: ModelDef, name: string, field: FieldDef): Error {
  return odooRaise.validationError(
    'The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n' +
      '- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n' +
      `Model: ${model.description} (${model.name})\nField: ${field.string} (${name})\n`,
  );
}
