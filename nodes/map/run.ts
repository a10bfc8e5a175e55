import type { NodeExecutor } from '@ledgerflow/engine';
import { evaluate } from '../shared/jsonata';
import { mapSpec, type MapConfig } from './schema';

/** Evaluates the expression over the input; `$run` holds the run's id and input. */
export const map: NodeExecutor<MapConfig> = {
  ...mapSpec,
  async run(ctx, input) {
    const data = await evaluate(ctx.config.expression, input, { run: { id: ctx.runId, input: ctx.runInput } }, 'expression');
    return { port: 'out', data: data ?? null };
  },
};
