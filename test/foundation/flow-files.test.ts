import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ROOT } from '../support/server';

const run = promisify(execFile);
const cli = (...args: string[]) => run(process.execPath, [join(ROOT, 'apps/server/bin/ledgerflow.mjs'), ...args], { cwd: ROOT });

it('exports flows as stable files and imports them back as new versions only when changed', { timeout: 120_000 }, async () => {
  const data = mkdtempSync(join(tmpdir(), 'lf-files-'));
  const out = mkdtempSync(join(tmpdir(), 'lf-export-'));
  await cli('import', '--dir', join(ROOT, 'flows'), '--data-dir', data);
  await cli('export', '--dir', out, '--data-dir', data);
  const files = readdirSync(out).sort();
  expect(files).toEqual(['expense-to-vendor-bill.json', 'payment-status.json', 'payroll-journal-entry.json', 'supplier-sync.json']);
  const text = readFileSync(join(out, 'expense-to-vendor-bill.json'), 'utf8');
  expect(text.split('\n').slice(1, 4)).toEqual(['  "schema": "ledgerflow/flow@1",', '  "id": "expense-to-vendor-bill",', '  "name": "Approved expenses to Odoo vendor bills",']);

  const again = await cli('import', '--dir', out, '--data-dir', data);
  expect(again.stdout).toContain('expense-to-vendor-bill v1 (unchanged)');
  writeFileSync(join(out, 'supplier-sync.json'), text.replace('"name": "Approved expenses to Odoo vendor bills"', '"name": "Renamed"').replace('"id": "expense-to-vendor-bill"', '"id": "supplier-sync"'));
  const changed = await cli('import', '--dir', out, '--data-dir', data);
  expect(changed.stdout).toContain('supplier-sync v2');
  expect(readFileSync(join(out, 'expense-to-vendor-bill.json'), 'utf8')).toBe(text);
});
