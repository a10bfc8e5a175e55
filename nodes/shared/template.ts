/**
 * `{{ path }}` templates over the data and the run. Kept tiny on purpose:
 * finance users write these, and JSONata is there for anything richer.
 */
const PLACEHOLDER = /\{\{\s*([A-Za-z_$][\w$]*(?:\.[\w$]+)*)\s*\}\}/g;

/** The placeholders a template uses, for design-time checks. */
export function templateFields(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

/** Fills a template; `missing` lists placeholders with no value (rendered empty). */
export function renderTemplate(template: string, scope: unknown, escape: (text: string) => string = (t) => t): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = template.replace(PLACEHOLDER, (_, path: string) => {
    const value = lookup(scope, path);
    if (value === undefined || value === null) {
      missing.push(path);
      return '';
    }
    return escape(typeof value === 'object' ? JSON.stringify(value) : String(value));
  });
  return { text, missing };
}

/** Escapes text for HTML bodies. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function lookup(scope: unknown, path: string): unknown {
  let value: unknown = scope;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = Object.entries(value).find(([key]) => key === part)?.[1];
  }
  return value;
}
