import { apiOperations, describeAccess, ERROR_SCHEMA, jsonSchemaOf, type Operation } from './document';

const ERROR_EXAMPLE = { error: { code: 'invalid_request', message: 'the request body is invalid', issues: [{ path: 'body.name', message: 'Too small: expected string to have >=1 characters' }] } };

const AREA_ORDER = ['flows', 'publishing', 'runs', 'failures', 'schedules', 'approvals', 'connections', 'webhooks', 'auth', 'users and tokens', 'system'];

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * The API reference as one server-rendered page: no script at all, so it
 * works under the server's `default-src 'self'` policy and offline.
 */
export function referencePage(routes: ReadonlyArray<{ method: string; path: string }>): string {
  const groups = new Map<string, Operation[]>();
  for (const op of apiOperations(routes)) groups.set(op.area, [...(groups.get(op.area) ?? []), op]);
  const areas = [...groups.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const count = [...groups.values()].reduce((n, ops) => n + ops.length, 0);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ledgerflow API reference</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1d2433; background: #f7f8fa; }
  header, main { max-width: 1040px; margin: 0 auto; padding: 0 24px; }
  header { padding-top: 24px; }
  h1 { font-size: 26px; margin: 0 0 4px; }
  h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 1px solid #d8dce3; padding-bottom: 4px; }
  h2::first-letter { text-transform: uppercase; }
  nav a { margin-right: 12px; color: #2456c7; }
  .op { background: #fff; border: 1px solid #dfe3ea; border-radius: 6px; padding: 10px 14px; margin: 10px 0; }
  .sig { font: 600 14px ui-monospace, monospace; }
  .m { display: inline-block; min-width: 58px; padding: 1px 6px; margin-right: 8px; border-radius: 4px; color: #fff; text-align: center; font-size: 12px; }
  .GET { background: #2f7d4f; } .POST { background: #2456c7; } .PUT { background: #a86300; } .DELETE { background: #b3261e; } .PATCH { background: #6b4bb3; }
  .roles { color: #5a6473; font-size: 13px; }
  .summary { margin: 4px 0; }
  details { margin-top: 6px; } summary { cursor: pointer; color: #2456c7; font-size: 13px; }
  pre { background: #f2f4f7; border-radius: 4px; padding: 8px; overflow: auto; font-size: 12px; max-height: 420px; }
  table { border-collapse: collapse; font-size: 13px; margin-top: 6px; }
  td, th { border: 1px solid #e3e6eb; padding: 3px 8px; text-align: left; vertical-align: top; }
  code { font-family: ui-monospace, monospace; }
</style>
</head>
<body>
<header>
<h1>Ledgerflow API reference</h1>
<p>${count} operations. Machine-readable: <a href="/api/openapi.json"><code>/api/openapi.json</code></a> (OpenAPI 3.1).
Log in with <code>POST /api/auth/login</code> and send <code>Authorization: Bearer &lt;token&gt;</code>; a browser session's writes need the
<code>x-csrf-token</code> header (value of the <code>lf_csrf</code> cookie). Admin may call every route.</p>
<p>Every error answer has this shape, with a 4xx status for the caller's mistakes (<code>issues[].path</code> names the field, e.g. <code>body.nodes.2.config.model</code>):</p>
<pre id="error-shape">${escapeHtml(JSON.stringify(ERROR_EXAMPLE, null, 2))}</pre>
<details><summary>As JSON Schema</summary><pre>${escapeHtml(JSON.stringify(ERROR_SCHEMA, null, 2))}</pre></details>
<nav>${areas.map((a) => `<a href="#${anchor(a)}">${escapeHtml(a)}</a>`).join('')}</nav>
</header>
<main>
${areas.map((area) => section(area, groups.get(area) ?? [])).join('\n')}
</main>
</body>
</html>
`;
}

function rank(area: string): number {
  const i = AREA_ORDER.indexOf(area);
  return i === -1 ? AREA_ORDER.length : i;
}

function anchor(area: string): string {
  return `area-${area.replace(/[^a-z0-9]+/gi, '-')}`;
}

function section(area: string, ops: Operation[]): string {
  return `<section id="${anchor(area)}"><h2>${escapeHtml(area)}</h2>\n${ops.map(operation).join('\n')}</section>`;
}

function operation(op: Operation): string {
  const doc = op.doc;
  const query = doc?.query ? queryTable(jsonSchemaOf(doc.query)) : '';
  const body = doc?.body ? `<details><summary>Request body (JSON Schema)</summary><pre>${escapeHtml(JSON.stringify(jsonSchemaOf(doc.body), null, 2))}</pre></details>` : '';
  return `<div class="op" data-route="${escapeHtml(`${op.method} ${op.path}`)}">
<div class="sig"><span class="m ${op.method}">${op.method}</span>${escapeHtml(op.path)}</div>
<div class="summary">${escapeHtml(doc?.summary ?? 'Not described yet.')}${doc?.status && doc.status !== 200 ? ` <code>${doc.status}</code>` : ''}</div>
${doc?.returns ? `<div class="roles">Returns <code>${escapeHtml(doc.returns)}</code></div>` : ''}
<div class="roles">Roles: ${escapeHtml(describeAccess(op.access))}</div>
${query}${body}</div>`;
}

function queryTable(schema: Record<string, unknown>): string {
  const properties = schema.properties;
  if (typeof properties !== 'object' || properties === null) return '';
  const rows = Object.entries(properties).map(([name, value]) => `<tr><td><code>${escapeHtml(name)}</code></td><td><code>${escapeHtml(JSON.stringify(value))}</code></td></tr>`);
  return `<table><tr><th>query</th><th>schema</th></tr>${rows.join('')}</table>`;
}
