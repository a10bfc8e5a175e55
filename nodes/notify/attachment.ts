/** CSV (RFC 4180) from rows of objects: one column per key, in order of first appearance. */
export function toCsv(value: unknown): string {
  const rows = (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).map((r): Record<string, unknown> => (isRecord(r) ? r : { value: r }));
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const line = (cells: unknown[]) => cells.map(cell).join(',');
  return [line(columns), ...rows.map((r) => line(columns.map((c) => r[c])))].join('\r\n') + '\r\n';
}

function cell(value: unknown): string {
  const text = value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
