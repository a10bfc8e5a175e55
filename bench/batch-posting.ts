/**
 * Benchmark 3: 10,000 actuals lines posted to Odoo as 100 vendor bills of
 * 100 lines each, one run per bill through a flow, against a plain client
 * posting the same bills one by one (upsert) and all at once (create in chunks).
 */
import type { FlowDocument } from '@ledgerflow/flow';
import { createOdooClient, type OdooValues } from '@ledgerflow/odoo';
import { z } from 'zod';
import { ODOO_LATENCY_MS, WORKERS } from './webhook-to-odoo';
import { startFakeOdooProcess, startServerProcess, type FakeOdooProcess, type ServerProcess } from './support/processes';
import type { Section } from './support/report';
import { format } from './support/report';
import { RunEndWatcher } from './support/run-events';
import { pool, repeat } from './support/stats';

const CONNECTION = 'bench-odoo';
const CONCURRENCY = 4;

/** manual trigger → post-to-odoo: the input is the move, posted once by its ref. */
const batchFlow: FlowDocument = {
  schema: 'ledgerflow/flow@1',
  id: 'bench-batch',
  name: 'Benchmark: post actuals as vendor bills',
  nodes: [
    { id: 'in', type: 'trigger', config: { kind: 'manual' } },
    {
      id: 'post',
      type: 'post-to-odoo',
      config: { connection: CONNECTION, model: 'account.move', operation: 'create', key: { field: 'ref', value: 'ref' }, then: ['action_post'] },
      retry: { maxAttempts: 3, backoff: 'fixed', initialDelayMs: 200, timeoutMs: 120_000 },
    },
  ],
  edges: [{ from: 'in', to: 'post' }],
};

function move(ref: string, lines: number): OdooValues {
  return {
    move_type: 'in_invoice',
    partner_id: 2,
    ref,
    invoice_date: '2026-11-30',
    invoice_line_ids: Array.from({ length: lines }, (_, i) => [0, 0, { name: `Actual ${ref}/${i}`, quantity: 1 + (i % 3), price_unit: 10 + (i % 97) }]),
  };
}

async function throughFlow(server: ServerProcess, watcher: RunEndWatcher, tag: string, moves: number, lines: number): Promise<number> {
  const { wallMs } = await pool(moves, CONCURRENCY, async (i) => {
    const { id } = await server.api(`/api/flows/${batchFlow.id}/runs`, z.object({ id: z.string() }), { body: { input: move(`${tag}-${i}`, lines) } });
    const end = await watcher.end(id, 300_000);
    if (end.status !== 'succeeded') throw new Error(`batch run ${id} ${end.status}`);
  });
  return (moves * lines) / (wallMs / 1000);
}

async function upsertEach(fake: FakeOdooProcess, tag: string, moves: number, lines: number): Promise<number> {
  const client = createOdooClient(fake.connection, { timeoutMs: 120_000 });
  const { wallMs } = await pool(moves, CONCURRENCY, async (i) => {
    const values = move(`${tag}-${i}`, lines);
    await client.upsert('account.move', { key: { field: 'ref', value: values.ref }, values, then: ['action_post'] });
  });
  return (moves * lines) / (wallMs / 1000);
}

async function createInChunks(fake: FakeOdooProcess, tag: string, moves: number, lines: number): Promise<number> {
  const client = createOdooClient(fake.connection, { timeoutMs: 120_000 });
  const began = performance.now();
  const ids = await client.create('account.move', Array.from({ length: moves }, (_, i) => move(`${tag}-${i}`, lines)), { chunkSize: 10 });
  await client.callMethod('account.move', 'action_post', ids);
  return (moves * lines) / ((performance.now() - began) / 1000);
}

/** Benchmark 3. */
export async function batchPosting(options: { quick: boolean }): Promise<Section> {
  const rounds = options.quick ? 1 : 3;
  const moves = options.quick ? 10 : 100;
  const lines = options.quick ? 20 : 100;
  const fake = await startFakeOdooProcess(ODOO_LATENCY_MS);
  const server = await startServerProcess({ env: { LEDGERFLOW_WORKERS: String(WORKERS) } });
  let watcher: RunEndWatcher | undefined;
  try {
    const any = z.unknown();
    await server.api('/api/connections', any, { body: { name: CONNECTION, type: 'odoo', ...fake.connection } });
    await server.api('/api/flows', any, { body: batchFlow });
    watcher = await RunEndWatcher.open(server.url, server.token, batchFlow.id);
    const w = watcher;
    await throughFlow(server, w, 'warm', 4, lines);
    await upsertEach(fake, 'warm', 4, lines);
    const figures = await repeat(rounds, async (round) => {
      await fake.reset();
      const chunks = await createInChunks(fake, `r${round}-c`, moves, lines);
      await fake.reset();
      const each = await upsertEach(fake, `r${round}-u`, moves, lines);
      await fake.reset();
      const flow = await throughFlow(server, w, `r${round}-f`, moves, lines);
      return { chunks, each, flow, ratioEach: flow / each, ratioChunks: flow / chunks };
    });
    return {
      title: `Batch posting (${format(moves * lines, 0)} lines)`,
      setup: `${moves} vendor bills of ${lines} lines each (${format(moves * lines, 0)} actuals lines), reset fake Odoo (${ODOO_LATENCY_MS} ms per call) before each measurement, ${rounds} round(s). Flow: one run per bill (manual trigger → post-to-odoo \`create\` keyed by \`ref\`, then \`action_post\`), started with \`POST /api/flows/:id/runs\`, ${CONCURRENCY} at a time, done at the \`succeeded\` event. Floors: the plain client's \`upsert\` + \`action_post\` per bill, ${CONCURRENCY} at a time; and \`create\` with the list of all bills in chunks of 10 and one \`action_post\` on all ids.`,
      rows: [
        { name: 'plain client, create in chunks of 10 bills', unit: 'lines/s', value: figures.chunks },
        { name: `plain client, upsert per bill (${CONCURRENCY} at a time)`, unit: 'lines/s', value: figures.each },
        { name: `Ledgerflow flow, one run per bill (${CONCURRENCY} at a time)`, unit: 'lines/s', value: figures.flow },
        { name: 'Ledgerflow / plain upsert per bill', unit: '×', value: figures.ratioEach, digits: 2 },
        { name: 'Ledgerflow / plain create in chunks', unit: '×', value: figures.ratioChunks, digits: 2 },
      ],
      targets: [],
      notes: [
        'A flow posts one bill per run: post-to-odoo `create` takes one record (its `values` must give an object), so 100 bills are 100 runs, each with the 4 calls of a keyed create (search by `ref`, create, read state, `action_post`) and its durable steps. The plain client can send 10 bills per `create` and post them all with one `action_post`. A list mode in post-to-odoo (values giving an array, created in chunks with one search for the keys of the chunk) would let one run post a whole batch; that is a node change (nodes/post-to-odoo).',
        'Against the like-for-like floor (the plain upsert per bill) the gap is the per-run cost of benchmark 2 spread over bigger Odoo calls, so it narrows as bills get larger.',
      ],
    };
  } finally {
    await watcher?.close();
    await server.stop();
    await fake.stop();
  }
}
