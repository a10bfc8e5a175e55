/**
 * The fake Odoo in its own process, as a real Odoo would be: the plain client
 * and Ledgerflow both talk to it over HTTP and neither shares its CPU.
 * The parent sends `{ reset: true }` between measurements so every one starts
 * with the same number of records; the child answers `{ ready }` / `{ reset: true }`.
 */
import { startFakeOdoo } from '@ledgerflow/odoo';

const latencyMs = Number(process.argv[2] ?? 5);
const fake = await startFakeOdoo({ port: 0, version: 17 });
fake.faults.set({ latencyMs });

process.on('message', (message: unknown) => {
  if (typeof message === 'object' && message !== null && 'reset' in message) {
    fake.reset();
    fake.faults.set({ latencyMs });
    fake.callLog.length = 0;
    process.send?.({ reset: true });
  }
});
// The call log grows with every call; trim it so a long benchmark does not measure the fake's memory.
setInterval(() => {
  fake.callLog.length = 0;
}, 1000).unref();
process.on('disconnect', () => void fake.close().then(() => process.exit(0)));
process.send?.({ ready: { url: fake.url, database: fake.database, login: fake.login, apiKey: fake.apiKey } });
