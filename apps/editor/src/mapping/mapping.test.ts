import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '@ledgerflow/flow';
import { specs } from '@ledgerflow/nodes/specs';
import { explainField, producedFields, requiredFieldStatus, unknownFields, type OdooFields } from '../odoo/odoo-fields';
import { jsonataPath, pathsOfSchema, pathsOfValue } from './field-paths';
import { evaluateExpression, staticObjectKeys, syntaxProblem } from './jsonata-check';
import { knownInputShape, simulateInput, triggerSample } from './sample-input';

describe('JSONata checks', () => {
  it('gives the parser message with line and column', () => {
    expect(syntaxProblem('{ "a": 1 }')).toBeUndefined();
    expect(syntaxProblem('{\n  "a": foo(\n}')).toMatchObject({ line: 3, column: 1, message: expect.stringMatching(/cannot be used/) });
    expect(syntaxProblem('  ')).toEqual({ message: 'the expression is empty' });
  });

  it('evaluates with bindings and reports run-time errors without throwing', async () => {
    expect(await evaluateExpression('amount * 2', { amount: 21 })).toEqual({ ok: true, value: 42 });
    expect(await evaluateExpression('$run.id', {}, { run: { id: 'r1' } })).toEqual({ ok: true, value: 'r1' });
    const failed = await evaluateExpression('$nope(1)', {});
    expect(failed.ok).toBe(false);
  });

  it('reads the keys an object constructor certainly builds', () => {
    expect(staticObjectKeys("{ 'partner_id': 1, \"ref\": id, 'lines': [1] }")).toEqual(['partner_id', 'ref', 'lines']);
    expect(staticObjectKeys("($x := 1; { 'a': $x })")).toEqual(['a']);
    expect(staticObjectKeys("$merge([{ 'a': 1 }, { 'b': 2 }])")).toEqual(['a', 'b']);
    expect(staticObjectKeys('$')).toEqual([]);
    expect(staticObjectKeys('{ broken')).toEqual([]);
  });
});

describe('field paths', () => {
  it('lists the fields of sample data, looking into the first list item', () => {
    const paths = pathsOfValue({ id: 'EXP-1', employee: { name: 'Ann' }, lines: [{ amount: 12.5 }] });
    expect(paths.map((p) => `${p.path}:${p.type}`)).toEqual(['id:string', 'employee:object', 'employee.name:string', 'lines:list', 'lines.amount:number']);
    expect(paths[0]?.example).toBe('"EXP-1"');
  });

  it('lists the fields a JSON Schema describes', () => {
    const paths = pathsOfSchema({ type: 'object', properties: { amount: { type: 'number' }, lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } } } });
    expect(paths.map((p) => `${p.path}:${p.type}`)).toEqual(['amount:number', 'lines:list', 'lines.sku:string']);
  });

  it('quotes names JSONata cannot read bare', () => {
    expect(jsonataPath('employee.first name')).toBe('employee.`first name`');
  });
});

const flow: FlowDocument = {
  schema: 'ledgerflow/flow@1',
  id: 'f',
  name: 'f',
  nodes: [
    { id: 'in', type: 'trigger', config: { kind: 'manual', sample: { amount: 10, who: 'ann' } } },
    { id: 'bill', type: 'map', config: { expression: "{ 'ref': who, 'total': amount * 2 }" } },
    { id: 'check', type: 'validate', config: { schema: { type: 'object', properties: { ref: { type: 'string' } } } } },
    { id: 'post', type: 'post-to-odoo', config: { connection: 'sandbox', model: 'account.move' } },
    { id: 'tell', type: 'notify', config: { channel: 'email', to: 'a@b.c' } },
    { id: 'lost', type: 'map', config: { expression: '$' } },
  ],
  edges: [
    { from: 'in', to: 'bill' },
    { from: 'bill', to: 'check' },
    { from: 'check', port: 'valid', to: 'post' },
    { from: 'post', to: 'tell' },
  ],
};

describe('simulated input', () => {
  it('replays maps on the sample to get a node input', async () => {
    const sample = triggerSample(flow, specs);
    expect(await simulateInput(flow, specs, 'bill', sample)).toEqual({ value: { amount: 10, who: 'ann' }, exact: true, via: ['in', 'bill'] });
    expect(await simulateInput(flow, specs, 'post', sample)).toMatchObject({ value: { ref: 'ann', total: 20 }, exact: true, via: ['in', 'bill', 'check', 'post'] });
    expect(await simulateInput(flow, specs, 'tell', sample)).toMatchObject({ value: { model: 'account.move', id: 1, created: true }, exact: false });
    expect(await simulateInput(flow, specs, 'in', sample)).toMatchObject({ value: sample, via: ['in'] });
  });

  it('knows nothing for a node that is not connected', async () => {
    expect(await simulateInput(flow, specs, 'lost', {})).toBeUndefined();
  });

  it('says which upstream map fails on the sample', async () => {
    const broken: FlowDocument = { ...flow, nodes: flow.nodes.map((n) => (n.id === 'bill' ? { ...n, config: { expression: '$boom()' } } : n)) };
    const result = await simulateInput(broken, specs, 'post', {});
    expect(result?.note).toMatch(/"bill" fails on this sample/);
  });

  it('takes the known shape from the upstream spec', () => {
    expect(knownInputShape(flow, specs, 'post')).toEqual({ type: 'object', properties: { ref: { type: 'string' } } });
    expect(knownInputShape(flow, specs, 'check')).toBeUndefined();
  });
});

describe('Odoo required fields', () => {
  const fields: OdooFields = {
    move_type: { type: 'selection', string: 'Type', required: true, selection: [['in_invoice', 'Vendor Bill']] },
    partner_id: { type: 'many2one', string: 'Partner', relation: 'res.partner' },
    journal_id: { type: 'many2one', string: 'Journal', required: true, relation: 'account.journal' },
    state: { type: 'selection', string: 'Status', required: true, readonly: true },
    x_cost_center: { type: 'char', string: 'Cost center', required: true },
  };

  it('flags required fields the mapping does not set, except ones Odoo fills', () => {
    const produced = producedFields({ values: "{ 'move_type': 'in_invoice', 'partner_id': 7 }", key: { field: 'ref', value: 'id' } }, undefined);
    expect([...produced]).toEqual(['move_type', 'partner_id', 'ref']);
    const status = requiredFieldStatus('account.move', fields, produced);
    expect(status.map((f) => `${f.name}:${f.status}`)).toEqual(['x_cost_center:missing', 'move_type:set', 'journal_id:default']);
    expect(unknownFields(fields, produced)).toEqual(['ref']);
  });

  it('uses preview keys when the values are computed', () => {
    expect([...producedFields({ values: '$merge([$, {"a": 1}])' }, { b: 1, x_cost_center: 'X' })]).toEqual(['a', 'b', 'x_cost_center']);
  });

  it('explains many2one and x2many fields', () => {
    expect(explainField('partner_id', { type: 'many2one', relation: 'res.partner' })).toMatch(/id \(a number\) of a res.partner record/);
    expect(explainField('invoice_line_ids', { type: 'one2many', relation: 'account.move.line' })).toMatch(/\[\[0, 0, \{ … \}\]\]/);
  });
});

describe('prettyJson', () => {
  it('keeps short values on one line and indents the rest', async () => {
    const { prettyJson } = await import('./pretty-json');
    expect(prettyJson(undefined)).toBeUndefined();
    expect(prettyJson({ a: 1, b: [1, 2] })).toBe('{ "a": 1, "b": [1, 2] }');
    const text = prettyJson({ ref: 'EXP-2026-0042', lines: [[0, 0, { name: 'Train Brussels–Paris', quantity: 1, price_unit: 240.5 }]] }, 40) ?? '';
    expect(text.split('\n')[0]).toBe('{');
    expect(text).toContain('  "ref": "EXP-2026-0042",');
    expect(JSON.parse(text)).toEqual({ ref: 'EXP-2026-0042', lines: [[0, 0, { name: 'Train Brussels–Paris', quantity: 1, price_unit: 240.5 }]] });
  });
});
