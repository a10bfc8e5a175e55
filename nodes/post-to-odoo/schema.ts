import { z } from 'zod';
import type { NodeSpec } from '@ledgerflow/flow';
import { jsonataProblem } from '../shared/jsonata';

/** Fields that hold a business reference, used as idempotency key when none is configured. */
export const DEFAULT_KEY_FIELDS: Readonly<Record<string, string>> = {
  'account.move': 'ref',
  'res.partner': 'ref',
  'account.payment': 'ref',
  'account.analytic.account': 'code',
};

export const postToOdooConfig = z
  .object({
    connection: z.string().min(1, 'name an Odoo connection').max(100).describe('Odoo connection name'),
    model: z.string().regex(/^[a-z_][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'an Odoo model name such as account.move').describe('Odoo model'),
    operation: z.enum(['create', 'write', 'upsert', 'search_read', 'call']).default('create'),
    values: z.string().max(100_000).optional().describe('JSONata giving the record values (default: the input)'),
    key: z
      .object({ field: z.string().min(1).max(100), value: z.string().min(1).max(2000).describe('JSONata giving the key value') })
      .strict()
      .optional()
      .describe('Idempotency key: the record is looked up by it before it is created'),
    ids: z.string().max(2000).optional().describe('JSONata giving record ids (write, call)'),
    domain: z.string().max(10_000).optional().describe('JSONata giving an Odoo domain (search_read)'),
    fields: z.array(z.string().min(1)).max(500).optional(),
    limit: z.number().int().min(1).max(100_000).optional(),
    method: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a public method name such as action_post').optional().describe('Method for operation "call"'),
    then: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).max(10).optional().describe('Methods to call on the record afterwards, e.g. action_post'),
    context: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.operation === 'call' && !c.method) ctx.addIssue({ code: 'custom', path: ['method'], message: 'operation "call" needs a method' });
    if ((c.operation === 'write' || c.operation === 'call') && !c.ids) ctx.addIssue({ code: 'custom', path: ['ids'], message: `operation "${c.operation}" needs ids` });
    if (c.operation === 'upsert' && !c.key && !DEFAULT_KEY_FIELDS[c.model]) ctx.addIssue({ code: 'custom', path: ['key'], message: `upsert on ${c.model} needs a key { field, value }` });
  });
export type PostToOdooConfig = z.infer<typeof postToOdooConfig>;

export const postToOdooSpec: NodeSpec<PostToOdooConfig> = {
  type: 'post-to-odoo',
  version: 1,
  title: 'Post to Odoo',
  description: 'Creates, updates or reads Odoo records through the external API, exactly once per business key.',
  icon: '⬆',
  configSchema: postToOdooConfig,
  inputs: [{ name: 'in' }],
  outputs: () => [{ name: 'out', description: '{ model, id, created } or the records read' }],
  check(config) {
    const fields = ['values', 'ids', 'domain'] as const;
    const problems = fields.flatMap((field) => {
      const text = config[field];
      const problem = text ? jsonataProblem(text) : undefined;
      return problem ? [{ path: field, message: problem }] : [];
    });
    const keyProblem = config.key ? jsonataProblem(config.key.value) : undefined;
    return keyProblem ? [...problems, { path: 'key.value', message: keyProblem }] : problems;
  },
};
