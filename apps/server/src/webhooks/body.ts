import { HttpError, refusePrototypeKeys } from '../http-errors';

/**
 * Turns a webhook body into the run input: JSON as is, form-encoded into an
 * object (a repeated key becomes an array), CSV into an array of row objects
 * keyed by the header line. CSV values stay strings.
 */
export function parseHookBody(raw: string, contentType: string | undefined): unknown {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/x-www-form-urlencoded') return parseForm(raw);
  if (type === 'text/csv' || type === 'application/csv') return parseCsv(raw);
  if (type === '' || type === 'application/json' || type.endsWith('+json') || type === 'text/plain') {
    if (raw.trim() === '') return {};
    try {
      return JSON.parse(raw, refusePrototypeKeys);
    } catch (error) {
      throw new HttpError(400, 'invalid_json', `the body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new HttpError(415, 'unsupported_media_type', `a webhook takes JSON (application/json), a form (application/x-www-form-urlencoded) or CSV (text/csv), not ${type}`);
}

function parseForm(raw: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [key, value] of new URLSearchParams(raw)) {
    if (refusePrototypeKeys(key, value) === undefined) continue;
    const seen = out[key];
    out[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return { ...out };
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF); `;` is the separator when the header has no `,`. */
export function parseCsv(raw: string): Array<Record<string, string>> {
  const text = raw.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const separator = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const rows = csvRows(text, separator).filter((row) => !(row.length === 1 && row[0] === ''));
  const [header, ...data] = rows;
  if (!header) throw new HttpError(400, 'invalid_csv', 'the CSV body is empty; the first line must name the columns');
  const names = header.map((h) => h.trim());
  const blank = names.findIndex((n) => n === '');
  if (blank >= 0) throw new HttpError(400, 'invalid_csv', `column ${blank + 1} of the CSV header has no name`);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new HttpError(400, 'invalid_csv', `the CSV header names the column "${duplicate}" twice`);
  return data.map((row, index) => {
    if (row.length !== names.length) throw new HttpError(400, 'invalid_csv', `CSV line ${index + 2} has ${row.length} fields but the header has ${names.length}`, [{ path: `body[${index}]`, message: `expected ${names.length} fields` }]);
    const record: Record<string, string> = {};
    names.forEach((name, i) => {
      if (refusePrototypeKeys(name, '') !== undefined) record[name] = row[i] ?? '';
    });
    return record;
  });
}

function csvRows(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === separator) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new HttpError(400, 'invalid_csv', 'the CSV body ends inside a quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
