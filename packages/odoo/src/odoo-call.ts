import type { OdooContext } from './types';

/**
 * One model method call, protocol-neutral: `params` are the method's leading
 * parameters in order and by name, so JSON-RPC can send them positionally and
 * JSON-2 by name.
 */
export interface OdooCall {
  model: string;
  method: string;
  /** Record ids for record methods; absent for `@api.model` methods. */
  ids?: readonly number[];
  params?: ReadonlyArray<readonly [name: string, value: unknown]>;
  kwargs?: Record<string, unknown>;
  context?: OdooContext;
}

/** Drops `undefined` values: Odoo treats a sent `null` differently from an absent argument. */
export function definedEntries(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** JSON-RPC form: `args` positional (ids first), `kwargs` with the context. */
export function toPositional(call: OdooCall): { args: unknown[]; kwargs: Record<string, unknown> } {
  const args: unknown[] = call.ids === undefined ? [] : [[...call.ids]];
  for (const [, value] of call.params ?? []) args.push(value);
  const kwargs = definedEntries({ ...call.kwargs, context: call.context });
  return { args, kwargs };
}

/** JSON-2 form: every parameter by name, plus `ids` and `context`. */
export function toNamed(call: OdooCall): Record<string, unknown> {
  const named: Record<string, unknown> = call.ids === undefined ? {} : { ids: [...call.ids] };
  for (const [name, value] of call.params ?? []) named[name] = value;
  return definedEntries({ ...named, ...call.kwargs, context: call.context });
}
