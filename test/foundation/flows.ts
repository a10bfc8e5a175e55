import type { FlowDocument } from '@ledgerflow/flow';

/** A small flow posting one vendor bill per input to an Odoo connection, with fast retries. */
export function billFlow(id: string, connection: string, retry: Partial<FlowDocument['nodes'][number]['retry']> = {}): FlowDocument {
  return {
    schema: 'ledgerflow/flow@1',
    id,
    name: `Bills ${id}`,
    nodes: [
      { id: 'in', type: 'trigger', config: { kind: 'webhook', path: `${id}-in` } },
      {
        id: 'post',
        type: 'post-to-odoo',
        config: { connection, model: 'account.move', operation: 'create', values: "{ 'move_type': 'in_invoice', 'partner_id': partner, 'ref': ref, 'invoice_date': '2026-11-20', 'invoice_line_ids': [[0, 0, { 'name': 'Line', 'quantity': 1, 'price_unit': amount }]] }", key: { field: 'ref', value: 'ref' }, then: ['action_post'] },
        retry: { maxAttempts: 8, backoff: 'exponential', initialDelayMs: 20, maxDelayMs: 200, jitter: true, timeoutMs: 5000, ...retry },
      },
    ],
    edges: [{ from: 'in', to: 'post' }],
  };
}
