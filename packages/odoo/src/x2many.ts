import type { OdooValues } from './types';

/** One x2many command triple, as Odoo accepts it over RPC. */
export type X2ManyCommand =
  | readonly [0, 0, OdooValues]
  | readonly [1, number, OdooValues]
  | readonly [2, number, 0]
  | readonly [3, number, 0]
  | readonly [4, number, 0]
  | readonly [5, 0, 0]
  | readonly [6, 0, readonly number[]];

/** Builders for x2many commands; always full triples, the form every version accepts. */
export const x2many = {
  /** Create a related record from `vals` and link it. */
  create: (vals: OdooValues): X2ManyCommand => [0, 0, vals],
  /** Write `vals` on the linked record `id`. */
  update: (id: number, vals: OdooValues): X2ManyCommand => [1, id, vals],
  /** Unlink and delete record `id`. */
  remove: (id: number): X2ManyCommand => [2, id, 0],
  /** Unlink record `id` without deleting it. */
  unlink: (id: number): X2ManyCommand => [3, id, 0],
  /** Link the existing record `id`. */
  link: (id: number): X2ManyCommand => [4, id, 0],
  /** Unlink every record. */
  clear: (): X2ManyCommand => [5, 0, 0],
  /** Replace the links by `ids`. */
  set: (ids: readonly number[]): X2ManyCommand => [6, 0, ids],
} as const;

/** Whether a value is a list of x2many commands containing a CREATE. */
function hasCreateCommand(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every(isCommand) && value.some((command: unknown[]) => command[0] === 0);
}

function isCommand(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.length === 3 && typeof value[0] === 'number' && value[0] >= 0 && value[0] <= 6;
}

/**
 * For a write on an existing record: a command list that creates lines gets
 * a CLEAR in front, unless it already clears or sets, so the written lines
 * replace the old ones instead of adding to them.
 */
export function withReplacedLines(values: OdooValues): OdooValues {
  const result: OdooValues = {};
  for (const [field, value] of Object.entries(values)) {
    const clears = Array.isArray(value) && value.some((command: unknown) => isCommand(command) && (command[0] === 5 || command[0] === 6));
    result[field] = hasCreateCommand(value) && !clears && Array.isArray(value) ? [x2many.clear(), ...value] : value;
  }
  return result;
}
