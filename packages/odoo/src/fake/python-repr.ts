/** Python's repr() of a JSON value, so messages quote values exactly as Odoo does. */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return stringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value).map(([key, item]) => `${stringRepr(key)}: ${pythonRepr(item)}`).join(', ')}}`;
  }
  return String(value);
}

/** A tuple repr, as in `('name', '=', 1)`. */
export function tupleRepr(values: readonly unknown[]): string {
  return values.length === 1 ? `(${pythonRepr(values[0])},)` : `(${values.map(pythonRepr).join(', ')})`;
}

function stringRepr(text: string): string {
  // Python prefers single quotes and switches to double quotes when that avoids escaping.
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  return quote + (quote === "'" ? escaped.replace(/'/g, "\\'") : escaped) + quote;
}

/** A recordset repr, as in `res.partner(7,)` or `res.partner(7, 8)`. */
export function recordsetRepr(model: string, ids: readonly number[]): string {
  return `${model}${tupleRepr(ids)}`;
}
