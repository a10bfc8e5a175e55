import type { NodeExecutor } from '@ledgerflow/engine';
import { triggerSpec, type TriggerConfig } from './schema';

/** The trigger passes the run input on unchanged. */
export const trigger: NodeExecutor<TriggerConfig> = {
  ...triggerSpec,
  async run(_ctx, input) {
    return { port: 'out', data: input };
  },
};
