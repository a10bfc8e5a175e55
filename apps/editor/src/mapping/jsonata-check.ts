import jsonata from 'jsonata';

/** A JSONata problem, with where it is in the text when the parser says. */
export interface ExpressionProblem {
  message: string;
  /** Character offset (1-based end of the offending token), when known. */
  position?: number;
  /** 1-based line and column derived from `position`. */
  line?: number;
  column?: number;
}

/** Parses an expression: nothing when it is fine, else the parser's message and position. */
export function syntaxProblem(expression: string): ExpressionProblem | undefined {
  if (expression.trim() === '') return { message: 'the expression is empty' };
  try {
    jsonata(expression);
    return undefined;
  } catch (error) {
    return describeError(expression, error);
  }
}

export type Evaluation = { ok: true; value: unknown } | { ok: false; problem: ExpressionProblem };

/** Evaluates an expression on an input, as the map node does (`$run` bound). Never throws. */
export async function evaluateExpression(expression: string, input: unknown, bindings: Record<string, unknown> = {}): Promise<Evaluation> {
  let compiled: ReturnType<typeof jsonata>;
  try {
    compiled = jsonata(expression);
  } catch (error) {
    return { ok: false, problem: describeError(expression, error) };
  }
  try {
    const value: unknown = await compiled.evaluate(input, bindings);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, problem: describeError(expression, error) };
  }
}

/**
 * The keys an expression's result object certainly has, read from its
 * syntax tree (`{ 'partner_id': …, 'ref': … }`, also as the last step of a
 * block). Empty when the keys are computed.
 */
export function staticObjectKeys(expression: string): string[] {
  try {
    return keysOf(jsonata(expression).ast());
  } catch {
    return [];
  }
}

function keysOf(node: unknown): string[] {
  if (!isRecord(node)) return [];
  if (node.type === 'unary' && node.value === '{' && Array.isArray(node.lhs)) {
    return node.lhs.flatMap((pair: unknown) => {
      const key: unknown = Array.isArray(pair) ? pair[0] : undefined;
      return isRecord(key) && key.type === 'string' && typeof key.value === 'string' ? [key.value] : [];
    });
  }
  if (node.type === 'block' && Array.isArray(node.expressions)) return keysOf(node.expressions[node.expressions.length - 1]);
  if (node.type === 'function' && Array.isArray(node.arguments) && isRecord(node.procedure) && node.procedure.value === 'merge') {
    const list: unknown = node.arguments[0];
    if (isRecord(list) && Array.isArray(list.expressions)) return [...new Set(list.expressions.flatMap(keysOf))];
  }
  return [];
}

function describeError(expression: string, error: unknown): ExpressionProblem {
  if (!isRecord(error)) return { message: String(error) };
  const message = typeof error.message === 'string' ? error.message : String(error);
  if (typeof error.position !== 'number') return { message };
  const before = expression.slice(0, Math.max(0, error.position - 1));
  const lines = before.split('\n');
  return { message, position: error.position, line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
