import { withMagicFields } from '../field-access';
import { odooDate } from '../field-access';
import type { FakeEnv, FieldDef, ModelDef } from '../model-types';

/** A model definition with Odoo's automatic fields added. */
export function defineModel(definition: ModelDef): ModelDef {
  return { ...definition, fields: withMagicFields(definition.fields) };
}

/** Shorthands for common field definitions. */
export const field = {
  char: (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'char', string, ...extra }),
  text: (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'text', string, ...extra }),
  integer: (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'integer', string, ...extra }),
  float: (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'float', string, ...extra }),
  monetary: (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'monetary', string, ...extra }),
  boolean: (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'boolean', string, ...extra }),
  date: (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'date', string, ...extra }),
  json: (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'json', string, ...extra }),
  active: (): FieldDef => ({ type: 'boolean', string: 'Active', default: () => true }),
  selection: (string: string, selection: ReadonlyArray<readonly [string, string]>, extra: Partial<FieldDef> = {}): FieldDef => ({
    type: 'selection',
    string,
    selection,
    ...extra,
  }),
  many2one: (string: string, relation: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'many2one', string, relation, ...extra }),
  one2many: (string: string, relation: string, inverseName: string, extra: Partial<FieldDef> = {}): FieldDef => ({
    type: 'one2many',
    string,
    relation,
    inverseName,
    ...extra,
  }),
  many2many: (string: string, relation: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'many2many', string, relation, ...extra }),
};

/** Default: today's date (UTC) from the fake's clock. */
export const today = (env: FakeEnv): string => odooDate(env.now());

/** Default: the first company. */
export const mainCompany = (): number => 1;

/** Reads a number from a stored value (empty values count as 0). */
export function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

/** Rounds an amount to the cent, as the currency rounding does. */
export function round2(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100;
}
