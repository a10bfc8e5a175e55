import { Ajv, type ErrorObject } from 'ajv';
import { permanent } from '@ledgerflow/flow';
import type { NodeExecutor } from '@ledgerflow/engine';
import { evaluate } from '../shared/jsonata';
import { validateSpec, type ValidateConfig } from './schema';

const ajv = new Ajv({ allErrors: true, strict: false });

export interface ValidationProblem {
  path: string;
  message: string;
  rule?: string;
}

/** Runs the JSON Schema and every rule, collecting all problems. */
export const validate: NodeExecutor<ValidateConfig> = {
  ...validateSpec,
  async run(ctx, input) {
    const errors: ValidationProblem[] = [];
    if (ctx.config.schema) {
      const check = ajv.compile(ctx.config.schema);
      if (!check(input)) errors.push(...(check.errors ?? []).map(fromAjv));
    }
    for (const rule of ctx.config.rules) {
      // A rule that cannot even be evaluated on this data (e.g. comparing text with a number) is broken by the data: it fails.
      const ok = await evaluate(rule.assert, input, {}, `rule ${rule.name}`).catch(() => false);
      if (ok !== true) errors.push({ path: rule.path ?? '', message: rule.message, rule: rule.name });
    }
    if (errors.length === 0) return { port: 'valid', data: input };
    if (!ctx.connected('invalid')) {
      const list = errors.map((e) => `${e.path || '(input)'}: ${e.message}`).join('; ');
      throw permanent('validation_failed', `${errors.length} problem(s): ${list}`, { details: { errors } });
    }
    return { port: 'invalid', data: { input, errors } };
  },
};

function fromAjv(error: ErrorObject): ValidationProblem {
  const missing = error.keyword === 'required' && typeof error.params.missingProperty === 'string' ? `/${error.params.missingProperty}` : '';
  const pointer = `${error.instancePath}${missing}`;
  return { path: pointer.split('/').filter(Boolean).join('.'), message: error.message ?? 'is invalid' };
}
