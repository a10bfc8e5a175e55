import { displayNameOf } from './field-access';
import { loadRecords } from './load';
import type { MethodDef } from './model-types';
import { odooRaise } from './odoo-exception';
import { fieldsGet, readRecords, searchRecords } from './orm-read';
import { createRecord, unlinkRecords, writeRecords } from './orm-write';

/** The ORM methods every model answers, with their Python signatures. */
export const ormMethods: Record<string, MethodDef> = {
  create: {
    api: 'model',
    params: ['vals_list'],
    required: 1,
    run: ({ env, model, args }) => {
      const values = args.vals_list;
      // Odoo returns an id for a single dict and a list for a list; JSON-2 always converts the recordset to a list.
      if (Array.isArray(values)) return values.map((vals: unknown) => createRecord(env, model, vals));
      const id = createRecord(env, model, values);
      return env.protocol === 'json2' ? [id] : id;
    },
  },
  write: { api: 'record', params: ['vals'], required: 1, run: ({ env, model, ids, args }) => writeRecords(env, model, ids, args.vals) },
  unlink: { api: 'record', params: [], run: ({ env, model, ids }) => unlinkRecords(env, model, ids) },
  exists: { api: 'record', params: [], run: ({ env, model, ids }) => ids.filter((id) => env.db.has(model.name, id)) },
  read: { api: 'record', params: ['fields', 'load'], run: ({ env, model, ids, args }) => readRecords(env, model, ids, args.fields) },
  search: {
    api: 'model',
    params: ['domain', 'offset', 'limit', 'order'],
    required: 1,
    run: ({ env, model, args }) => searchRecords(env, model, { domain: args.domain, offset: args.offset, limit: args.limit, order: args.order }).map((record) => record.id),
  },
  search_read: {
    api: 'model',
    params: ['domain', 'fields', 'offset', 'limit', 'order'],
    run: ({ env, model, args }) => {
      const ids = searchRecords(env, model, { domain: args.domain, offset: args.offset, limit: args.limit, order: args.order }).map((record) => record.id);
      return readRecords(env, model, ids, args.fields);
    },
  },
  search_count: {
    api: 'model',
    params: ['domain', 'limit'],
    required: 1,
    run: ({ env, model, args }) => searchRecords(env, model, { domain: args.domain, limit: args.limit }).length,
  },
  fields_get: { api: 'model', params: ['allfields', 'attributes'], run: ({ model, args }) => fieldsGet(model, args.allfields, args.attributes) },
  name_search: {
    api: 'model',
    // 18 renamed `args` to `domain`.
    params: (version) => ['name', version >= 18 ? 'domain' : 'args', 'operator', 'limit'],
    run: ({ env, model, args }) => {
      const name = typeof args.name === 'string' ? args.name : '';
      const operator = typeof args.operator === 'string' ? args.operator : 'ilike';
      const extra = Array.isArray(args.domain) ? args.domain : Array.isArray(args.args) ? args.args : [];
      const domain = name === '' ? extra : ['&', ['display_name', operator, name], ...(extra.length > 0 ? extra : [[1, '=', 1]])];
      const limit = typeof args.limit === 'number' ? args.limit : 100;
      return searchRecords(env, model, { domain, limit }).map((record) => [record.id, displayNameOf(env, model, record)]);
    },
  },
  load: { api: 'model', params: ['fields', 'data'], required: 2, run: ({ env, model, args }) => loadRecords(env, model, args.fields, args.data) },
  default_get: {
    api: 'model',
    params: ['fields_list'],
    required: 1,
    run: ({ env, model, args }) => {
      if (!Array.isArray(args.fields_list)) throw odooRaise.typeError("'fields_list' must be a list");
      const defaults: Record<string, unknown> = {};
      for (const name of args.fields_list) {
        const field = typeof name === 'string' ? model.fields[name] : undefined;
        if (typeof name === 'string' && field?.default !== undefined) defaults[name] = field.default(env);
      }
      return defaults;
    },
  },
};
