import { describe, expect, it } from 'vitest';
import { readFlowFile, slugFor } from './flow-files';

describe('flow files', () => {
  it('makes readable unique ids from names', () => {
    expect(slugFor('Approved expenses → Odoo bills', new Set())).toBe('approved-expenses-odoo-bills');
    expect(slugFor('Flow', new Set(['flow']))).toBe('flow-2');
    expect(slugFor('!!!', new Set())).toBe('flow');
  });

  it('reads and migrates a flow file, or explains the problem', () => {
    const old = { schema: 'ledgerflow/flow@0', id: 'a', name: 'A', nodes: [{ id: 'in', type: 'trigger', config: {}, position: { x: 1, y: 2 } }], edges: [] };
    const read = readFlowFile(JSON.stringify(old));
    expect('flow' in read && read.flow.nodes[0]?.ui?.position).toEqual({ x: 1, y: 2 });
    expect(readFlowFile('{')).toHaveProperty('error');
    const bad = readFlowFile('{"schema":"ledgerflow/flow@1","id":"a","nodes":[]}');
    expect('error' in bad && bad.error).toMatch(/name/);
  });
});
