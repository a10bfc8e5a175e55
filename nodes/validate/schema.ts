import { z } from 'zod';
import type { NodeSpec } from '@ledgerflow/flow';
import { jsonataProblem } from '../shared/jsonata';

export const validateRule = z
  .object({
    name: z.string().min(1).max(100),
    assert: z.string().min(1).max(10_000).describe('JSONata boolean over the input'),
    message: z.string().min(1).max(1000),
    path: z.string().max(200).optional().describe('Field the problem is about'),
  })
  .strict();

export const validateConfig = z
  .object({
    schema: z.record(z.string(), z.unknown()).optional().describe('JSON Schema the input must match'),
    rules: z.array(validateRule).max(200).default([]).describe('Business rules'),
  })
  .strict();
export type ValidateConfig = z.infer<typeof validateConfig>;

export const validateSpec: NodeSpec<ValidateConfig> = {
  type: 'validate',
  version: 1,
  title: 'Validate',
  description: 'Checks the input against a JSON Schema and business rules; good data leaves on "valid", problems on "invalid".',
  icon: '✓',
  configSchema: validateConfig,
  inputs: [{ name: 'in' }],
  outputs: () => [
    { name: 'valid', title: 'Valid', description: 'the input, unchanged' },
    { name: 'invalid', title: 'Invalid', description: '{ input, errors: [{ path, message }] }' },
  ],
  outputShape: (config, port) => (port === 'valid' ? config.schema : undefined),
  check(config) {
    return config.rules.flatMap((rule, i) => {
      const problem = jsonataProblem(rule.assert);
      return problem ? [{ path: `rules.${i}.assert`, message: problem }] : [];
    });
  },
};
