import { describe, expect, it } from 'vitest';
import type { FlowDocument } from './document';
import { describeDiff, diffFlows } from './diff';

const base: FlowDocument = {
  schema: 'ledgerflow/flow@1',
  id: 'f',
  name: 'Expenses',
  nodes: [
    { id: 'in', type: 'trigger', config: { kind: 'manual' }, ui: { position: { x: 0, y: 0 } } },
    { id: 'bill', type: 'map', config: { expression: '{ "a": 1 }' }, ui: { position: { x: 200, y: 0 } } },
    { id: 'post', type: 'post-to-odoo', config: { connection: 'sandbox', model: 'account.move', key: { field: 'ref', value: 'id' } } },
  ],
  edges: [
    { from: 'in', to: 'bill' },
    { from: 'bill', to: 'post' },
  ],
};

function edit(change: (doc: FlowDocument) => void): FlowDocument {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

describe('diffFlows', () => {
  it('finds nothing between equal documents', () => {
    const diff = diffFlows(base, structuredClone(base));
    expect(diff.same).toBe(true);
    expect(describeDiff(diff)).toEqual(['No changes.']);
  });

  it('lists added and removed nodes and edges', () => {
    const next = edit((d) => {
      d.nodes = d.nodes.filter((n) => n.id !== 'post');
      d.nodes.push({ id: 'tell', type: 'notify', config: { channel: 'email', to: 'ap@example.com' } });
      d.edges = [{ from: 'in', to: 'bill' }, { from: 'bill', to: 'tell' }];
    });
    const diff = diffFlows(base, next);
    expect(diff.nodes.added).toEqual([{ id: 'tell', type: 'notify' }]);
    expect(diff.nodes.removed).toEqual([{ id: 'post', type: 'post-to-odoo' }]);
    expect(diff.edges.added).toEqual([{ from: 'bill', to: 'tell' }]);
    expect(diff.edges.removed).toEqual([{ from: 'bill', to: 'post' }]);
    expect(describeDiff(diff)).toContain('Added notify node "tell"');
    expect(describeDiff(diff)).toContain('Connected bill → tell');
  });

  it('names the config keys that changed, nested ones with dots', () => {
    const next = edit((d) => {
      const post = d.nodes[2]!;
      post.config = { ...post.config, model: 'res.partner', key: { field: 'vat', value: 'id' }, then: ['action_post'] };
      d.nodes[1]!.config = {};
    });
    const diff = diffFlows(base, next);
    const post = diff.nodes.changed.find((c) => c.id === 'post');
    expect(post?.changes).toEqual([
      { key: 'config.key.field', kind: 'changed', before: 'ref', after: 'vat' },
      { key: 'config.model', kind: 'changed', before: 'account.move', after: 'res.partner' },
      { key: 'config.then', kind: 'added', after: ['action_post'] },
    ]);
    const bill = diff.nodes.changed.find((c) => c.id === 'bill');
    expect(bill?.changes).toEqual([{ key: 'config.expression', kind: 'removed', before: '{ "a": 1 }' }]);
    expect(describeDiff(diff)).toContain('Node "post": changed config.model from "account.move" to "res.partner"');
  });

  it('treats a canvas move as layout, not as a change in behaviour', () => {
    const next = edit((d) => {
      d.nodes[0]!.ui = { position: { x: 50, y: 80 } };
    });
    const diff = diffFlows(base, next);
    expect(diff.same).toBe(false);
    expect(diff.nodes.changed).toEqual([]);
    expect(diff.nodes.moved).toEqual(['in']);
  });

  it('reports retry, type, flow name and sticky note changes', () => {
    const next = edit((d) => {
      d.name = 'Expenses v2';
      d.nodes[2]!.retry = { maxAttempts: 5 };
      d.notes = [{ id: 'n1', text: 'hello', position: { x: 0, y: 0 } }];
    });
    const diff = diffFlows(base, next);
    expect(diff.flow).toEqual([{ key: 'name', kind: 'changed', before: 'Expenses', after: 'Expenses v2' }]);
    expect(diff.nodes.changed[0]?.changes).toEqual([{ key: 'retry', kind: 'added', after: { maxAttempts: 5 } }]);
    expect(diff.notes).toEqual({ added: 1, removed: 0, changed: 0 });
  });

  it('distinguishes edges by port', () => {
    const a = edit((d) => {
      d.edges = [{ from: 'in', to: 'bill' }, { from: 'bill', port: 'valid', to: 'post' }];
    });
    const b = edit((d) => {
      d.edges = [{ from: 'in', to: 'bill' }, { from: 'bill', port: 'invalid', to: 'post' }];
    });
    const diff = diffFlows(a, b);
    expect(diff.edges.added).toEqual([{ from: 'bill', port: 'invalid', to: 'post' }]);
    expect(describeDiff(diff)).toContain('Disconnected bill.valid → post');
  });
});
