import { permanent } from '@ledgerflow/flow';
import type { NodeContext, NodeExecutor } from '@ledgerflow/engine';
import type { OdooDomain, OdooValues } from '@ledgerflow/odoo';
import { evaluate } from '../shared/jsonata';
import { DEFAULT_KEY_FIELDS, postToOdooSpec, type PostToOdooConfig } from './schema';

/**
 * Posts to Odoo. Create and upsert look the record up by its key first, so a
 * retry after a lost answer, a crash or a replay finds the record it made.
 */
export const postToOdoo: NodeExecutor<PostToOdooConfig> = {
  ...postToOdooSpec,
  async run(ctx, input) {
    const { config } = ctx;
    const odoo = await ctx.services.odoo(config.connection);
    const bindings = { run: { id: ctx.runId, input: ctx.runInput } };
    const context = config.context;
    switch (config.operation) {
      case 'create':
      case 'upsert': {
        const values = asValues(config.values ? await evaluate(config.values, input, bindings, 'values') : input);
        const key = await idempotencyKey(ctx, values, input, bindings);
        if (!key) {
          ctx.log(`no idempotency key for ${config.model}: creating without a lookup`);
          const [id] = await odoo.create(config.model, values, context ? { context } : {});
          for (const method of config.then ?? []) await odoo.callMethod(config.model, method, [id ?? 0]);
          return { port: 'out', data: { model: config.model, id, created: true } };
        }
        const result = await odoo.upsert(config.model, { key, values: { ...values, [key.field]: key.value }, ...(context ? { context } : {}), ...(config.then ? { then: config.then } : {}) });
        ctx.log(result.created ? `created ${config.model} ${result.id}` : `found ${config.model} ${result.id} by ${key.field}=${String(key.value)}`, { ...result });
        return { port: 'out', data: { model: config.model, id: result.id, created: result.created, key: key.value } };
      }
      case 'write': {
        const ids = await idList(config.ids, input, bindings);
        const values = asValues(config.values ? await evaluate(config.values, input, bindings, 'values') : input);
        await odoo.write(config.model, ids, values, context ? { context } : {});
        for (const method of config.then ?? []) await odoo.callMethod(config.model, method, ids);
        return { port: 'out', data: { model: config.model, ids } };
      }
      case 'search_read': {
        const domain = config.domain ? await evaluate(config.domain, input, bindings, 'domain') : [];
        if (!Array.isArray(domain)) throw permanent('domain_invalid', 'domain: the expression must give a list such as [["state", "=", "posted"]]');
        const records = await odoo.searchRead(config.model, domain as OdooDomain, {
          ...(config.fields ? { fields: config.fields } : {}),
          ...(config.limit ? { limit: config.limit } : {}),
          ...(context ? { context } : {}),
        });
        return { port: 'out', data: { model: config.model, records, count: records.length } };
      }
      case 'call': {
        const ids = await idList(config.ids, input, bindings);
        const result = await odoo.callMethod(config.model, config.method ?? '', ids);
        return { port: 'out', data: { model: config.model, ids, result } };
      }
    }
  },
};

async function idempotencyKey(ctx: NodeContext<PostToOdooConfig>, values: OdooValues, input: unknown, bindings: Record<string, unknown>): Promise<{ field: string; value: unknown } | undefined> {
  const { config } = ctx;
  if (config.key) {
    const value = await evaluate(config.key.value, input, bindings, 'key.value');
    if (value === undefined || value === null || value === '') throw permanent('key_missing', `key.value: the idempotency key ${config.key.field} is empty for this input`);
    return { field: config.key.field, value };
  }
  const field = DEFAULT_KEY_FIELDS[config.model];
  if (!field) return undefined;
  const given = values[field];
  return { field, value: given !== undefined && given !== null && given !== '' && given !== false ? given : `lf:${ctx.idempotencyKey}` };
}

async function idList(expression: string | undefined, input: unknown, bindings: Record<string, unknown>): Promise<number[]> {
  const value = expression ? await evaluate(expression, input, bindings, 'ids') : undefined;
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((id): id is number => Number.isInteger(id))) throw permanent('ids_invalid', 'ids: the expression must give a record id or a list of ids');
  return list;
}

function asValues(value: unknown): OdooValues {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw permanent('values_invalid', 'values: the record values must be an object');
  return Object.fromEntries(Object.entries(value));
}
