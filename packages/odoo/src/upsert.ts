import { OdooError, OdooErrorNames } from './errors';
import { isId } from './json-shape';
import { withReplacedLines } from './x2many';
import type { OdooClient, OdooContext, OdooDomain, OdooValues, UpsertInput, UpsertResult } from './types';

/** Models whose records freeze once they leave `draft`: a replay must not write to them. */
const FROZEN_AFTER_DRAFT: ReadonlySet<string> = new Set(['account.move', 'account.payment']);

/** `then` methods that are only needed while the record is still a draft. */
const DRAFT_ONLY_METHODS: ReadonlySet<string> = new Set(['action_post']);

/**
 * Creates or updates one record found by a business key or an external id,
 * then runs follow-up methods only while still needed. Replaying it after an
 * ambiguous failure (a create whose answer was lost) finds the record instead
 * of creating a second one.
 */
export async function upsertRecord(client: OdooClient, model: string, input: UpsertInput): Promise<UpsertResult> {
  const { key, context } = input;
  const result = 'xmlid' in key
    ? await upsertByXmlid(client, model, key.xmlid, input.values, context)
    : await upsertByDomain(client, model, 'field' in key ? [[key.field, '=', key.value]] : key.domain,
      'field' in key ? { ...input.values, [key.field]: key.value } : input.values, context);
  for (const method of input.then ?? []) {
    if (DRAFT_ONLY_METHODS.has(method) && (await stateOf(client, model, result.id, context)) !== 'draft') continue;
    await client.callMethod(model, method, [result.id], context === undefined ? {} : { context });
  }
  return result;
}

async function upsertByDomain(client: OdooClient, model: string, domain: OdooDomain, values: OdooValues, context: OdooContext | undefined): Promise<UpsertResult> {
  const found = await client.searchRead(model, domain, { fields: ['id'], limit: 1, order: 'id asc', context });
  const existing = found[0];
  if (existing !== undefined) {
    await updateExisting(client, model, existing.id, values, context);
    return { id: existing.id, created: false };
  }
  const [id] = await client.create(model, values, { context });
  if (id === undefined) throw noIdCreated(model);
  return { id, created: true };
}

async function upsertByXmlid(client: OdooClient, model: string, xmlid: string, values: OdooValues, context: OdooContext | undefined): Promise<UpsertResult> {
  const { module, name } = splitXmlid(xmlid);
  const refs = await client.searchRead('ir.model.data', [['module', '=', module], ['name', '=', name]], { fields: ['model', 'res_id'], limit: 1 });
  const ref = refs[0];
  if (ref !== undefined && ref.model !== model) {
    throw new OdooError({
      odooName: OdooErrorNames.unsupportedCall,
      odooMessage: `external id ${module}.${name} points to ${String(ref.model)}, not ${model}`,
      model,
      method: 'upsert',
      retryable: false,
    });
  }
  const resId = ref?.res_id;
  if (ref !== undefined && isId(resId) && (await client.read(model, [resId], ['id'])).length > 0) {
    await updateExisting(client, model, resId, values, context);
    return { id: resId, created: false };
  }
  const [id] = await client.create(model, values, { context });
  if (id === undefined) throw noIdCreated(model);
  if (ref === undefined) await client.create('ir.model.data', { module, name, model, res_id: id });
  else await client.write('ir.model.data', [ref.id], { res_id: id }); // the record behind the id was deleted
  return { id, created: true };
}

async function updateExisting(client: OdooClient, model: string, id: number, values: OdooValues, context: OdooContext | undefined): Promise<void> {
  if (FROZEN_AFTER_DRAFT.has(model) && (await stateOf(client, model, id, context)) !== 'draft') return;
  // Line commands replace the lines: a replayed [0, 0, vals] must not append a second copy.
  await client.write(model, [id], withReplacedLines(values), { context });
}

async function stateOf(client: OdooClient, model: string, id: number, context: OdooContext | undefined): Promise<unknown> {
  const [record] = await client.read(model, [id], ['state'], { context });
  return record?.state;
}

/** `module.name`; a name without a dot belongs to `__import__`, as with Odoo's `load`. */
export function splitXmlid(xmlid: string): { module: string; name: string } {
  const dot = xmlid.indexOf('.');
  return dot < 0 ? { module: '__import__', name: xmlid } : { module: xmlid.slice(0, dot), name: xmlid.slice(dot + 1) };
}

function noIdCreated(model: string): OdooError {
  return new OdooError({ odooName: OdooErrorNames.unexpectedAnswer, odooMessage: 'create returned no id', model, method: 'create', retryable: false });
}
