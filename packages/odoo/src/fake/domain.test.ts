import { describe, expect, it } from 'vitest';
import { modelOf } from './field-access';
import { normalizeDomain } from './domain';
import { FakeOdooException } from './odoo-exception';
import { searchRecords } from './orm-read';
import { seededEnv } from './test-env';

const env = seededEnv();
const partners = modelOf(env, 'res.partner');
const names = (domain: unknown[], order = 'id') => searchRecords(env, partners, { domain, order }).map((row) => row.name);

describe('domains', () => {
  it('adds implicit & like normalize_domain', () => {
    expect(normalizeDomain([['a', '=', 1], ['b', '=', 2], ['c', '=', 3]])).toEqual(['&', '&', ['a', '=', 1], ['b', '=', 2], ['c', '=', 3]]);
    expect(normalizeDomain(['|', ['a', '=', 1], ['b', '=', 2], ['c', '=', 3]])).toEqual(['&', '|', ['a', '=', 1], ['b', '=', 2], ['c', '=', 3]]);
  });

  it.each([
    [[['ref', '=', 'AZURE']], ['Azure Interior']],
    [[['ref', '!=', false], ['ref', '!=', 'AZURE']], ['Deco Addict', 'Gemini Furniture']],
    [[['ref', 'in', ['DECO', 'GEMINI']]], ['Deco Addict', 'Gemini Furniture']],
    [[['is_company', '=', true], ['ref', 'not in', ['DECO', 'GEMINI']]], ['My Company', 'Azure Interior']],
    [[['name', 'like', 'Interior']], ['Azure Interior']],
    [[['name', 'ilike', 'interior']], ['Azure Interior']],
    [[['name', 'not ilike', 'a']], ['Gemini Furniture']],
    [[['name', '=like', 'D%']], ['Deco Addict']],
    [[['name', '=ilike', 'gemini _urniture']], ['Gemini Furniture']],
    [[['id', '<', 3]], ['My Company', 'Azure Interior']],
    [[['id', '>=', 5]], ['Gemini Furniture']],
    [[['id', '<=', 1]], ['My Company']],
    [[['id', '>', 4]], ['Gemini Furniture']],
    [['!', ['is_company', '=', true]], ['Brandon Freeman']],
    [['|', ['ref', '=', 'DECO'], ['vat', '=', 'BE0477472701']], ['Azure Interior', 'Deco Addict']],
    [[['parent_id', '=', 2]], ['Brandon Freeman']],
    [[['parent_id', '=', 'Azure Interior']], ['Brandon Freeman']],
    [[['parent_id', 'in', [2, 4]]], ['Brandon Freeman']],
    [[['parent_id', '=', false], ['is_company', '=', false]], []],
    [[['id', 'child_of', 2]], ['Azure Interior', 'Brandon Freeman']],
    [[['parent_id', 'child_of', [2]]], ['Azure Interior', 'Brandon Freeman']],
    [[['id', 'parent_of', 3]], ['Azure Interior', 'Brandon Freeman']],
    [[['child_ids', '!=', false]], ['Azure Interior']],
    [[['parent_id.vat', '=', 'BE0477472701']], ['Brandon Freeman']],
    [[['country_id.code', '=', 'BE']], ['Azure Interior']],
  ])('%j', (domain, expected) => {
    expect(names(domain)).toEqual(expected);
  });

  it('hides archived records unless the domain or the context asks for them', () => {
    env.db.update('res.partner', 5, { active: false });
    try {
      expect(names([['ref', '=', 'GEMINI']])).toEqual([]);
      expect(names([['ref', '=', 'GEMINI'], ['active', 'in', [true, false]]])).toEqual(['Gemini Furniture']);
      const all = searchRecords({ ...env, context: { active_test: false } }, partners, { domain: [['ref', '=', 'GEMINI']] });
      expect(all).toHaveLength(1);
    } finally {
      env.db.update('res.partner', 5, { active: true });
    }
  });

  it('orders like "field desc, field", NULLs last ascending and first descending (PostgreSQL)', () => {
    expect(names([['is_company', '=', true]], 'vat, name')).toEqual(['Deco Addict', 'Azure Interior', 'Gemini Furniture', 'My Company']);
    expect(names([['is_company', '=', true]], 'vat desc, name')).toEqual(['Gemini Furniture', 'My Company', 'Azure Interior', 'Deco Addict']);
    expect(names([['is_company', '=', true]], 'id desc')).toEqual(['Gemini Furniture', 'Deco Addict', 'Azure Interior', 'My Company']);
  });

  it.each([
    [[['no_such_field', '=', 1]], "Invalid field res.partner.no_such_field in leaf ('no_such_field', '=', 1)"],
    [[['parent_id.nope', '=', 'x']], "Invalid field res.partner.nope in leaf ('parent_id.nope', '=', 'x')"],
    [[['name', 'between', 1]], "Invalid leaf ('name', 'between', 1)"],
  ])('refuses %j with ValueError', (domain, message) => {
    expect(() => names(domain)).toThrow(new FakeOdooException('builtins.ValueError', message));
    try {
      names(domain);
    } catch (error) {
      expect(error).toMatchObject({ odooName: 'builtins.ValueError', message });
    }
  });

  it('refuses an unknown order field', () => {
    expect(() => names([], 'nope desc')).toThrow(/Invalid "order" specified \(nope desc\)/);
  });
});
