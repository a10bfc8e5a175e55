import { displayNameById, fieldOf, valueOf } from './field-access';
import type { FakeEnv, ModelDef, StoredRecord } from './model-types';
import { odooRaise } from './odoo-exception';

interface OrderTerm {
  field: string;
  descending: boolean;
}

/** Parses an `order` spec ("date desc, id") and refuses unknown fields as Odoo does. */
export function parseOrder(model: ModelDef, order: string): OrderTerm[] {
  return order.split(',').map((part) => part.trim()).filter((part) => part !== '').map((part) => {
    const match = /^([a-z_][a-z0-9_]*)(?:\s+(asc|desc))?(?:\s+nulls\s+(?:first|last))?$/i.exec(part);
    const field = match?.[1];
    if (field === undefined || fieldOf(model, field) === undefined) {
      throw odooRaise.valueError(
        `Invalid "order" specified (${order}). A valid "order" specification is a comma-separated list of valid field names (optionally followed by asc/desc for the direction)`,
      );
    }
    return { field, descending: match?.[2]?.toLowerCase() === 'desc' };
  });
}

/** Sorts rows like PostgreSQL: NULLs last ascending, first descending; many2one by display name. */
export function sortRecords(env: FakeEnv, model: ModelDef, records: StoredRecord[], order: string): StoredRecord[] {
  const terms = [...parseOrder(model, order), { field: 'id', descending: false }];
  const keyOf = (record: StoredRecord, field: string): unknown => {
    const value = valueOf(env, model, record, field);
    const relation = fieldOf(model, field)?.relation;
    return fieldOf(model, field)?.type === 'many2one' && typeof value === 'number' && relation !== undefined
      ? displayNameById(env, relation, value)
      : value;
  };
  return [...records].sort((a, b) => {
    for (const term of terms) {
      const result = compareKeys(keyOf(a, term.field), keyOf(b, term.field));
      if (result !== 0) return term.descending ? -result : result;
    }
    return 0;
  });
}

function compareKeys(left: unknown, right: unknown): number {
  const leftNull = left === false || left === null || left === undefined;
  const rightNull = right === false || right === null || right === undefined;
  if (leftNull || rightNull) return leftNull === rightNull ? 0 : leftNull ? 1 : -1;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'boolean' || typeof right === 'boolean') return Number(left) - Number(right);
  return String(left).localeCompare(String(right));
}
