import type { NodeContext, NodeServices } from '@ledgerflow/engine';

/** A NodeContext for node unit tests: no network, logs collected. */
export function fakeContext<C>(config: C, overrides: Partial<Omit<NodeContext<C>, 'services'>> & { services?: Partial<NodeServices> } = {}): NodeContext<C> & { logs: string[] } {
  const logs: string[] = [];
  const { services, ...rest } = overrides;
  return {
    config,
    flowId: 'flow',
    nodeId: 'node',
    runId: 'run-1',
    rootRunId: 'run-1',
    attempt: 1,
    idempotencyKey: 'run-1:node:0',
    trigger: { kind: 'manual' },
    runInput: {},
    resume: null,
    signal: new AbortController().signal,
    now: () => 0,
    connected: () => true,
    log: (message) => void logs.push(message),
    services: {
      odoo: async () => {
        throw new Error('no Odoo in this test');
      },
      fetch: async () => new Response('{}'),
      links: { run: (id) => `http://lf/runs/${id}`, approval: (id) => `http://lf/approvals/${id}` },
      ...services,
    },
    ...rest,
    logs,
  };
}
