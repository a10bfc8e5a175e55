/**
 * Remembers the expression field the user was last in, so pickers elsewhere
 * in the panel (input fields, Odoo fields) can insert text at its caret.
 */
export interface ExpressionTarget {
  key: string;
  insert(text: string): void;
}

let last: ExpressionTarget | undefined;

export function setActiveExpression(target: ExpressionTarget): void {
  last = target;
}

/** Inserts into the last focused expression; with `preferKey`, only into that field (else false). */
export function insertIntoExpression(text: string, preferKey?: string): boolean {
  if (!last || (preferKey !== undefined && last.key !== preferKey)) return false;
  last.insert(text);
  return true;
}
