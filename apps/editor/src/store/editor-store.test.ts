import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '@ledgerflow/flow';
import { specs } from '@ledgerflow/nodes/specs';
import type { LedgerflowApi } from '../api/ledgerflow-api';
import { createEditor } from './editor-store';

const empty: FlowDocument = { schema: 'ledgerflow/flow@1', id: 'f', name: 'F', nodes: [], edges: [] };

function fakeApi(): LedgerflowApi & { saved: FlowDocument[] } {
  const saved: FlowDocument[] = [];
  const unused = () => Promise.reject(new Error('not used'));
  return {
    saved,
    me: unused, login: unused, logout: unused, listFlows: unused, createFlow: unused, getFlow: unused, listVersions: unused, getVersion: unused,
    publishFlow: unused, startRun: unused, getRun: unused, listRuns: unused, listConnections: unused, odooFields: unused,
    async saveFlow(flow) {
      saved.push(flow);
      return { id: flow.id, version: saved.length, hash: 'h', changed: true };
    },
  };
}

describe('editor store', () => {
  it('adds, connects, refuses with a reason, and undoes', () => {
    const { store, actions } = createEditor({ api: fakeApi(), specs, initial: empty, version: 1 });
    expect(store.get().valid).toBe(false);
    actions.addNode('trigger', { x: 0, y: 0 });
    actions.addNode('map', { x: 300, y: 0 });
    expect(store.get().selection.nodes).toEqual(['map']);
    expect(actions.connect({ source: 'map', sourceHandle: 'out', target: 'trigger', targetHandle: 'in' })).toBe(false);
    expect(store.get().toast?.text).toMatch(/is a trigger/);
    expect(actions.connect({ source: 'trigger', sourceHandle: 'out', target: 'map', targetHandle: 'in' })).toBe(true);
    expect(store.get().flow.edges).toEqual([{ from: 'trigger', to: 'map' }]);
    expect(store.get().valid).toBe(true);
    actions.undo();
    expect(store.get().flow.edges).toEqual([]);
    actions.redo();
    expect(store.get().flow.edges).toHaveLength(1);
  });

  it('merges typing into one undo step and re-validates config', () => {
    const { store, actions } = createEditor({ api: fakeApi(), specs, initial: empty, version: 1 });
    actions.addNode('trigger', { x: 0, y: 0 });
    actions.addNode('map', { x: 300, y: 0 });
    actions.connect({ source: 'trigger', target: 'map' });
    actions.setConfig('map', ['expression'], '{ "a": ');
    expect(store.get().issues.byNode.get('map')?.[0]?.message).toMatch(/invalid JSONata/);
    actions.setConfig('map', ['expression'], '{ "a": 1 }');
    expect(store.get().valid).toBe(true);
    actions.undo();
    expect(store.get().flow.nodes[1]?.config.expression).toBe('$');
  });

  it('deletes, copies and pastes the selection', () => {
    const { store, actions } = createEditor({ api: fakeApi(), specs, initial: empty, version: 1 });
    actions.addNode('trigger', { x: 0, y: 0 });
    actions.addNode('map', { x: 300, y: 0 });
    actions.connect({ source: 'trigger', target: 'map' });
    actions.selectAll();
    actions.copy();
    actions.paste();
    expect(store.get().flow.nodes.map((n) => n.id)).toEqual(['trigger', 'map', 'trigger-2', 'map-2']);
    expect(store.get().selection.nodes).toEqual(['trigger-2', 'map-2']);
    actions.deleteSelection();
    expect(store.get().flow.nodes.map((n) => n.id)).toEqual(['trigger', 'map']);
    expect(store.get().flow.edges).toHaveLength(1);
  });

  it('saves and tracks unsaved changes by identity', async () => {
    const api = fakeApi();
    const { store, actions } = createEditor({ api, specs, initial: empty, version: 1 });
    actions.addNode('trigger', { x: 0, y: 0 });
    expect(store.get().flow).not.toBe(store.get().savedFlow);
    await actions.save();
    expect(store.get().flow).toBe(store.get().savedFlow);
    expect(store.get().version).toBe(1);
    expect(store.get().toast?.text).toBe('Saved version 1');
    actions.autoLayout();
    expect(api.saved).toHaveLength(1);
  });
});
