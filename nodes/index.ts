/** Every built-in node type with its executor, for the server and the CLI. */
import type { NodeExecutor, NodeResolver } from '@ledgerflow/engine';
import { approve } from './approve/run';
import { map } from './map/run';
import { notify } from './notify/run';
import { postToOdoo } from './post-to-odoo/run';
import { trigger } from './trigger/run';
import { validate } from './validate/run';

export type { MailMessage, ApprovalRequest, ApprovalTimeout, ApproverSet } from './shared/services';
export { judge, isApprover, describeApprovers, type Decider, type Judgement, type RecordedDecision, type Verdict } from './approve/decision';
export * from './specs';
export { renderTemplate, templateFields, templateWarnings, previewTemplate, escapeHtml, lookupPath, type TemplateWarning } from './shared/template';

export const nodeExecutors = [trigger, map, validate, approve, postToOdoo, notify] as NodeExecutor[];

/** Resolves node types by name or alias. */
export function nodeResolver(executors: ReadonlyArray<NodeExecutor> = nodeExecutors): NodeResolver {
  const byName = new Map<string, NodeExecutor>();
  for (const executor of executors) {
    byName.set(executor.type, executor);
    for (const alias of executor.aliases ?? []) byName.set(alias, executor);
  }
  return { get: (type) => byName.get(type) };
}
export { slackMessage, teamsMessage, signature, SIGNATURE_HEADER } from './notify/payloads';
export { toCsv } from './notify/attachment';
