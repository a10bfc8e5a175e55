import { z } from 'zod';
import type { NodeSpec } from '@ledgerflow/flow';
import { jsonataProblem } from '../shared/jsonata';

export const mapConfig = z
  .object({
    expression: z.string().min(1, 'write a JSONata expression').max(100_000).describe('JSONata expression over the input'),
  })
  .strict();
export type MapConfig = z.infer<typeof mapConfig>;

export const mapSpec: NodeSpec<MapConfig> = {
  type: 'map',
  version: 1,
  title: 'Map',
  description: 'Reshapes data with a JSONata expression (e.g. an expense into an Odoo vendor bill).',
  icon: '⇄',
  configSchema: mapConfig,
  inputs: [{ name: 'in' }],
  outputs: () => [{ name: 'out' }],
  check(config) {
    const problem = jsonataProblem(config.expression);
    return problem ? [{ path: 'expression', message: problem }] : [];
  },
};
