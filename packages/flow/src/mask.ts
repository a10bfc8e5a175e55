/** Field names masked in stored step data unless a flow says otherwise. */
export const DEFAULT_SENSITIVE = /^(iban|password|passwd|token|access_token|api_?key|secret|client_secret|bank_?account|bank_acc_number|acc_number|card_number)$/i;

export const MASK = '***';

/**
 * Masks a value by rules: `employee.iban` (exact dot path), `**.bank_account`
 * (that name at any depth), plus the default sensitive names.
 */
export function maskValue(value: unknown, rules: readonly string[] = []): unknown {
  const anywhere = new Set(rules.filter((r) => r.startsWith('**.')).map((r) => r.slice(3)));
  const exact = new Set(rules.filter((r) => !r.startsWith('**.')));
  const walk = (node: unknown, path: string[]): unknown => {
    if (Array.isArray(node)) return node.map((item) => walk(item, path));
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, child]) => {
        const here = [...path, key];
        const hit = DEFAULT_SENSITIVE.test(key) || anywhere.has(key) || exact.has(here.join('.'));
        return [key, hit && child !== null && child !== undefined ? MASK : walk(child, here)];
      }),
    );
  };
  return walk(value, []);
}
