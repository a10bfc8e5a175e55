import { FakeDatabase } from './database';
import type { FakeEnv } from './model-types';
import { buildModels } from './models/registry';
import { seedDemoData, seedEssentials } from './seed-data';

/** A seeded in-memory environment without HTTP, for unit tests of the ORM parts. */
export function seededEnv(version = 17, context: Record<string, unknown> = {}): FakeEnv {
  const env: FakeEnv = { db: new FakeDatabase(), models: buildModels(version), version, uid: 2, protocol: 'jsonrpc', context, now: () => new Date('2024-01-15T09:30:00Z') };
  seedEssentials(env, 'admin');
  seedDemoData(env);
  return env;
}
