import type { FakeDatabase } from './database';
import type { FaultInjector } from './faults';
import type { FakeEnv, ModelDef } from './model-types';

/** One model call as the fake received it (secrets never included). */
export interface CallLogEntry {
  protocol: 'jsonrpc' | 'json2';
  model: string;
  method: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  /** When it arrived (fake clock). */
  at: Date;
  /** The injected fault, if any. */
  fault?: string;
}

/** The fake server's mutable state, shared by its endpoints. */
export interface FakeState {
  version: number;
  database: string;
  login: string;
  apiKey: string;
  uid: number;
  db: FakeDatabase;
  models: ReadonlyMap<string, ModelDef>;
  callLog: CallLogEntry[];
  faults: FaultInjector;
  now(): Date;
}

/** The environment of one call. */
export function envFor(state: FakeState, protocol: 'jsonrpc' | 'json2', context: unknown): FakeEnv {
  const ctx = typeof context === 'object' && context !== null && !Array.isArray(context) ? { ...context } : {};
  return { db: state.db, models: state.models, version: state.version, uid: state.uid, protocol, context: ctx, now: state.now };
}
