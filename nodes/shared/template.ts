/**
 * `{{ path }}` templates over the data and the run. Kept tiny on purpose:
 * finance users write these, and JSONata is there for anything richer.
 */
const PLACEHOLDER = /\{\{\s*([A-Za-z_$][\w$]*(?:\.[\w$]+)*)\s*\}\}/g;

/** Fields every notify and approve template may use whatever the data: the run's own. */
const RUN_FIELDS = new Set(['run', 'run.id', 'run.url', 'run.input', 'input', 'approval', 'approval.url', 'approval.id']);

/** The placeholders a template uses, for design-time checks. */
export function templateFields(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

/** Fills a template; `missing` lists placeholders with no value (rendered empty). */
export function renderTemplate(template: string, scope: unknown, escape: (text: string) => string = (t) => t): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = template.replace(PLACEHOLDER, (_, path: string) => {
    const value = lookupPath(scope, path);
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

/** A template warning for the editor: a field the sample data does not have. */
export interface TemplateWarning {
  field: string;
  message: string;
}

/**
 * Design-time check: placeholders that the upstream sample (or shape's
 * example) does not have. `run.*` is always there. Pure, for the editor.
 */
export function templateWarnings(template: string, sample: unknown): TemplateWarning[] {
  const warnings: TemplateWarning[] = [];
  for (const field of new Set(templateFields(template))) {
    if (RUN_FIELDS.has(field) || field.startsWith('run.input.')) continue;
    if (lookupPath(sample, field) === undefined) warnings.push({ field, message: `the sample data has no field "${field}"; it would be left empty` });
  }
  const rest = template.replace(PLACEHOLDER, '');
  const broken = rest.indexOf('{{');
  if (broken >= 0) warnings.push({ field: '', message: `"${rest.slice(broken, broken + 30)}" is not a {{ field }} placeholder (letters, digits, "_" and dots)` });
  return warnings;
}

/** What a message would look like with sample data: text, HTML (escaped values) and warnings. Pure, for the editor's preview. */
export function previewTemplate(template: string, sample: unknown, run: { id: string; url: string } = { id: 'run-id', url: 'https://ledgerflow.example/runs/run-id' }): { text: string; html: string; warnings: TemplateWarning[] } {
  const scope = { ...(isRecord(sample) ? sample : { value: sample }), input: sample, run };
  return {
    text: renderTemplate(template, scope).text,
    html: htmlBody(renderTemplate(template, scope, escapeHtml).text),
    warnings: templateWarnings(template, sample),
  };
}

/** Plain text already escaped → a minimal HTML body that keeps line breaks. */
export function htmlBody(escaped: string): string {
  return `<div style="font-family:sans-serif;white-space:normal">${escaped.replace(/\n/g, '<br>\n')}</div>`;
}

/** The value at a dot path (`bill.ref`), or undefined. Own keys only. */
export function lookupPath(scope: unknown, path: string): unknown {
  let value: unknown = scope;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = Object.entries(value).find(([key]) => key === part)?.[1];
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
