/**
 * JSON for reading: indented like JSON.stringify(v, null, 2), but arrays and
 * objects that fit in `width` characters stay on one line.
 */
export function prettyJson(value: unknown, width = 64): string | undefined {
  if (value === undefined) return undefined;
  return format(value, 0, width);
}

function format(value: unknown, depth: number, width: number): string {
  const flat = JSON.stringify(value) ?? 'null';
  if (typeof value !== 'object' || value === null) return flat;
  const pad = '  '.repeat(depth + 1);
  if (flat.length + depth * 2 <= width) return Array.isArray(value) ? flat.replace(/,/g, ', ') : spaced(value, depth, width) ?? flat;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => pad + format(v, depth + 1, width)).join(',\n')}\n${'  '.repeat(depth)}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${format(v, depth + 1, width)}`).join(',\n')}\n${'  '.repeat(depth)}}`;
}

/** `{ "a": 1, "b": [1, 2] }` when short enough. */
function spaced(value: object, depth: number, width: number): string | undefined {
  const inner = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${format(v, depth + 1, width)}`);
  const text = inner.length === 0 ? '{}' : `{ ${inner.join(', ')} }`;
  return text.length + depth * 2 <= width && !text.includes('\n') ? text : undefined;
}
