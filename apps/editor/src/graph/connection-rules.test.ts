import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '@ledgerflow/flow';
import { specs } from '@ledgerflow/nodes/specs';
import { isValidConnection, type ConnectionVerdict } from './connection-rules';

const flow: FlowDocument = {
  schema: 'ledgerflow/flow@1',
  id: 'f',
  name: 'f',
  nodes: [
    { id: 'in', type: 'trigger', config: { kind: 'manual' } },
    { id: 'bill', type: 'map', config: { expression: '$' } },
    { id: 'check', type: 'validate', config: { rules: [] } },
    { id: 'ok', type: 'approve', config: {} },
    { id: 'post', type: 'post-to-odoo', config: { connection: 'sandbox', model: 'account.move' } },
    { id: 'post2', type: 'post-to-odoo', config: { connection: 'sandbox', model: 'account.move', operation: 'write', ids: 'id', values: '{ "ref": key }' } },
    { id: 'tell', type: 'notify', config: { channel: 'email', to: 'ap@example.com' } },
  ],
  edges: [
    { from: 'in', to: 'bill' },
    { from: 'bill', to: 'check' },
  ],
};

const check = (source: string, target: string, sourceHandle?: string, targetHandle?: string): ConnectionVerdict =>
  isValidConnection(flow, specs, { source, target, sourceHandle: sourceHandle ?? null, targetHandle: targetHandle ?? null });

const reason = (verdict: ConnectionVerdict): string => (verdict.ok ? '' : verdict.reason);

describe('isValidConnection', () => {
  it('accepts a plain forward connection', () => {
    expect(check('check', 'ok', 'valid', 'in')).toEqual({ ok: true });
    expect(check('ok', 'post', 'approved')).toEqual({ ok: true });
    expect(check('check', 'tell', 'invalid')).toEqual({ ok: true });
  });

  it('refuses any input into a trigger', () => {
    const verdict = check('bill', 'in');
    expect(verdict.ok).toBe(false);
    expect(reason(verdict)).toMatch(/"in" is a trigger: it starts the flow and takes no input/);
  });

  it('refuses a port that does not exist, naming the ports there are', () => {
    expect(reason(check('check', 'tell', 'maybe'))).toBe('"check" has no output port "maybe" (it has valid, invalid)');
    expect(reason(check('bill', 'tell', 'out', 'side'))).toBe('"tell" has no input port "side" (it has in)');
  });

  it('refuses data of a type that does not fit the target', () => {
    expect(reason(check('check', 'post', 'invalid'))).toBe('Cannot connect "check" (invalid) to "post": the "invalid" port sends validation problems, not an Odoo record; send it to Notify, or reshape it with a Map first');
    expect(reason(check('check', 'ok', 'invalid'))).toMatch(/approvers decide on business data/);
    expect(reason(check('tell', 'post'))).toMatch(/delivery receipt/);
    expect(reason(check('post2', 'post'))).toMatch(/set "values"/);
  });

  it('lets an Odoo result into a post-to-odoo that reshapes it with values', () => {
    expect(check('post', 'post2')).toEqual({ ok: true });
  });

  it('refuses duplicates, self-loops and cycles', () => {
    expect(reason(check('in', 'bill'))).toMatch(/already connected/);
    expect(reason(check('bill', 'bill'))).toMatch(/cannot feed its own input/);
    expect(reason(check('check', 'bill', 'valid'))).toBe('This would make a loop (bill → check → bill); flows run forward only');
  });

  it('refuses missing nodes', () => {
    expect(reason(check('nope', 'bill'))).toMatch(/no node "nope"/);
    expect(reason(check('bill', 'nope'))).toMatch(/no node "nope"/);
  });
});
