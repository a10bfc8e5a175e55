import { z } from 'zod';

/** Current flow document schema name; older ones are migrated on load. */
export const FLOW_SCHEMA = 'ledgerflow/flow@1';

const id = z
  .string()
  .min(1, 'must not be empty')
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'use letters, digits, "_", "-" or "." and start with a letter or digit');

/** Per-node retry policy; plain data the engine interprets. */
export const retryPolicySchema = z
  .object({
    maxAttempts: z.number().int().min(1).max(100).default(3),
    backoff: z.enum(['fixed', 'exponential']).default('exponential'),
    initialDelayMs: z.number().int().min(0).max(86_400_000).default(500),
    maxDelayMs: z.number().int().min(0).max(86_400_000).default(60_000),
    jitter: z.boolean().default(true),
    timeoutMs: z.number().int().min(1).max(86_400_000).default(30_000),
  })
  .strict();
export type RetryPolicy = z.infer<typeof retryPolicySchema>;
export const DEFAULT_RETRY: RetryPolicy = retryPolicySchema.parse({});

/** Canvas-only data: it never changes what runs. */
export const nodeUiSchema = z
  .object({
    position: z.object({ x: z.number(), y: z.number() }).optional(),
    size: z.object({ width: z.number(), height: z.number() }).optional(),
    color: z.string().max(40).optional(),
    note: z.string().max(5000).optional(),
    label: z.string().max(200).optional(),
  })
  .passthrough();

export const flowNodeSchema = z
  .object({
    id,
    type: z.string().min(1).max(100),
    name: z.string().max(200).optional(),
    config: z.record(z.string(), z.unknown()).default({}),
    retry: retryPolicySchema.partial().optional(),
    ui: nodeUiSchema.optional(),
  })
  .strict();
export type FlowNode = z.infer<typeof flowNodeSchema>;

export const flowEdgeSchema = z
  .object({
    from: id,
    port: z.string().min(1).max(100).optional(),
    to: id,
  })
  .strict();
export type FlowEdge = z.infer<typeof flowEdgeSchema>;

/** Sticky notes on the canvas; like `ui`, they never change what runs. */
export const stickyNoteSchema = z
  .object({ id, text: z.string().max(10_000), position: z.object({ x: z.number(), y: z.number() }), color: z.string().max(40).optional() })
  .strict();

export const flowSettingsSchema = z
  .object({
    /** How many runs of this flow may execute at once. */
    concurrency: z.number().int().min(1).max(1000).optional(),
    /** Dot paths (`employee.iban`, `**.bank_account`) masked in stored step data. */
    mask: z.array(z.string().min(1).max(200)).optional(),
    /** A JSONata expression over the run input giving its business key (searchable in history). */
    businessKey: z.string().max(500).optional(),
    /** Overall deadline of one run, ISO 8601 duration (e.g. PT1H). */
    deadline: z.string().max(50).optional(),
  })
  .passthrough();
export type FlowSettings = z.infer<typeof flowSettingsSchema>;

export const flowDocumentSchema = z
  .object({
    schema: z.literal(FLOW_SCHEMA),
    id,
    name: z.string().min(1, 'must not be empty').max(200),
    description: z.string().max(5000).optional(),
    nodes: z.array(flowNodeSchema).max(2000),
    edges: z.array(flowEdgeSchema).max(10_000).default([]),
    settings: flowSettingsSchema.optional(),
    notes: z.array(stickyNoteSchema).max(500).optional(),
  })
  .strict();
export type FlowDocument = z.infer<typeof flowDocumentSchema>;
