import { displayNameById, fieldOf, modelOf, valueOf } from './field-access';
import type { FakeEnv, FieldDef, ModelDef, StoredRecord } from './model-types';
import { odooRaise } from './odoo-exception';
import { pythonRepr, tupleRepr } from './python-repr';
import { matchesScalar, toIdList } from './domain-operators';

/** A compiled domain: a predicate on stored rows. */
export type RecordPredicate = (record: StoredRecord) => boolean;

const OPERATORS: ReadonlySet<string> = new Set([
  '=', '!=', '<>', '<', '<=', '>', '>=', '=?', 'in', 'not in',
  'like', 'ilike', 'not like', 'not ilike', '=like', '=ilike', 'child_of', 'parent_of',
]);

/**
 * Compiles an Odoo domain (prefix notation, implicit `&`) into a predicate,
 * refusing unknown fields and operators with Odoo's ValueError messages.
 */
export function compileDomain(env: FakeEnv, model: ModelDef, domain: unknown): { predicate: RecordPredicate; fields: Set<string> } {
  if (domain === null || domain === undefined || domain === false) return { predicate: () => true, fields: new Set() };
  if (!Array.isArray(domain)) throw odooRaise.valueError(`Invalid domain ${pythonRepr(domain)}`);
  const tokens = normalizeDomain(domain);
  const fields = new Set<string>();
  const stack: RecordPredicate[] = [];
  for (let index = tokens.length - 1; index >= 0; index -= 1) {
    const token: unknown = tokens[index];
    if (token === '!') {
      const operand = pop(stack, domain);
      stack.push((record) => !operand(record));
    } else if (token === '&' || token === '|') {
      const left = pop(stack, domain);
      const right = pop(stack, domain);
      stack.push(token === '&' ? (record) => left(record) && right(record) : (record) => left(record) || right(record));
    } else if (Array.isArray(token) && token.length === 3) {
      stack.push(compileLeaf(env, model, token, fields));
    } else {
      throw odooRaise.valueError(`Invalid leaf ${Array.isArray(token) ? tupleRepr(token) : pythonRepr(token)}`);
    }
  }
  const [predicate, ...extra] = stack;
  if (predicate === undefined) return { predicate: () => true, fields };
  if (extra.length > 0) throw odooRaise.valueError(`Invalid domain ${pythonRepr(domain)}`);
  return { predicate, fields };
}

/** Adds the implicit `&` operators, as Odoo's `normalize_domain` does. */
export function normalizeDomain(domain: readonly unknown[]): unknown[] {
  const result: unknown[] = [];
  let expected = 1;
  for (const token of domain) {
    if (expected === 0) {
      result.unshift('&');
      expected = 1;
    }
    if (Array.isArray(token)) expected -= 1;
    else expected += token === '!' ? 0 : token === '&' || token === '|' ? 1 : -1;
    result.push(token);
  }
  return result;
}

function pop(stack: RecordPredicate[], domain: unknown): RecordPredicate {
  const predicate = stack.pop();
  if (predicate === undefined) throw odooRaise.valueError(`Invalid domain ${pythonRepr(domain)}`);
  return predicate;
}

function compileLeaf(env: FakeEnv, model: ModelDef, leaf: unknown[], fields: Set<string>): RecordPredicate {
  const [path, operator, value] = leaf;
  // Odoo's constant leaves TRUE_LEAF (1, '=', 1) and FALSE_LEAF (0, '=', 1).
  if (typeof path === 'number' && operator === '=' && value === 1) return () => path === 1;
  if (typeof path !== 'string' || typeof operator !== 'string' || !OPERATORS.has(operator.toLowerCase())) {
    throw odooRaise.valueError(`Invalid leaf ${tupleRepr(leaf)}`);
  }
  fields.add(path.split('.')[0] ?? path);
  return compilePath(env, model, path.split('.'), operator.toLowerCase(), value, leaf);
}

function compilePath(env: FakeEnv, model: ModelDef, path: string[], operator: string, value: unknown, leaf: unknown[]): RecordPredicate {
  const [head = '', ...rest] = path;
  const field = fieldOf(model, head);
  if (field === undefined) throw odooRaise.valueError(`Invalid field ${model.name}.${head} in leaf ${tupleRepr(leaf)}`);
  if (rest.length > 0) {
    if (field.relation === undefined) throw odooRaise.valueError(`Invalid field ${model.name}.${path.join('.')} in leaf ${tupleRepr(leaf)}`);
    const comodel = modelOf(env, field.relation);
    const inner = compilePath(env, comodel, rest, operator, value, leaf);
    return (record) => relatedIds(env, model, record, head).some((id) => {
      const related = env.db.get(comodel.name, id);
      return related !== undefined && inner(related);
    });
  }
  if (operator === 'child_of' || operator === 'parent_of') return compileHierarchy(env, model, head, field, operator, value);
  if (isRelational(field)) return compileRelational(env, model, head, field, operator, value);
  return (record) => matchesScalar(valueOf(env, model, record, head), operator, value);
}

function isRelational(field: FieldDef): boolean {
  return field.type === 'many2one' || field.type === 'one2many' || field.type === 'many2many';
}

function relatedIds(env: FakeEnv, model: ModelDef, record: StoredRecord, name: string): number[] {
  return toIdList(valueOf(env, model, record, name));
}

function compileRelational(env: FakeEnv, model: ModelDef, name: string, field: FieldDef, operator: string, value: unknown): RecordPredicate {
  const relation = field.relation ?? '';
  const byName = typeof value === 'string' || (Array.isArray(value) && value.some((item) => typeof item === 'string'));
  const negative = operator === '!=' || operator === '<>' || operator === 'not in' || operator.startsWith('not ');
  const positive = negative ? (operator === 'not in' ? 'in' : operator === '!=' || operator === '<>' ? '=' : operator.slice(4)) : operator;
  return (record) => {
    const ids = relatedIds(env, model, record, name);
    let found: boolean;
    if (byName) {
      // A name instead of an id: Odoo matches it against the related records' display names.
      found = ids.some((id) => matchesScalar(displayNameById(env, relation, id), positive, value));
    } else if (value === false || value === null) {
      found = positive === '=' ? ids.length === 0 : ids.length > 0;
      return negative ? !found : found;
    } else if (positive === 'in') {
      const wanted = Array.isArray(value) ? value : [value];
      found = ids.some((id) => wanted.includes(id)) || (wanted.includes(false) && ids.length === 0);
    } else {
      found = ids.some((id) => matchesScalar(id, positive, value));
    }
    return negative ? !found : found;
  };
}

function compileHierarchy(env: FakeEnv, model: ModelDef, name: string, field: FieldDef, operator: string, value: unknown): RecordPredicate {
  // On the model's own parent field, Odoo reads `(parent_id, child_of, x)` as `(id, child_of, x)` along that field.
  const selfReference = name !== 'id' && field.relation === model.name;
  const onIds = name === 'id' || selfReference;
  const target = onIds ? model : field.relation === undefined ? undefined : env.models.get(field.relation);
  const roots = new Set(toIdList(value));
  const parent = selfReference ? name : target?.parentField;
  const matching = new Set<number>(roots);
  if (target !== undefined && parent !== undefined) {
    const rows = env.db.all(target.name);
    const parentOf = new Map(rows.map((row) => [row.id, toIdList(row[parent])[0]]));
    for (const row of rows) {
      // child_of: the row or an ancestor is a root. parent_of: the row is an ancestor of a root.
      for (let current: number | undefined = row.id; current !== undefined; current = parentOf.get(current)) {
        if (operator === 'child_of' && roots.has(current)) matching.add(row.id);
        if (operator === 'parent_of' && roots.has(row.id)) matching.add(current);
      }
    }
  }
  return (record) => (onIds ? [record.id] : relatedIds(env, model, record, name)).some((id) => matching.has(id));
}
