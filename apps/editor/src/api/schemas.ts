import { z } from 'zod';

/** Shapes of the API answers the editor reads; unknown keys are kept. */

const timestamp = z.union([z.string(), z.number()]).nullish();
const issue = z.object({ path: z.string(), message: z.string() });

export const userSchema = z.looseObject({ username: z.string(), roles: z.array(z.string()).default([]) });
export type User = z.infer<typeof userSchema>;
export const meSchema = z.looseObject({ user: userSchema });
export const loginSchema = z.looseObject({ token: z.string().optional(), user: userSchema });

export const flowSummarySchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  version: z.number(),
  updatedAt: timestamp,
  hash: z.string().nullish(),
});
export type FlowSummary = z.infer<typeof flowSummarySchema>;
export const flowListSchema = z.looseObject({ items: z.array(flowSummarySchema) });

export const storedFlowSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  version: z.number(),
  publishedVersion: z.number().nullish(),
  hash: z.string().nullish(),
  document: z.unknown(),
  updatedAt: timestamp,
});

export const savedFlowSchema = z.looseObject({
  id: z.string(),
  version: z.number(),
  hash: z.string().nullish(),
  changed: z.boolean().optional(),
  issues: z.array(issue).optional(),
});
export type SavedFlow = z.infer<typeof savedFlowSchema>;

export const versionSummarySchema = z.looseObject({
  version: z.number(),
  hash: z.string().nullish(),
  createdAt: timestamp,
  createdBy: z.string().nullish(),
});
export type VersionSummary = z.infer<typeof versionSummarySchema>;
export const versionListSchema = z.looseObject({ items: z.array(versionSummarySchema) });
export const versionSchema = versionSummarySchema.extend({ document: z.unknown() });

export const runStartedSchema = z.looseObject({ id: z.string(), status: z.string() });

const errorRecordSchema = z.looseObject({
  class: z.string().optional(),
  code: z.string().optional(),
  message: z.string(),
  retryable: z.boolean().optional(),
  details: z.record(z.string(), z.unknown()).nullish(),
});
export type ErrorRecordView = z.infer<typeof errorRecordSchema>;

const attemptSchema = z.looseObject({
  number: z.number(),
  status: z.string(),
  startedAt: z.union([z.string(), z.number()]).nullish(),
  finishedAt: z.union([z.string(), z.number()]).nullish(),
  error: errorRecordSchema.nullish(),
  logs: z.array(z.unknown()).nullish(),
});
export type AttemptView = z.infer<typeof attemptSchema>;

const stepSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  nodeId: z.string(),
  status: z.string(),
  input: z.unknown(),
  output: z.unknown(),
  port: z.string().nullish(),
  error: errorRecordSchema.nullish(),
  attempts: z.array(attemptSchema).default([]),
  startedAt: z.union([z.string(), z.number()]).nullish(),
  finishedAt: z.union([z.string(), z.number()]).nullish(),
  reused: z.boolean().nullish(),
});
export type StepView = z.infer<typeof stepSchema>;

export const runSchema = z.looseObject({
  id: z.string(),
  flowId: z.string(),
  flowVersion: z.number().nullish(),
  status: z.string(),
  input: z.unknown(),
  output: z.unknown(),
  error: errorRecordSchema.nullish(),
  replayOf: z.string().nullish(),
  createdAt: z.union([z.string(), z.number()]).nullish(),
  steps: z.array(stepSchema).default([]),
});
export type RunView = z.infer<typeof runSchema>;

export const runListSchema = z.looseObject({
  items: z.array(runSchema.omit({ steps: true }).extend({ steps: z.array(stepSchema).optional() })),
  nextCursor: z.string().nullish(),
});
export type RunSummary = z.infer<typeof runListSchema>['items'][number];

export const connectionSchema = z.looseObject({ name: z.string(), type: z.string(), url: z.string().nullish(), database: z.string().nullish(), login: z.string().nullish() });
export type Connection = z.infer<typeof connectionSchema>;
export const connectionListSchema = z.looseObject({ items: z.array(connectionSchema) });

const odooFieldSchema = z.looseObject({
  type: z.string(),
  string: z.string().optional(),
  required: z.boolean().optional(),
  readonly: z.boolean().optional(),
  relation: z.string().optional(),
  selection: z.array(z.tuple([z.string(), z.string()])).optional().catch(undefined),
});
export const odooFieldsSchema = z.looseObject({ fields: z.record(z.string(), odooFieldSchema) });

/** Publishing answers: published at once (200), or a review opened for another designer (202). */
export const publishSchema = z.looseObject({
  publishedVersion: z.number().nullish(),
  review: z.looseObject({ id: z.string(), version: z.number().optional(), status: z.string().optional() }).nullish(),
  summary: z.array(z.string()).optional(),
});
export type PublishAnswer = z.infer<typeof publishSchema>;

export const anySchema = z.unknown();
