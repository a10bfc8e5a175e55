/** Type guards for answers from Odoo: external JSON is parsed, never cast. */

/** A JSON object whose values are not yet checked. */
export interface JsonObject {
  [key: string]: unknown;
}

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a database id: a positive integer. */
export function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** True for a list of database ids. */
export function isIdList(value: unknown): value is number[] {
  return Array.isArray(value) && value.every(isId);
}

/** Parses JSON text; `ok: false` when it is not JSON (an HTML error page, an empty body). */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    const value: unknown = JSON.parse(text);
    return { ok: true, value };
  } catch {
    return { ok: false };
  }
}

/** Reads a string property, or `undefined` when absent or of another type. */
export function stringProp(object: JsonObject, key: string): string | undefined {
  const value = object[key];
  return typeof value === 'string' ? value : undefined;
}
