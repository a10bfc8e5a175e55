import { staticObjectKeys } from '../mapping/jsonata-check';

/** One field as Odoo's `fields_get` describes it. */
export interface OdooField {
  type: string;
  string?: string;
  required?: boolean;
  readonly?: boolean;
  relation?: string;
  selection?: Array<[string, string]>;
}

export type OdooFields = Readonly<Record<string, OdooField>>;

/** Models a finance flow usually posts to, offered first in the model picker. */
export const FINANCE_MODELS: ReadonlyArray<{ model: string; title: string }> = [
  { model: 'account.move', title: 'Journal entries, vendor bills, invoices' },
  { model: 'account.move.line', title: 'Journal items' },
  { model: 'account.payment', title: 'Payments' },
  { model: 'res.partner', title: 'Contacts, vendors, customers' },
  { model: 'account.account', title: 'Chart of accounts' },
  { model: 'account.journal', title: 'Journals' },
  { model: 'account.tax', title: 'Taxes' },
  { model: 'account.analytic.account', title: 'Analytic accounts' },
  { model: 'hr.expense', title: 'Expenses' },
  { model: 'hr.employee', title: 'Employees' },
];

/**
 * Required fields Odoo fills in by itself on create (from defaults or the
 * journal), so a mapping need not set them. Odoo's `fields_get` does not
 * say which required fields have defaults; this is what we know.
 */
const SERVER_DEFAULTS: Readonly<Record<string, ReadonlyArray<string>>> = {
  'account.move': ['move_type', 'date', 'journal_id', 'currency_id', 'company_id', 'name', 'state'],
  'account.payment': ['date', 'payment_type', 'state', 'journal_id', 'currency_id', 'company_id'],
  'account.tax': ['amount', 'amount_type', 'type_tax_use'],
};

export type RequiredStatus = 'set' | 'default' | 'missing';

export interface RequiredField {
  name: string;
  label: string;
  field: OdooField;
  status: RequiredStatus;
}

/** Every required, writable field and whether the mapping sets it, Odoo fills it, or it is missing. */
export function requiredFieldStatus(model: string, fields: OdooFields, produced: ReadonlySet<string>): RequiredField[] {
  const defaults = new Set(SERVER_DEFAULTS[model] ?? []);
  return Object.entries(fields)
    .filter(([, field]) => field.required === true && field.readonly !== true)
    .map(([name, field]): RequiredField => ({
      name,
      label: field.string ?? name,
      field,
      status: produced.has(name) ? 'set' : defaults.has(name) ? 'default' : 'missing',
    }))
    .sort((a, b) => order(a.status) - order(b.status) || a.name.localeCompare(b.name));
}

function order(status: RequiredStatus): number {
  return status === 'missing' ? 0 : status === 'set' ? 1 : 2;
}

/**
 * The record fields a post-to-odoo config will send: the keys its `values`
 * expression builds (read from the expression, else from a preview result),
 * or the input's keys when there is no `values`, plus the idempotency key field.
 */
export function producedFields(config: Record<string, unknown>, preview: unknown): Set<string> {
  const keys = new Set<string>();
  const values = typeof config.values === 'string' && config.values.trim() !== '' ? config.values : undefined;
  if (values) for (const key of staticObjectKeys(values)) keys.add(key);
  if (typeof preview === 'object' && preview !== null && !Array.isArray(preview)) for (const key of Object.keys(preview)) keys.add(key);
  const key = config.key;
  if (typeof key === 'object' && key !== null && 'field' in key && typeof key.field === 'string') keys.add(key.field);
  return keys;
}

/** Fields the mapping sets that the model does not have (a typo, or the wrong model). */
export function unknownFields(fields: OdooFields, produced: ReadonlySet<string>): string[] {
  return [...produced].filter((name) => !(name in fields)).sort();
}

/** A sentence on what to put in a field of this type, many2one and x2many explained. */
export function explainField(name: string, field: OdooField): string {
  switch (field.type) {
    case 'many2one':
      return `many2one → ${field.relation ?? 'another model'}: give the id (a number) of a ${field.relation ?? ''} record, e.g. '${name}': 42. Look the id up first with a search_read step, or keep a known id.`;
    case 'one2many':
    case 'many2many':
      return `${field.type} → ${field.relation ?? 'another model'}: a list of commands, e.g. [[0, 0, { … }]] creates a line, [[6, 0, [ids]]] sets the list.`;
    case 'selection':
      return `one of: ${(field.selection ?? []).map(([value]) => value).join(', ') || 'the listed values'}`;
    case 'date':
      return 'a date as "YYYY-MM-DD"';
    case 'datetime':
      return 'a UTC date-time as "YYYY-MM-DD HH:MM:SS"';
    case 'monetary':
    case 'float':
      return 'a number';
    case 'integer':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    default:
      return 'text';
  }
}
