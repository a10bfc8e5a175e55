import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { retryPolicySchema } from '@ledgerflow/flow';
import { specs } from '@ledgerflow/nodes/specs';
import { FORM_HINTS, isRelevant } from './form-hints';
import { activeVariant, fromInput, humanize, parseJsonInput, schemaToForm, toInput, type FormField } from './schema-to-form';

const formOf = (type: string): FormField[] => {
  const spec = specs.get(type);
  if (!spec) throw new Error(type);
  return schemaToForm(z.toJSONSchema(spec.configSchema, { io: 'input', unrepresentable: 'any' }), FORM_HINTS[type]);
};
const byKey = (fields: FormField[], key: string): FormField => {
  const found = fields.find((f) => f.key === key);
  if (!found) throw new Error(`no field ${key}`);
  return found;
};

describe('schemaToForm', () => {
  it('maps enums to selects with their default, in hint order', () => {
    const fields = formOf('trigger');
    const keys = fields.map((f) => f.key);
    expect(keys.slice(0, 4)).toEqual(['kind', 'path', 'cron', 'timezone']);
    expect(keys).toContain('sample');
    expect(byKey(fields, 'kind')).toMatchObject({ kind: 'select', options: ['manual', 'webhook', 'schedule', 'odoo-poll'], defaultValue: 'manual', required: false });
    expect(byKey(fields, 'path')).toMatchObject({ kind: 'text', label: 'Webhook path', description: 'Webhook path: POST /hooks/<path>', pattern: '^[a-z0-9][a-z0-9/_-]*$' });
    expect(byKey(fields, 'sample')).toMatchObject({ kind: 'json', label: 'Sample input' });
  });

  it('recognises JSONata fields by their description, nested ones too', () => {
    expect(byKey(formOf('map'), 'expression')).toMatchObject({ kind: 'jsonata', required: true, label: 'Mapping (JSONata)' });
    const post = formOf('post-to-odoo');
    expect(byKey(post, 'values').kind).toBe('jsonata');
    const key = byKey(post, 'key');
    expect(key.kind).toBe('object');
    if (key.kind === 'object') {
      expect(key.fields.map((f) => [f.key, f.kind, f.path.join('.'), f.required])).toEqual([
        ['field', 'text', 'key.field', true],
        ['value', 'jsonata', 'key.value', true],
      ]);
    }
    expect(byKey(post, 'then').kind).toBe('string-list');
    expect(byKey(post, 'limit')).toMatchObject({ kind: 'number', integer: true, minimum: 1 });
    expect(byKey(post, 'context').kind).toBe('json');
  });

  it('maps a list of objects to a repeatable group with item fields', () => {
    const rules = byKey(formOf('validate'), 'rules');
    expect(rules).toMatchObject({ kind: 'list', itemLabel: 'rule', defaultValue: [] });
    if (rules.kind === 'list') {
      expect(rules.itemFields.map((f) => `${f.key}:${f.kind}:${f.required}`)).toEqual(['name:text:true', 'assert:jsonata:true', 'message:text:true', 'path:text:false']);
      expect(rules.itemFields[0]?.path).toEqual(['name']);
    }
    expect(byKey(formOf('validate'), 'schema').kind).toBe('json');
  });

  it('maps an anyOf of objects to variants and picks the one a value matches', () => {
    const approvers = byKey(formOf('approve'), 'approvers');
    expect(approvers.kind).toBe('variants');
    if (approvers.kind === 'variants') {
      expect(approvers.variants.map((v) => v.label).slice(0, 2)).toEqual(['Role', 'Users']);
      expect(approvers.variants[1]?.fields[0]).toMatchObject({ key: 'users', kind: 'string-list' });
      expect(activeVariant(approvers, { users: ['ann'] })).toBe(1);
      expect(activeVariant(approvers, undefined)).toBe(0);
    }
  });

  it('maps string-or-list to text and url formats through', () => {
    const notify = formOf('notify');
    expect(byKey(notify, 'to')).toMatchObject({ kind: 'text' });
    expect(byKey(notify, 'url')).toMatchObject({ kind: 'text', format: 'uri' });
    expect(byKey(notify, 'body')).toMatchObject({ kind: 'text', multiline: true });
    expect(byKey(notify, 'headers').kind).toBe('json');
  });

  it('maps the retry policy with humane labels', () => {
    const fields = schemaToForm(z.toJSONSchema(retryPolicySchema.partial(), { io: 'input' }), FORM_HINTS.retry);
    expect(fields.map((f) => `${f.label}:${f.kind}`)).toEqual([
      'Max attempts:number',
      'Backoff:select',
      'Initial delay (ms):number',
      'Max delay (ms):number',
      'Jitter:boolean',
      'Timeout (ms):number',
    ]);
  });
});

describe('form values', () => {
  it('treats empty input as not set, parses numbers and lines', () => {
    const number: FormField = { kind: 'number', key: 'n', path: ['n'], label: 'N', required: false, integer: true };
    expect(fromInput(number, '')).toBeUndefined();
    expect(fromInput(number, '12')).toBe(12);
    expect(fromInput(number, '1x')).toBe('1x');
    const list: FormField = { kind: 'string-list', key: 'l', path: ['l'], label: 'L', required: false };
    expect(fromInput(list, 'action_post\n\n  other ')).toEqual(['action_post', 'other']);
    expect(toInput(list, ['a', 'b'])).toBe('a\nb');
    const text: FormField = { kind: 'text', key: 't', path: ['t'], label: 'T', required: false, multiline: false };
    expect(fromInput(text, '')).toBeUndefined();
    expect(toInput(text, ['a@b.c', 'd@e.f'])).toBe('a@b.c, d@e.f');
  });

  it('parses JSON text or explains the problem', () => {
    expect(parseJsonInput('{"a":1}')).toEqual({ value: { a: 1 } });
    expect(parseJsonInput('  ')).toEqual({ value: undefined });
    expect(parseJsonInput('{a:1}')).toHaveProperty('error');
  });

  it('humanizes keys', () => {
    expect(humanize('maxAttempts')).toBe('Max attempts');
    expect(humanize('timeoutMs')).toBe('Timeout (ms)');
    expect(humanize('search_read')).toBe('Search read');
  });

  it('shows keys only where they matter, unless they hold a value', () => {
    expect(isRelevant('trigger', 'cron', { kind: 'manual' })).toBe(false);
    expect(isRelevant('trigger', 'cron', { kind: 'schedule' })).toBe(true);
    expect(isRelevant('trigger', 'cron', { kind: 'manual', cron: '* * * * *' })).toBe(true);
    expect(isRelevant('post-to-odoo', 'method', { operation: 'create' })).toBe(false);
    expect(isRelevant('post-to-odoo', 'values', {})).toBe(true);
    expect(isRelevant('map', 'expression', {})).toBe(true);
  });
});
