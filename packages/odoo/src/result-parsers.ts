import { isId, isIdList, isJsonObject } from './json-shape';
import { unexpectedAnswer, type ErrorScope } from './odoo-error-from';
import type { OdooRecord } from './types';

/** `create` answers one id for one dict and a list for a list; both become a list. */
export function parseIds(value: unknown, scope: ErrorScope): number[] {
  if (isId(value)) return [value];
  if (isIdList(value)) return value;
  throw unexpectedAnswer(scope, 'a list of ids');
}

/** Records from read/search_read: objects with an integer `id`. */
export function parseRecords(value: unknown, scope: ErrorScope): OdooRecord[] {
  if (!Array.isArray(value)) throw unexpectedAnswer(scope, 'a list of records');
  return value.map((item: unknown) => {
    if (!isJsonObject(item)) throw unexpectedAnswer(scope, 'a list of records');
    const id = item.id;
    if (!isId(id)) throw unexpectedAnswer(scope, 'records with an id');
    return { ...item, id };
  });
}

/** A non-negative integer count. */
export function parseCount(value: unknown, scope: ErrorScope): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  throw unexpectedAnswer(scope, 'a count');
}

/** `fields_get`: field name → attribute object. */
export function parseFieldDescriptions(value: unknown, scope: ErrorScope): Record<string, Record<string, unknown>> {
  if (!isJsonObject(value)) throw unexpectedAnswer(scope, 'field descriptions');
  const fields: Record<string, Record<string, unknown>> = {};
  for (const [name, description] of Object.entries(value)) {
    if (!isJsonObject(description)) throw unexpectedAnswer(scope, 'field descriptions');
    fields[name] = description;
  }
  return fields;
}
