/**
 * Turns a node type's config JSON Schema (from zod's `z.toJSONSchema`) into
 * plain field descriptors the config panel renders. No React here.
 */

export type FieldPath = Array<string | number>;

interface FieldBase {
  key: string;
  path: FieldPath;
  label: string;
  description?: string;
  required: boolean;
  defaultValue?: unknown;
}

export type FormField =
  | (FieldBase & { kind: 'text'; multiline: boolean; pattern?: string; format?: string; maxLength?: number })
  | (FieldBase & { kind: 'jsonata' })
  | (FieldBase & { kind: 'number'; integer: boolean; minimum?: number; maximum?: number })
  | (FieldBase & { kind: 'boolean' })
  | (FieldBase & { kind: 'select'; options: string[] })
  | (FieldBase & { kind: 'string-list' })
  | (FieldBase & { kind: 'object'; fields: FormField[] })
  | (FieldBase & { kind: 'list'; itemFields: FormField[]; itemLabel: string })
  | (FieldBase & { kind: 'variants'; variants: FieldVariant[] })
  | (FieldBase & { kind: 'json' });

/** One alternative of an `anyOf` of objects, e.g. approvers `{ role }` or `{ users }`. */
export interface FieldVariant {
  label: string;
  /** Keys that, when present, tell this variant apart. */
  keys: string[];
  fields: FormField[];
  empty: Record<string, unknown>;
}

/** Per-type presentation hints the schema cannot carry. */
export interface FormHints {
  labels?: Readonly<Record<string, string>>;
  multiline?: ReadonlyArray<string>;
  order?: ReadonlyArray<string>;
  /** Item label for lists of objects, by key. */
  itemLabels?: Readonly<Record<string, string>>;
  /** Keys tucked away under "More options" (see form-hints.ts). */
  advanced?: ReadonlyArray<string>;
}

type Schema = Record<string, unknown>;

/** Maps an object JSON Schema to form fields, one per property, in hint order then schema order. */
export function schemaToForm(schema: unknown, hints: FormHints = {}, base: FieldPath = []): FormField[] {
  if (!isSchema(schema)) return [];
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((k): k is string => typeof k === 'string') : []);
  const keys = Object.keys(properties);
  const order = hints.order ?? [];
  keys.sort((a, b) => rank(order, a) - rank(order, b));
  return keys.map((key) => fieldFor(key, properties[key], required.has(key), [...base, key], hints));
}

function rank(order: ReadonlyArray<string>, key: string): number {
  const at = order.indexOf(key);
  return at === -1 ? order.length : at;
}

function fieldFor(key: string, raw: unknown, required: boolean, path: FieldPath, hints: FormHints): FormField {
  const schema = isSchema(raw) ? raw : {};
  const base: FieldBase = {
    key,
    path,
    label: hints.labels?.[key] ?? humanize(key),
    required,
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
    ...('default' in schema ? { defaultValue: schema.default } : {}),
  };
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string')) {
    return { ...base, kind: 'select', options: schema.enum };
  }
  if (Array.isArray(schema.anyOf)) return anyOfField(base, schema.anyOf, hints);
  switch (schema.type) {
    case 'string':
      if (base.description && /jsonata/i.test(base.description)) return { ...base, kind: 'jsonata' };
      return {
        ...base,
        kind: 'text',
        multiline: hints.multiline?.includes(key) ?? false,
        ...(typeof schema.pattern === 'string' ? { pattern: schema.pattern } : {}),
        ...(typeof schema.format === 'string' ? { format: schema.format } : {}),
        ...(typeof schema.maxLength === 'number' ? { maxLength: schema.maxLength } : {}),
      };
    case 'integer':
    case 'number':
      return {
        ...base,
        kind: 'number',
        integer: schema.type === 'integer',
        ...(typeof schema.minimum === 'number' ? { minimum: schema.minimum } : {}),
        ...(typeof schema.maximum === 'number' ? { maximum: schema.maximum } : {}),
      };
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'array': {
      const items = isSchema(schema.items) ? schema.items : {};
      if (items.type === 'string') return { ...base, kind: 'string-list' };
      if (items.type === 'object' && isSchema(items.properties)) {
        return { ...base, kind: 'list', itemFields: schemaToForm(items, hints), itemLabel: hints.itemLabels?.[key] ?? 'item' };
      }
      return { ...base, kind: 'json' };
    }
    case 'object':
      // A record (free keys, e.g. a JSON Schema or headers) is edited as JSON.
      if (!isSchema(schema.properties) || Object.keys(schema.properties).length === 0) return { ...base, kind: 'json' };
      return { ...base, kind: 'object', fields: schemaToForm(schema, hints, path) };
    default:
      return { ...base, kind: 'json' };
  }
}

function anyOfField(base: FieldBase, options: unknown[], hints: FormHints): FormField {
  const schemas = options.filter(isSchema);
  if (schemas.length > 0 && schemas.every((s) => s.type === 'object' && isSchema(s.properties))) {
    const variants = schemas.map((s): FieldVariant => {
      const keys = Array.isArray(s.required) ? s.required.filter((k): k is string => typeof k === 'string') : [];
      const fields = schemaToForm(s, hints);
      return { label: keys.map((k) => hints.labels?.[k] ?? humanize(k)).join(', ') || 'other', keys, fields, empty: {} };
    });
    return { ...base, kind: 'variants', variants };
  }
  // string | string[] (e.g. recipients): a text field; the schema accepts the string form.
  if (schemas.some((s) => s.type === 'string')) return { ...base, kind: 'text', multiline: false };
  return { ...base, kind: 'json' };
}

/** `initialDelayMs` → "Initial delay (ms)", `post_to` → "Post to". */
export function humanize(key: string): string {
  const ms = key.endsWith('Ms');
  const words = (ms ? key.slice(0, -2) : key)
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  const text = words.charAt(0).toUpperCase() + words.slice(1);
  return ms ? `${text} (ms)` : text;
}

/** Which variant a value currently matches (by its keys), defaulting to the first. */
export function activeVariant(field: Extract<FormField, { kind: 'variants' }>, value: unknown): number {
  if (!isSchema(value)) return 0;
  const at = field.variants.findIndex((v) => v.keys.some((k) => k in value));
  return at === -1 ? 0 : at;
}

/**
 * Converts what a user typed into the value stored in config: empty means
 * "not set" (undefined), numbers are parsed, lists split by line.
 * A number that does not parse is kept as text so the schema reports it.
 */
export function fromInput(field: FormField, raw: string | boolean): unknown {
  if (typeof raw === 'boolean') return field.kind === 'boolean' ? raw : undefined;
  if (raw.trim() === '' && field.kind !== 'jsonata' && field.kind !== 'text') return undefined;
  switch (field.kind) {
    case 'number': {
      const value = Number(raw);
      return Number.isFinite(value) ? value : raw;
    }
    case 'string-list': {
      const items = raw.split('\n').map((s) => s.trim()).filter(Boolean);
      return items.length > 0 ? items : undefined;
    }
    case 'text':
    case 'jsonata':
      return raw === '' ? undefined : raw;
    default:
      return raw;
  }
}

/** The text shown in an input for a stored value. */
export function toInput(field: FormField, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (field.kind === 'string-list' && Array.isArray(value)) return value.join('\n');
  if (field.kind === 'json') return JSON.stringify(value, null, 2);
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Parses a JSON editor's text: the value, "not set" for empty text, or the parser's message. */
export function parseJsonInput(text: string): { value: unknown } | { error: string } {
  if (text.trim() === '') return { value: undefined };
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
