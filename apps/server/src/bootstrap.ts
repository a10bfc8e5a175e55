import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateFlow } from '@ledgerflow/flow';
import { specs } from '@ledgerflow/nodes';
import { Publishing, type Database, type FlowRepository } from '@ledgerflow/store';
import type { Kysely } from 'kysely';
import type { Identity } from './auth/identity';
import { hashPassword } from './auth/passwords';
import type { Logger } from './logger';

/**
 * First start: an `admin` user with LEDGERFLOW_ADMIN_PASSWORD, or a generated
 * one-time password printed once that must be changed at first login.
 */
export async function ensureAdmin(identity: Identity, adminPassword: string | undefined, now: number, print: (line: string) => void): Promise<void> {
  if (await identity.userExists('admin')) return;
  const generated = adminPassword === undefined;
  const password = adminPassword ?? randomBytes(12).toString('base64url');
  await identity.createUser('admin', await hashPassword(password), ['admin'], generated, now);
  if (generated) {
    print('');
    print('  First start: an administrator was created.');
    print(`    username: admin`);
    print(`    password: ${password}   (shown once; you will be asked to change it)`);
    print('  Set LEDGERFLOW_ADMIN_PASSWORD to choose it yourself.');
    print('');
  }
}

/** Loads the example flows in `dir` when the store has none yet. */
export async function loadExampleFlows(flows: FlowRepository, db: Kysely<Database>, dir: string, now: number, logger: Logger): Promise<number> {
  if (!existsSync(dir) || (await flows.list()).length > 0) return 0;
  let loaded = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const check = validateFlow(JSON.parse(readFileSync(join(dir, file), 'utf8')), specs);
    if (!check.flow) {
      logger.warn({ file, issues: check.issues }, 'example flow skipped: invalid document');
      continue;
    }
    const saved = await flows.save(check.flow, 'examples', now);
    // Examples are published so their webhooks and schedules run them at once.
    await new Publishing(db).publish(check.flow.id, saved.version);
    loaded += 1;
  }
  return loaded;
}
