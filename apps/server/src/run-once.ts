import { Engine, MemoryStore, type NodeServices } from '@ledgerflow/engine';
import { maskValue, validateFlow } from '@ledgerflow/flow';
import { nodeResolver, specs } from '@ledgerflow/nodes';
import { createOdooClient, startFakeOdoo, type FakeOdoo, type OdooClient } from '@ledgerflow/odoo';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `ledgerflow run`: runs a flow in this process, in memory, and prints each
 * step. Odoo comes from ODOO_URL/ODOO_DB/ODOO_LOGIN/ODOO_API_KEY when set
 * (every connection name maps to it), else from a throwaway sandbox.
 */
export async function runOnce(document: unknown, input: unknown, options: { json: boolean }): Promise<number> {
  const check = validateFlow(document, specs);
  if (!check.ok || !check.flow) {
    console.error(`the flow is invalid:\n${check.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    return 1;
  }
  const flow = check.flow;
  let sandbox: FakeOdoo | undefined;
  let client: OdooClient | undefined;
  const odoo = async (): Promise<OdooClient> => {
    if (client) return client;
    const env = process.env;
    if (env.ODOO_URL && env.ODOO_DB && env.ODOO_LOGIN && env.ODOO_API_KEY) {
      client = createOdooClient({ url: env.ODOO_URL, database: env.ODOO_DB, login: env.ODOO_LOGIN, apiKey: env.ODOO_API_KEY });
    } else {
      sandbox = await startFakeOdoo({ port: 0 });
      client = createOdooClient({ url: sandbox.url, database: sandbox.database, login: sandbox.login, apiKey: sandbox.apiKey });
    }
    return client;
  };
  // Mail from one-off runs goes to a throwaway outbox folder; nothing leaves the machine.
  const outbox = join(tmpdir(), 'ledgerflow-outbox');
  const sendMail: NodeServices['sendMail'] = async (_connection, message) => {
    const { writeOutbox } = await import('./outbox');
    return writeOutbox(outbox, message);
  };
  const services: NodeServices = { odoo, fetch, sendMail, links: { run: (id) => `ledgerflow:run/${id}`, approval: (id) => `ledgerflow:approval/${id}` } };
  const store = new MemoryStore();
  store.putFlow(flow, 1);
  const engine = new Engine({ store, nodes: nodeResolver(), services, mask: (f, v) => maskValue(v, f.settings?.mask ?? []) });
  try {
    const run = await engine.startRun({ flowId: flow.id, flowVersion: 1, input, trigger: { kind: 'cli' } });
    // Retries wait in real time here; approvals cannot be decided in a one-off run.
    for (;;) {
      await engine.tick();
      const detail = await store.loadRun(run.id);
      if (!detail) return 1;
      const { status } = detail.run;
      if (status === 'succeeded' || status === 'failed' || status === 'cancelled' || status === 'waiting') {
        if (options.json) console.log(JSON.stringify({ id: run.id, status, output: detail.run.output, error: detail.run.error, steps: detail.steps.map((s) => ({ nodeId: s.nodeId, status: s.status, port: s.port, attempts: s.attempts, output: s.output, error: s.error })) }, null, 2));
        else {
          for (const step of detail.steps) {
            const mark = step.status === 'succeeded' ? '✓' : step.status === 'failed' ? '✗' : '…';
            console.log(`${mark} ${step.nodeId.padEnd(20)} ${step.status}${step.port && step.port !== 'out' ? ` → ${step.port}` : ''}  (${step.attempts} attempt${step.attempts === 1 ? '' : 's'})${step.error ? `  ${step.error.message}` : ''}`);
          }
          console.log(`\nrun ${status}`);
          console.log(JSON.stringify(status === 'failed' ? detail.run.error : detail.run.output, null, 2));
        }
        return status === 'succeeded' ? 0 : 1;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await sandbox?.close();
  }
}
