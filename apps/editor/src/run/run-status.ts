import type { ErrorRecordView, RunView, StepView } from '../api/schemas';

export type StepStatus = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled' | 'skipped' | string;

export const STATUS_LABEL: Readonly<Record<string, string>> = {
  queued: 'Queued',
  ready: 'Ready',
  running: 'Running',
  waiting: 'Waiting',
  retrying: 'Retrying',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  skipped: 'Skipped',
};

/** The step to show on each node: the latest one when a node ran for several branches. */
export function stepsByNode(run: RunView | null): Map<string, StepView> {
  const out = new Map<string, StepView>();
  for (const step of run?.steps ?? []) out.set(step.nodeId, step);
  return out;
}

/** Milliseconds between two timestamps (ISO text or epoch ms), if both are known. */
export function durationMs(start: unknown, end: unknown): number | undefined {
  const a = toMs(start);
  const b = toMs(end);
  return a === undefined || b === undefined ? undefined : Math.max(0, b - a);
}

/** "42 ms", "1.3 s", "2 min 5 s". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Odoo's own message, when the failure came from Odoo. */
export function odooMessage(error: ErrorRecordView | null | undefined): string | undefined {
  const value = error?.details?.odooMessage;
  return typeof value === 'string' ? value : undefined;
}

/** A readable time, e.g. "5 Mar, 14:02". */
export function formatTime(value: unknown): string {
  const ms = toMs(value);
  if (ms === undefined) return '';
  return new Date(ms).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

function toMs(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}
