import { OdooError, OdooErrorNames } from './errors';
import { isIdList } from './json-shape';
import type { OdooCall } from './odoo-call';

/** Positional parameter names of the ORM methods a flow calls; `ids` marks a record method. */
const SIGNATURES: Readonly<Record<string, readonly string[]>> = {
  create: ['vals_list'],
  write: ['ids', 'vals'],
  read: ['ids', 'fields'],
  unlink: ['ids'],
  exists: ['ids'],
  search: ['domain', 'offset', 'limit', 'order'],
  search_read: ['domain', 'fields', 'offset', 'limit', 'order'],
  search_count: ['domain', 'limit'],
  fields_get: ['allfields', 'attributes'],
  name_search: ['name', 'domain', 'operator', 'limit'],
  load: ['fields', 'data'],
  default_get: ['fields_list'],
  check_object_reference: ['module', 'xml_id'],
};

/**
 * Turns a raw `execute(model, method, args, kwargs)` into a by-name JSON-2
 * call. JSON-2 has no positional arguments, so unknown signatures only work
 * with no args or with a single list of ids.
 */
export function nameExecuteArgs(model: string, method: string, args: readonly unknown[], kwargs: Record<string, unknown>): OdooCall {
  const { context, ...rest } = kwargs;
  const contextValue = isContext(context) ? context : undefined;
  const signature = SIGNATURES[method] ?? (args.length === 0 ? [] : isIdList(args[0]) && args.length === 1 ? ['ids'] : undefined);
  if (signature === undefined || args.length > signature.length) {
    throw new OdooError({
      odooName: OdooErrorNames.unsupportedCall,
      odooMessage: `JSON-2 needs named parameters; pass ${model}.${method}'s positional args as kwargs`,
      model,
      method,
      retryable: false,
      message: `Cannot call ${model}.${method} over JSON-2 with ${args.length} positional argument(s): JSON-2 takes parameters by name, pass them as kwargs`,
    });
  }
  let ids: readonly number[] | undefined;
  const params: Array<readonly [string, unknown]> = [];
  signature.forEach((name, index) => {
    if (index >= args.length) return;
    const value = args[index];
    if (name === 'ids') ids = isIdList(value) ? value : typeof value === 'number' ? [value] : undefined;
    else params.push([name, value]);
  });
  return { model, method, ids, params, kwargs: rest, context: contextValue };
}

function isContext(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
