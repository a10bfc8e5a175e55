import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { validateFlow } from '@ledgerflow/flow';
import { specs } from '@ledgerflow/nodes';
import { loadSettings } from './config';
import { runOnce } from './run-once';
import { startServer } from './server';

const USAGE = `Usage:
  ledgerflow serve [--port N] [--data-dir DIR] [--role all|api|worker|scheduler]
  ledgerflow run <flow.json> --input <file|-> [--json]
  ledgerflow validate <flow.json…>
  ledgerflow fake-odoo [--port N] [--version 16|17|18|19]
  ledgerflow prune [--days N] [--data-dir DIR]   (drop payloads of final runs older than N days; default LEDGERFLOW_RETENTION_DAYS or 30)
  ledgerflow export --dir <folder> [--data-dir DIR]
  ledgerflow import --dir <folder> [--data-dir DIR]
  ledgerflow rotate-key --new-key-file <file> | --new-key <key> [--data-dir DIR]   (re-encrypt connection secrets; stop the server first)
  ledgerflow audit verify [--data-dir DIR]   (exit 1 and name the entry when the audit log was edited)`;

/** The `ledgerflow` command. Returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({ args: rest, options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, role: { type: 'string' } } });
      const role = values.role;
      if (role !== undefined && role !== 'all' && role !== 'api' && role !== 'worker' && role !== 'scheduler') return fail(`--role must be all, api, worker or scheduler (got "${role}")`);
      const settings = loadSettings(process.env, {
        ...(values.port ? { port: Number(values.port) } : {}),
        ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
        ...(role ? { role } : {}),
      });
      const server = await startServer(settings);
      const stop = () => void server.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return await new Promise<number>(() => undefined);
    }
    case 'prune': {
      const { values } = parseArgs({ args: rest, options: { days: { type: 'string' }, 'data-dir': { type: 'string' } } });
      const days = values.days === undefined ? undefined : Number(values.days);
      if (days !== undefined && !(Number.isFinite(days) && days >= 0)) return fail(`--days must be a number of days, 0 or more (got "${values.days}")`);
      const settings = loadSettings(process.env, { ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}), ...(days === undefined ? {} : { retentionDays: days }) });
      const { migrate, openDatabase } = await import('@ledgerflow/store');
      const { pruneRuns } = await import('./retention');
      const db = openDatabase({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
      try {
        await migrate(db);
        const result = await pruneRuns(db, { days: settings.retentionDays, now: Date.now() });
        console.log(`pruned ${result.runs} run(s) that finished before ${new Date(result.cutoff).toISOString()} (${settings.retentionDays} days); their status, times and errors are kept`);
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'validate': {
      const files = rest.filter((a) => !a.startsWith('-'));
      if (files.length === 0) return fail('name at least one flow file');
      let bad = 0;
      for (const file of files) {
        const check = validateFlow(readJson(file), specs);
        if (check.ok) console.log(`✓ ${file}`);
        else {
          bad += 1;
          console.log(`✗ ${file}: ${check.issues.length} problem(s)`);
          for (const issue of check.issues) console.log(`    ${issue.path || '(document)'}: ${issue.message}`);
        }
      }
      return bad === 0 ? 0 : 1;
    }
    case 'run': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { input: { type: 'string' }, json: { type: 'boolean' } } });
      const file = positionals[0];
      if (!file) return fail('name the flow file: ledgerflow run <flow.json> --input <file|->');
      const input = values.input === undefined ? {} : values.input === '-' ? JSON.parse(readFileSync(0, 'utf8')) : readJson(values.input);
      return runOnce(readJson(file), input, { json: values.json === true });
    }
    case 'export':
    case 'import': {
      const { values } = parseArgs({ args: rest, options: { dir: { type: 'string' }, 'data-dir': { type: 'string' } } });
      if (!values.dir) return fail(`name the folder: ledgerflow ${command} --dir <folder>`);
      return flowFilesCommand(command, values.dir, loadSettings(process.env, values['data-dir'] ? { dataDir: values['data-dir'] } : {}));
    }
    case 'rotate-key': {
      const { values } = parseArgs({ args: rest, options: { 'new-key-file': { type: 'string' }, 'new-key': { type: 'string' }, 'data-dir': { type: 'string' } } });
      if ((values['new-key-file'] === undefined) === (values['new-key'] === undefined)) return fail('name the new key with exactly one of --new-key-file <file> or --new-key <key>');
      const { rotateKey } = await import('./rotate-key');
      const next = values['new-key'] !== undefined ? { passphrase: values['new-key'] } : { file: values['new-key-file'] };
      try {
        return await rotateKey(loadSettings(process.env, values['data-dir'] ? { dataDir: values['data-dir'] } : {}), next, (line) => console.log(line));
      } catch (error) {
        return fail(error instanceof Error ? error.message : String(error));
      }
    }
    case 'audit': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { 'data-dir': { type: 'string' } } });
      if (positionals[0] !== 'verify') return fail('usage: ledgerflow audit verify [--data-dir DIR]');
      const { verifyAuditCommand } = await import('./audit-verify');
      return verifyAuditCommand(loadSettings(process.env, values['data-dir'] ? { dataDir: values['data-dir'] } : {}), (line) => console.log(line));
    }
    case 'fake-odoo': {
      const { values } = parseArgs({ args: rest, options: { port: { type: 'string' }, version: { type: 'string' } } });
      const { startFakeOdoo } = await import('@ledgerflow/odoo');
      const version = Number(values.version ?? 17);
      if (version !== 16 && version !== 17 && version !== 18 && version !== 19) return fail('--version must be 16, 17, 18 or 19');
      const fake = await startFakeOdoo({ port: Number(values.port ?? 8069), version });
      console.log(`Fake Odoo ${version} on ${fake.url}  database=${fake.database} login=${fake.login} apiKey=${fake.apiKey}`);
      return await new Promise<number>(() => undefined);
    }
    default:
      console.log(USAGE);
      return command === undefined || command === '--help' || command === 'help' ? 0 : 2;
  }
}

async function flowFilesCommand(command: 'export' | 'import', dir: string, settings: ReturnType<typeof loadSettings>): Promise<number> {
  const { FlowRepository, migrate, openDatabase } = await import('@ledgerflow/store');
  const { exportFlows, importFlows } = await import('./flow-files');
  const db = openDatabase({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
  try {
    await migrate(db);
    const flows = new FlowRepository(db.kysely);
    if (command === 'export') {
      const files = await exportFlows(flows, dir);
      for (const file of files) console.log(`wrote ${file}`);
      return 0;
    }
    let bad = 0;
    for (const r of await importFlows(flows, dir, 'cli-import', Date.now())) {
      if (r.version === undefined) {
        bad += 1;
        console.log(`✗ ${r.file}: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      } else console.log(`${r.changed ? '✓' : '='} ${r.file}: ${r.id} v${r.version}${r.changed ? '' : ' (unchanged)'}${r.issues.length ? ` — draft with ${r.issues.length} problem(s)` : ''}`);
    }
    return bad === 0 ? 0 : 1;
  } finally {
    await db.close();
  }
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function fail(message: string): number {
  console.error(`ledgerflow: ${message}`);
  return 2;
}
