import { describe, expect, it } from 'vitest';
import { validateFlow, type FlowDocument } from '@ledgerflow/flow';
import { specs } from '@ledgerflow/nodes/specs';
import { indexIssues, shortMessage } from './issue-index';
import { layoutFlow } from './layout';

const flow: FlowDocument = {
  schema: 'ledgerflow/flow@1',
  id: 'f',
  name: 'f',
  nodes: [
    { id: 'in', type: 'trigger', config: { kind: 'manual' } },
    { id: 'check', type: 'validate', config: {} },
    { id: 'post', type: 'post-to-odoo', config: { connection: 'sandbox', model: 'Account' } },
    { id: 'tell', type: 'notify', config: { channel: 'email', to: 'a@b.c' } },
  ],
  edges: [
    { from: 'in', to: 'check' },
    { from: 'check', port: 'valid', to: 'post' },
    { from: 'check', port: 'invalid', to: 'tell' },
    { from: 'check', port: 'maybe', to: 'tell' },
  ],
};

describe('layoutFlow', () => {
  it('places nodes left to right by rank, branches one above the other', () => {
    const at = layoutFlow(flow);
    const x = (id: string) => at.get(id)?.x ?? NaN;
    const y = (id: string) => at.get(id)?.y ?? NaN;
    expect(x('in')).toBeLessThan(x('check'));
    expect(x('check')).toBeLessThan(x('post'));
    expect(x('post')).toBe(x('tell'));
    expect(y('post')).not.toBe(y('tell'));
  });
});

describe('indexIssues', () => {
  it('places issues on nodes (with the config path) and edges', () => {
    const check = validateFlow(flow, specs);
    const index = indexIssues(flow, check.issues);
    const post = index.byNode.get('post') ?? [];
    expect(post[0]?.configPath).toBe('model');
    expect(shortMessage(post[0]!)).toBe('an Odoo model name such as account.move');
    expect(index.byEdge.get('check:maybe->tell')?.[0]?.message).toMatch(/no output port "maybe"/);
  });
});
