import { z } from 'zod';
import { retryPolicySchema, type NodeSpec } from '@ledgerflow/flow';
import { FORM_HINTS } from './form-hints';
import { schemaToForm, type FormField } from './schema-to-form';

const cache = new Map<string, FormField[]>();

/** The generated config form of a node type (cached; schemas do not change at run time). */
export function configFormOf(spec: NodeSpec): FormField[] {
  const known = cache.get(spec.type);
  if (known) return known;
  const fields = schemaToForm(z.toJSONSchema(spec.configSchema, { io: 'input', unrepresentable: 'any' }), FORM_HINTS[spec.type]);
  cache.set(spec.type, fields);
  return fields;
}

let retryFields: FormField[] | undefined;

/** The form of a node's retry policy, from the same schema the engine reads. */
export function retryFormFields(): FormField[] {
  retryFields ??= schemaToForm(z.toJSONSchema(retryPolicySchema.partial(), { io: 'input' }), FORM_HINTS.retry);
  return retryFields;
}

/** Keys whose expressions get the large editor with input fields and full preview. */
export const RICH_EXPRESSIONS: Readonly<Record<string, ReadonlyArray<string>>> = {
  map: ['expression'],
  'post-to-odoo': ['values'],
};
