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
  ledgerflow export --dir <folder> [--data-dir DIR]
  ledgerflow import --dir <folder> [--data-dir DIR]`;

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
