/** One field available to an expression, e.g. `employee.name` (string). */
export interface FieldPath {
  path: string;
  type: string;
  example?: string;
}

const MAX_FIELDS = 200;

/** The fields of sample data, depth first; arrays contribute their first item's fields as `list.field`. */
export function pathsOfValue(value: unknown, maxDepth = 5): FieldPath[] {
  const out: FieldPath[] = [];
  const walk = (at: unknown, prefix: string, depth: number) => {
    if (out.length >= MAX_FIELDS) return;
    if (prefix) out.push({ path: prefix, type: typeName(at), ...(isLeaf(at) ? { example: exampleOf(at) } : {}) });
    if (depth >= maxDepth) return;
    if (Array.isArray(at)) {
      if (at.length > 0) {
        const first: unknown = at[0];
        if (isRecord(first)) for (const [key, v] of Object.entries(first)) walk(v, join(prefix, key), depth + 1);
      }
      return;
    }
    if (isRecord(at)) for (const [key, v] of Object.entries(at)) walk(v, join(prefix, key), depth + 1);
  };
  walk(value, '', 0);
  return out;
}

/** The fields a JSON Schema describes (properties, items' properties). */
export function pathsOfSchema(schema: unknown, maxDepth = 5): FieldPath[] {
  const out: FieldPath[] = [];
  const walk = (at: unknown, prefix: string, depth: number) => {
    if (!isRecord(at) || out.length >= MAX_FIELDS) return;
    if (prefix) out.push({ path: prefix, type: schemaType(at) });
    if (depth >= maxDepth) return;
    if (isRecord(at.properties)) for (const [key, v] of Object.entries(at.properties)) walk(v, join(prefix, key), depth + 1);
    if (isRecord(at.items) && isRecord(at.items.properties)) {
      for (const [key, v] of Object.entries(at.items.properties)) walk(v, join(prefix, key), depth + 1);
    }
  };
  walk(schema, '', 0);
  return out;
}

/** How to write a path in JSONata: names that are not plain identifiers get backquotes. */
export function jsonataPath(path: string): string {
  return path
    .split('.')
    .map((part) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(part) ? part : `\`${part}\``))
    .join('.');
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (value === null) return 'null';
  if (isRecord(value)) return 'object';
  return typeof value;
}

function schemaType(schema: Record<string, unknown>): string {
  if (typeof schema.type === 'string') return schema.type === 'array' ? 'list' : schema.type;
  if (Array.isArray(schema.type)) return schema.type.join(' | ');
  return 'any';
}

function isLeaf(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

function exampleOf(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
