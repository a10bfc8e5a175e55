import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '@ledgerflow/flow';
import { copySelection, parseClipboard, pasteClipboard } from './clipboard';
import { addNode, addNote, connect, edgeId, getAtPath, moveElements, removeElements, renameNode, setAtPath } from './doc-edits';

const empty: FlowDocument = { schema: 'ledgerflow/flow@1', id: 'f', name: 'f', nodes: [], edges: [] };

function sample(): FlowDocument {
  let flow = addNode(empty, 'trigger', { kind: 'manual' }, { x: 0, y: 0 }).flow;
  flow = addNode(flow, 'map', { expression: '$' }, { x: 250.4, y: 10.6 }).flow;
  flow = addNode(flow, 'post-to-odoo', { connection: 'sandbox', model: 'account.move' }, { x: 500, y: 0 }).flow;
  flow = connect(flow, 'trigger', 'out', 'map');
  return connect(flow, 'map', 'out', 'post');
}

describe('document edits', () => {
  it('adds nodes with readable unique ids and rounded positions under ui', () => {
    const flow = addNode(sample(), 'map', { expression: '$' }, { x: 1, y: 2 }).flow;
    expect(flow.nodes.map((n) => n.id)).toEqual(['trigger', 'map', 'post', 'map-2']);
    expect(flow.nodes[1]?.ui).toEqual({ position: { x: 250, y: 11 } });
    expect(flow.edges).toEqual([{ from: 'trigger', to: 'map' }, { from: 'map', to: 'post' }]);
  });

  it('writes a named port on the edge, and none for "out"', () => {
    const flow = connect(empty, 'check', 'invalid', 'tell');
    expect(flow.edges).toEqual([{ from: 'check', port: 'invalid', to: 'tell' }]);
    expect(edgeId({ from: 'a', to: 'b' })).toBe('a:out->b');
  });

  it('removes a node together with its edges', () => {
    const flow = removeElements(sample(), { nodes: ['map'], edges: [], notes: [] });
    expect(flow.nodes.map((n) => n.id)).toEqual(['trigger', 'post']);
    expect(flow.edges).toEqual([]);
  });

  it('moves nodes and notes, keeping other ui keys', () => {
    let flow = sample();
    flow = { ...flow, nodes: flow.nodes.map((n) => (n.id === 'map' ? { ...n, ui: { ...n.ui, color: 'red' } } : n)) };
    const noted = addNote(flow, { x: 5, y: 5 }, 'hi');
    const moved = moveElements(noted.flow, new Map([['map', { x: 9, y: 9 }]]), new Map([[noted.id, { x: 7, y: 7 }]]));
    expect(moved.nodes[1]?.ui).toEqual({ position: { x: 9, y: 9 }, color: 'red' });
    expect(moved.notes).toEqual([{ id: 'note', text: 'hi', position: { x: 7, y: 7 } }]);
  });

  it('renames a node and rewires its edges, refusing bad or taken ids', () => {
    const result = renameNode(sample(), 'map', 'bill');
    expect('flow' in result && result.flow.edges).toEqual([{ from: 'trigger', to: 'bill' }, { from: 'bill', to: 'post' }]);
    expect(renameNode(sample(), 'map', 'post')).toEqual({ error: 'a node "post" already exists' });
    expect(renameNode(sample(), 'map', 'a b')).toHaveProperty('error');
  });

  it('sets and deletes values at nested paths without touching the original', () => {
    const config = { key: { field: 'ref' }, rules: [{ name: 'a' }] };
    const next = setAtPath(config, ['key', 'value'], 'id');
    expect(next).toEqual({ key: { field: 'ref', value: 'id' }, rules: [{ name: 'a' }] });
    expect(config.key).toEqual({ field: 'ref' });
    expect(setAtPath(next, ['rules', 0, 'assert'], 'x > 1')).toEqual({ key: { field: 'ref', value: 'id' }, rules: [{ name: 'a', assert: 'x > 1' }] });
    expect(setAtPath(next, ['key'], undefined)).toEqual({ rules: [{ name: 'a' }] });
    expect(getAtPath(next, ['rules', 0, 'name'])).toBe('a');
  });
});

describe('copy and paste', () => {
  it('pastes copies with fresh ids and the edges between them', () => {
    const flow = sample();
    const copied = copySelection(flow, { nodes: ['map', 'post'], edges: [], notes: [] });
    expect(copied?.edges).toEqual([{ from: 'map', to: 'post' }]);
    const text = JSON.stringify(copied);
    const content = parseClipboard(text);
    expect(content).toBeDefined();
    const pasted = pasteClipboard(flow, content!, { x: 40, y: 40 });
    expect(pasted.selection.nodes).toEqual(['map-2', 'post-2']);
    expect(pasted.flow.edges).toContainEqual({ from: 'map-2', to: 'post-2' });
    expect(pasted.flow.nodes.find((n) => n.id === 'map-2')?.ui?.position).toEqual({ x: 290, y: 51 });
  });

  it('ignores text that is not a Ledgerflow clipboard', () => {
    expect(parseClipboard('hello')).toBeUndefined();
    expect(parseClipboard('{"kind":"other"}')).toBeUndefined();
  });

  it('copies nothing from an empty selection', () => {
    expect(copySelection(sample(), { nodes: [], edges: [], notes: [] })).toBeUndefined();
  });
});
