import { OdooError, OdooErrorNames } from './errors';
import type { OdooClient, OdooDomain } from './types';

/** Many2one lookups for one run, each cached so a run asks Odoo once per value. */
export interface OdooResolver {
  partnerByVat(vat: string): Promise<number>;
  partnerByRef(ref: string): Promise<number>;
  accountByCode(code: string): Promise<number>;
  taxByName(name: string): Promise<number>;
  journalByCode(code: string): Promise<number>;
  /** First id (lowest) matching `domain`; a permanent error when none does. */
  resolve(model: string, domain: OdooDomain): Promise<number>;
}

/** Creates a per-run resolver; a not-found is a permanent error naming model and value. */
export function createResolver(client: OdooClient): OdooResolver {
  const cache = new Map<string, Promise<number>>();

  function resolve(model: string, domain: OdooDomain, describe: string): Promise<number> {
    const key = `${model}\u0000${JSON.stringify(domain)}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const pending = lookup(client, model, domain, describe);
    // Failures are not cached: the record may be created before the next attempt.
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
    return pending;
  }

  const byField = (model: string, field: string, value: string) => resolve(model, [[field, '=', value]], `${field} = ${JSON.stringify(value)}`);

  return {
    partnerByVat: (vat) => byField('res.partner', 'vat', vat),
    partnerByRef: (ref) => byField('res.partner', 'ref', ref),
    accountByCode: (code) => byField('account.account', 'code', code),
    taxByName: (name) => byField('account.tax', 'name', name),
    journalByCode: (code) => byField('account.journal', 'code', code),
    resolve: (model, domain) => resolve(model, domain, JSON.stringify(domain)),
  };
}

async function lookup(client: OdooClient, model: string, domain: OdooDomain, describe: string): Promise<number> {
  const [found] = await client.searchRead(model, domain, { fields: ['id'], limit: 1, order: 'id asc' });
  if (found !== undefined) return found.id;
  throw new OdooError({
    odooName: OdooErrorNames.notFoundByKey,
    odooMessage: `no ${model} record with ${describe}`,
    model,
    method: 'search_read',
    retryable: false,
    message: `No ${model} found with ${describe}`,
  });
}
