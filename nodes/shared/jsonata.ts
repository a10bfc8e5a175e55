import jsonata from 'jsonata';
import { permanent } from '@ledgerflow/flow';

/** Design-time check of a JSONata expression: the parser's message, or nothing. */
export function jsonataProblem(expression: string): string | undefined {
  try {
    jsonata(expression);
    return undefined;
  } catch (error) {
    return `invalid JSONata: ${describe(error)}`;
  }
}

/** Evaluates a JSONata expression; a failure is a permanent error naming the field. */
export async function evaluate(expression: string, input: unknown, bindings: Record<string, unknown>, field: string): Promise<unknown> {
  let compiled: ReturnType<typeof jsonata>;
  try {
    compiled = jsonata(expression);
  } catch (error) {
    throw permanent('expression_invalid', `${field}: invalid JSONata: ${describe(error)}`);
  }
  try {
    return await compiled.evaluate(input, bindings);
  } catch (error) {
    throw permanent('expression_failed', `${field}: ${describe(error)}`);
  }
}

function describe(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const position = 'position' in error && typeof error.position === 'number' ? ` (at character ${error.position})` : '';
    return `${String(error.message)}${position}`;
  }
  return String(error);
}
