import { Engine, MemoryStore, type NodeServices } from '@ledgerflow/engine';
import { maskValue, type FlowDocument } from '@ledgerflow/flow';
import { nodeResolver } from '@ledgerflow/nodes';
import type { OdooClient } from '@ledgerflow/odoo';
import { runView } from '@ledgerflow/store';

/** One effect a dry run held back: what would have been sent, and to where. */
export interface HeldCall {
  target: string;
  method: string;
  model?: string;
  payload: unknown;
  /** For upserts: whether the key already exists in Odoo (an update) or not (a create). */
  wouldCreate?: boolean;
}

/**
 * Runs a flow version with writes disabled: Odoo reads go to the real
 * connection, Odoo writes, e-mails and webhooks are recorded with their
 * payloads but not sent. Nothing is stored; a reviewer sees exactly what a
 * change would post.
 */
export async function dryRun(flow: FlowDocument, input: unknown, services: NodeServices, timeoutMs = 30_000) {
  const held: HeldCall[] = [];
  let fakeId = 0;
  const recordingOdoo = async (connection: string): Promise<OdooClient> => {
    const real = await services.odoo(connection);
    const hold = (method: string, model: string, payload: unknown) => held.push({ target: `odoo:${connection}`, method, model, payload });
    return {
      ...real,
      create: async (model, values) => {
        hold('create', model, values);
        return (Array.isArray(values) ? values : [values]).map(() => --fakeId);
      },
      write: async (model, ids, values) => (hold('write', model, { ids, values }), true),
      callMethod: async (model, method, ids, kwargs) => (hold(method, model, { ids, kwargs }), null),
      execute: async (model, method, args, kwargs) => (hold(method, model, { args, kwargs }), null),
      upsert: async (model, request) => {
        const key = request.key;
        const existing = 'field' in key ? await real.searchRead(model, [[key.field, '=', key.value]], { fields: ['id'], limit: 1 }) : [];
        held.push({ target: `odoo:${connection}`, method: 'upsert', model, payload: request, wouldCreate: existing.length === 0 });
        return { id: existing[0]?.id ?? --fakeId, created: existing.length === 0 };
      },
    };
  };
  const dryServices: NodeServices = {
    ...services,
    odoo: recordingOdoo,
    fetch: async (url, init) => {
      held.push({ target: String(url), method: init?.method ?? 'GET', payload: typeof init?.body === 'string' ? safeJson(init.body) : null });
      return new Response('{}', { status: 200 });
    },
    sendMail: async (connection, message) => {
      held.push({ target: `mail:${connection ?? 'default'}`, method: 'send', payload: message });
      return { messageId: 'dry-run' };
    },
    openApproval: async () => 'dry-run-approval',
  };
  const store = new MemoryStore();
  store.putFlow(flow, 1);
  const engine = new Engine({ store, nodes: nodeResolver(), services: dryServices, mask: (f, v) => maskValue(v, f.settings?.mask ?? []) });
  const run = await engine.startRun({ flowId: flow.id, flowVersion: 1, input, trigger: { kind: 'manual', detail: { dryRun: true } } });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await engine.tick();
    const detail = await store.loadRun(run.id);
    if (!detail) throw new Error('dry run vanished');
    const done = ['succeeded', 'failed', 'cancelled', 'waiting'].includes(detail.run.status);
    if (done || Date.now() > deadline) return { ...runView(detail), dryRun: true, held };
    await new Promise((r) => setTimeout(r, 20));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
