import { z } from 'zod';
import { request } from '../api/http';

/** The operations console's view of the API: run history, run detail, replay, events, failures, dashboard. */

const ms = z.number().nullish();
const errorRecord = z.looseObject({
  class: z.string().optional(),
  code: z.string().optional(),
  message: z.string(),
  retryable: z.boolean().optional(),
  nodeId: z.string().optional(),
  details: z.record(z.string(), z.unknown()).nullish(),
});
export type ErrorRecord = z.infer<typeof errorRecord>;

const logLine = z.looseObject({ at: z.number(), level: z.string(), message: z.string(), fields: z.record(z.string(), z.unknown()).optional() });
export type LogLine = z.infer<typeof logLine>;

const attempt = z.looseObject({ number: z.number(), status: z.string(), startedAt: z.number(), finishedAt: ms, error: errorRecord.nullish(), logs: z.array(logLine).default([]) });
export type Attempt = z.infer<typeof attempt>;

const step = z.looseObject({
  id: z.string(),
  nodeId: z.string(),
  status: z.string(),
  input: z.unknown(),
  output: z.unknown(),
  port: z.string().nullish(),
  error: errorRecord.nullish(),
  reused: z.boolean().optional(),
  nextAttemptAt: ms,
  startedAt: ms,
  finishedAt: ms,
  attempts: z.array(attempt).default([]),
});
export type Step = z.infer<typeof step>;

const totalValue = z.union([z.number(), z.record(z.string(), z.number())]);
export type TotalValue = z.infer<typeof totalValue>;

const runSummary = z.looseObject({
  id: z.string(),
  flowId: z.string(),
  flowVersion: z.number(),
  status: z.string(),
  businessKey: z.string().nullish(),
  replayOf: z.string().nullish(),
  replayFrom: z.string().nullish(),
  error: errorRecord.nullish(),
  createdAt: z.number(),
  startedAt: ms,
  finishedAt: ms,
});
export type RunSummary = z.infer<typeof runSummary>;

const runDetail = runSummary.extend({
  input: z.unknown(),
  output: z.unknown(),
  trigger: z.looseObject({ kind: z.string(), by: z.string().optional() }).nullish(),
  rootRunId: z.string().nullish(),
  steps: z.array(step).default([]),
  totals: z.record(z.string(), totalValue).default({}),
  replays: z.array(z.looseObject({ id: z.string(), status: z.string(), createdAt: z.number(), replayFrom: z.string().nullish() })).default([]),
});
export type RunDetail = z.infer<typeof runDetail>;

export interface RunFilter {
  flowId?: string;
  status?: string;
  from?: number;
  to?: number;
  q?: string;
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** One page of run history, newest first. */
export function listRuns(filter: RunFilter, cursor?: string, limit = 50) {
  return request('GET', `/api/runs${query({ ...filter, limit, cursor })}`, z.object({ items: z.array(runSummary), nextCursor: z.string().nullable() }));
}

export function getRun(id: string) {
  return request('GET', `/api/runs/${encodeURIComponent(id)}`, runDetail);
}

const totalsAnswer = z.object({ runs: z.number(), totals: z.array(z.object({ name: z.string(), value: totalValue, runs: z.number() })) });
export type TotalsAnswer = z.infer<typeof totalsAnswer>;

/** Control totals summed over a history filter. */
export function sumTotals(filter: Omit<RunFilter, 'q'>) {
  return request('GET', `/api/runs/totals${query({ ...filter })}`, totalsAnswer);
}

/** Starts a replay: `{}` retries the failed step, `{ from }` re-runs from a node, with optional new input. */
export function replayRun(id: string, body: { from?: string; input?: unknown }) {
  return request('POST', `/api/runs/${encodeURIComponent(id)}/replay`, z.looseObject({ id: z.string(), status: z.string() }), body);
}

export function cancelRun(id: string) {
  return request('POST', `/api/runs/${encodeURIComponent(id)}/cancel`, z.looseObject({ id: z.string(), status: z.string() }), {});
}

export const flowVersionSchema = z.looseObject({ version: z.number(), document: z.unknown() });

export function getFlowVersion(flowId: string, version: number) {
  return request('GET', `/api/flows/${encodeURIComponent(flowId)}/versions/${version}`, flowVersionSchema);
}

export function listFlowIds() {
  return request('GET', '/api/flows', z.object({ items: z.array(z.looseObject({ id: z.string(), name: z.string() })) })).then((r) => r.items);
}

/** A run change as `GET /api/events` streams it. */
export const runEventSchema = runSummary.extend({ steps: z.array(z.object({ nodeId: z.string(), status: z.string() })).default([]) });
export type RunEvent = z.infer<typeof runEventSchema>;

/**
 * Listens to run changes (server-sent events) and calls `onEvent` for each;
 * `onReady` runs on every (re)connection so callers can reload what they missed.
 */
export function watchRuns(filter: { flowId?: string; runId?: string }, onEvent: (event: RunEvent) => void, onReady?: () => void): () => void {
  const source = new EventSource(`/api/events${query(filter)}`, { withCredentials: true });
  source.addEventListener('run', (message) => {
    const parsed = runEventSchema.safeParse(safeJson(message.data));
    if (parsed.success) onEvent(parsed.data);
  });
  if (onReady) source.addEventListener('ready', () => onReady());
  return () => source.close();
}

function safeJson(text: unknown): unknown {
  try {
    return typeof text === 'string' ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

const failureGroup = z.looseObject({
  flowId: z.string(),
  signature: z.string(),
  count: z.number(),
  firstSeen: z.number(),
  lastSeen: z.number(),
  sample: z.looseObject({ runId: z.string(), message: z.string().nullish(), nodeId: z.string().nullish(), code: z.string().nullish() }),
});
export type FailureGroup = z.infer<typeof failureGroup>;

export function listFailures() {
  return request('GET', '/api/failures', z.looseObject({ items: z.array(failureGroup), total: z.number() }));
}

export function replayFailures(body: { signature?: string; flowId?: string; runIds?: string[] }) {
  return request('POST', '/api/failures/replay', z.looseObject({ id: z.string(), total: z.number() }), body);
}

const job = z.looseObject({ id: z.string(), total: z.number(), started: z.number(), skipped: z.number(), succeeded: z.number(), failed: z.number(), done: z.boolean() });
export type ReplayJob = z.infer<typeof job>;

export function getReplayJob(id: string) {
  return request('GET', `/api/failures/jobs/${encodeURIComponent(id)}`, job);
}

const counts = z.record(z.string(), z.number());
const dashboardSchema = z.looseObject({
  generatedAt: z.number(),
  since: z.number(),
  totals: z.looseObject({ runs: z.number(), failureRate: z.number(), failed: z.number(), succeeded: z.number(), waiting: z.number() }),
  hourly: z.array(z.object({ at: z.number(), counts })),
  daily: z.array(z.object({ at: z.number(), counts })),
  flows: z.array(z.object({ flowId: z.string(), runs: z.number(), finished: z.number(), failed: z.number(), failureRate: z.number(), p50Ms: z.number().nullable(), p95Ms: z.number().nullable() })),
  approvals: z.object({ pending: z.number(), oldestAgeMs: z.number().nullable(), items: z.array(z.object({ id: z.string(), runId: z.string(), flowId: z.string(), nodeId: z.string(), createdAt: z.number(), ageMs: z.number() })) }),
  retries: z.array(z.object({ flowId: z.string(), nodeId: z.string(), retries: z.number(), steps: z.number() })),
  odooErrors: z.array(z.object({ odooName: z.string(), count: z.number(), lastMessage: z.string(), lastAt: z.number() })),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export function getDashboard(days: number) {
  return request('GET', `/api/dashboard${query({ days, tzOffset: -new Date().getTimezoneOffset() })}`, dashboardSchema);
}
