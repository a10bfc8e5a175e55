import { childIds, modelOf } from './field-access';
import type { FakeEnv, FieldDef, ModelDef } from './model-types';
import { odooRaise } from './odoo-exception';
import { pythonRepr } from './python-repr';
import { createRecord, unlinkRecords, writeRecords } from './orm-write';
import { foreignKeyViolation } from './value-conversion';

type Command = [number, number, unknown];

/** Reads a command list; a bare list of ids means SET, as Odoo accepts for many2many. */
function parseCommands(value: unknown): Command[] {
  if (value === false || value === null) return [[5, 0, 0]];
  if (!Array.isArray(value)) throw odooRaise.valueError(`Wrong value for x2many field: ${pythonRepr(value)}`);
  if (value.every((item) => typeof item === 'number')) return [[6, 0, value]];
  return value.map((item: unknown): Command => {
    if (Array.isArray(item) && typeof item[0] === 'number' && item[0] >= 0 && item[0] <= 6) {
      const id: unknown = item[1];
      return [item[0], typeof id === 'number' ? id : 0, item[2]];
    }
    throw odooRaise.valueError(`Invalid x2many command ${pythonRepr(item)}`);
  });
}

function idsOf(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((item): item is number => typeof item === 'number') : [];
}

/** Applies x2many commands (CREATE 0 … SET 6) to `field` of record `id`. */
export function applyX2manyCommands(env: FakeEnv, model: ModelDef, id: number, name: string, field: FieldDef, value: unknown): void {
  const comodel = modelOf(env, field.relation ?? '');
  const commands = parseCommands(value);
  if (field.type === 'one2many') applyOne2many(env, comodel, id, field, commands);
  else applyMany2many(env, model, comodel, id, name, commands);
}

function applyOne2many(env: FakeEnv, comodel: ModelDef, id: number, field: FieldDef, commands: Command[]): void {
  const inverse = field.inverseName ?? '';
  // Removing a child whose link back is required (ondelete cascade) deletes it, as Odoo does.
  const cascade = comodel.fields[inverse]?.cascade === true;
  const detach = (childId: number) => (cascade ? unlinkRecords(env, comodel, [childId]) : writeRecords(env, comodel, [childId], { [inverse]: false }));
  for (const [code, target, vals] of commands) {
    if (code === 0) createRecord(env, comodel, { ...objectOrEmpty(vals), [inverse]: id });
    else if (code === 1) writeRecords(env, comodel, [target], vals);
    else if (code === 2) unlinkRecords(env, comodel, [target]);
    else if (code === 3) detach(target);
    else if (code === 4) writeRecords(env, comodel, [target], { [inverse]: id });
    else if (code === 5) childIds(env, field, id).forEach(detach);
    else {
      const keep = idsOf(vals);
      childIds(env, field, id).filter((child) => !keep.includes(child)).forEach(detach);
      if (keep.length > 0) writeRecords(env, comodel, keep, { [inverse]: id });
    }
  }
}

function applyMany2many(env: FakeEnv, model: ModelDef, comodel: ModelDef, id: number, name: string, commands: Command[]): void {
  let current = idsOf(env.db.get(model.name, id)?.[name]);
  const link = (target: number) => {
    if (!env.db.has(comodel.name, target)) throw foreignKeyViolation(model, name);
    if (!current.includes(target)) current = [...current, target];
  };
  for (const [code, target, vals] of commands) {
    if (code === 0) link(createRecord(env, comodel, objectOrEmpty(vals)));
    else if (code === 1) writeRecords(env, comodel, [target], vals);
    else if (code === 2) {
      unlinkRecords(env, comodel, [target]);
      current = current.filter((item) => item !== target);
    } else if (code === 3) current = current.filter((item) => item !== target);
    else if (code === 4) link(target);
    else if (code === 5) current = [];
    else {
      current = [];
      idsOf(vals).forEach(link);
    }
  }
  env.db.update(model.name, id, { [name]: current });
}

function objectOrEmpty(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
}
