import { odooRaise } from '../odoo-exception';
import type { ModelDef } from '../model-types';
import { defineModel, field, mainCompany } from './define-model';

/** `res.users`: the API user; `context_get` is how JSON-2 clients learn their uid. */
export const resUsers = defineModel({
  name: 'res.users',
  description: 'User',
  order: 'name, login',
  fields: {
    name: field.char('Name', { required: true }),
    login: field.char('Login', { required: true }),
    active: field.active(),
    company_id: field.many2one('Company', 'res.company', { default: mainCompany }),
  },
  methods: {
    context_get: { api: 'model', params: [], run: ({ env }) => ({ lang: 'en_US', tz: 'Europe/Brussels', uid: env.uid }) },
  },
});

/** `res.company`. */
export const resCompany = defineModel({
  name: 'res.company',
  description: 'Companies',
  order: 'sequence, name',
  fields: {
    name: field.char('Company Name', { required: true }),
    sequence: field.integer('Sequence', { default: () => 10 }),
    currency_id: field.many2one('Currency', 'res.currency'),
  },
});

/** `res.currency`. */
export const resCurrency = defineModel({
  name: 'res.currency',
  description: 'Currency',
  order: 'active desc, name',
  fields: {
    name: field.char('Currency', { required: true }),
    symbol: field.char('Symbol'),
    rounding: field.float('Rounding Factor', { default: () => 0.01 }),
    active: field.active(),
  },
});

/** `res.country`, enough for partner addresses and `load` name lookups. */
export const resCountry = defineModel({
  name: 'res.country',
  description: 'Country',
  order: 'name',
  fields: { name: field.char('Country Name', { required: true }), code: field.char('Country Code') },
});

/** `res.partner`: `name` is not `required` in fields_get, but an SQL check refuses contacts without one. */
export const resPartner = defineModel({
  name: 'res.partner',
  description: 'Contact',
  order: 'display_name, id desc',
  parentField: 'parent_id',
  fields: {
    name: field.char('Name'),
    ref: field.char('Reference'),
    vat: field.char('Tax ID'),
    email: field.char('Email'),
    phone: field.char('Phone'),
    street: field.char('Street'),
    city: field.char('City'),
    zip: field.char('Zip'),
    country_id: field.many2one('Country', 'res.country'),
    is_company: field.boolean('Is a Company', { default: () => false }),
    type: field.selection('Address Type', [['contact', 'Contact'], ['invoice', 'Invoice Address'], ['delivery', 'Delivery Address'], ['other', 'Other Address']], { default: () => 'contact' }),
    parent_id: field.many2one('Related Company', 'res.partner'),
    child_ids: field.one2many('Contact', 'res.partner', 'parent_id'),
    company_id: field.many2one('Company', 'res.company'),
    supplier_rank: field.integer('Supplier Rank', { default: () => 0 }),
    customer_rank: field.integer('Customer Rank', { default: () => 0 }),
    active: field.active(),
  },
  displayName: (record, env) => {
    const name = typeof record.name === 'string' ? record.name : '';
    const parent = typeof record.parent_id === 'number' ? env.db.get('res.partner', record.parent_id) : undefined;
    return parent !== undefined && typeof parent.name === 'string' && name !== '' ? `${parent.name}, ${name}` : name;
  },
  checks: [(record) => ((record.type ?? 'contact') === 'contact' && (typeof record.name !== 'string' || record.name === '') ? 'Contacts require a name' : undefined)],
});

/** `ir.model.data`: external ids (`module.name` → model + res_id). */
export const irModelData = defineModel({
  name: 'ir.model.data',
  description: 'Model Data',
  order: 'module, model, name',
  fields: {
    module: field.char('Module', { required: true }),
    name: field.char('External Identifier', { required: true }),
    model: field.char('Model Name', { required: true }),
    res_id: field.integer('Record ID'),
    noupdate: field.boolean('Non Updatable', { default: () => false }),
    complete_name: { type: 'char', string: 'Complete ID', compute: (record) => `${String(record.module)}.${String(record.name)}` },
  },
  displayName: (record) => `${String(record.module)}.${String(record.name)}`,
  methods: {
    check_object_reference: {
      api: 'model',
      params: ['module', 'xml_id', 'raise_on_access_error'],
      required: 2,
      run: ({ env, args }) => {
        const row = env.db.all('ir.model.data').find((data) => data.module === args.module && data.name === args.xml_id);
        if (row === undefined) throw odooRaise.valueError(`External ID not found in the system: ${String(args.module)}.${String(args.xml_id)}`);
        return [row.model, row.res_id];
      },
    },
  },
});

/** `product.product`, for expense and invoice lines. */
export const productProduct = defineModel({
  name: 'product.product',
  description: 'Product Variant',
  order: 'default_code, name, id',
  fields: {
    name: field.char('Name', { required: true }),
    default_code: field.char('Internal Reference'),
    list_price: field.float('Sales Price'),
    standard_price: field.float('Cost'),
    active: field.active(),
  },
  displayName: (record) => (typeof record.default_code === 'string' && record.default_code !== '' ? `[${record.default_code}] ${String(record.name)}` : String(record.name)),
});

/** Every base model. */
export const baseModels: readonly ModelDef[] = [resUsers, resCompany, resCurrency, resCountry, resPartner, irModelData, productProduct];
