/** The fake Odoo server for tests and local runs. */
export { startFakeOdoo, type FakeOdoo, type FakeOdooOptions, type FakeOdooVersion } from './start-fake-odoo';
export { FAULT_KINDS, type FaultInjector, type FaultKind, type FaultSettings, type FaultStats } from './faults';
export type { CallLogEntry } from './fake-state';
export type { StoredRecord } from './model-types';
