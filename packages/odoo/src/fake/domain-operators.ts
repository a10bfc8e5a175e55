/** Comparison semantics of domain operators on plain values (SQL-like: NULL matches nothing but negations). */

/** Whether `actual` satisfies `operator value` for a scalar field. */
export function matchesScalar(actual: unknown, operator: string, value: unknown): boolean {
  switch (operator) {
    case '=':
      return same(actual, value);
    case '!=':
    case '<>':
      return !same(actual, value);
    case '=?':
      return value === false || value === null || value === undefined || same(actual, value);
    case 'in':
      return asList(value).some((item) => same(actual, item));
    case 'not in':
      return !asList(value).some((item) => same(actual, item));
    case 'like':
    case 'ilike':
      return isNull(actual) ? false : containsText(actual, value, operator === 'ilike');
    case 'not like':
    case 'not ilike':
      return isNull(actual) ? true : !containsText(actual, value, operator === 'not ilike');
    case '=like':
    case '=ilike':
      return isNull(actual) ? false : sqlPattern(String(value), operator === '=ilike').test(String(actual));
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(actual, operator, value);
    default:
      return false;
  }
}

/** Ids held by a relational value: a many2one id or a list of ids. */
export function toIdList(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.filter((item): item is number => typeof item === 'number');
  return [];
}

function isNull(value: unknown): boolean {
  return value === null || value === undefined || value === false;
}

function same(actual: unknown, value: unknown): boolean {
  if (isNull(value)) return isNull(actual);
  if (typeof value === 'boolean') return Boolean(actual) === value;
  if (isNull(actual)) return false;
  if (typeof actual === 'boolean') return actual === Boolean(value);
  return actual === value || (typeof actual === 'number' && typeof value === 'string' && String(actual) === value);
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function containsText(actual: unknown, value: unknown, insensitive: boolean): boolean {
  const text = String(actual);
  const needle = String(value ?? '');
  return insensitive ? text.toLowerCase().includes(needle.toLowerCase()) : text.includes(needle);
}

/** SQL LIKE pattern (`%`, `_`) as an anchored regular expression. */
function sqlPattern(pattern: string, insensitive: boolean): RegExp {
  const body = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${body}$`, insensitive ? 'is' : 's');
}

function compare(actual: unknown, operator: string, value: unknown): boolean {
  if (isNull(actual) || isNull(value)) return false;
  const left = typeof actual === 'number' ? actual : String(actual);
  const right = typeof actual === 'number' ? Number(value) : String(value);
  if (operator === '<') return left < right;
  if (operator === '<=') return left <= right;
  if (operator === '>') return left > right;
  return left >= right;
}
