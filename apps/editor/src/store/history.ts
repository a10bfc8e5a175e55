/** Undo/redo stacks of immutable snapshots. */
export interface History<T> {
  past: T[];
  future: T[];
  /** A key that lets consecutive edits of one field merge into one undo step. */
  lastKey?: string;
  lastAt?: number;
}

export const MAX_HISTORY = 100;
const MERGE_WINDOW_MS = 1500;

export function emptyHistory<T>(): History<T> {
  return { past: [], future: [] };
}

/**
 * Records `current` as an undo point before a change. Edits with the same
 * `key` within a short window (typing in one field) share one undo point.
 */
export function record<T>(history: History<T>, current: T, key?: string, now = Date.now()): History<T> {
  if (key !== undefined && key === history.lastKey && history.lastAt !== undefined && now - history.lastAt < MERGE_WINDOW_MS) {
    return { ...history, future: [], lastAt: now };
  }
  return { past: [...history.past, current].slice(-MAX_HISTORY), future: [], ...(key === undefined ? {} : { lastKey: key, lastAt: now }) };
}

/** Steps back: the snapshot to show and the new stacks, or undefined at the start. */
export function undo<T>(history: History<T>, current: T): { value: T; history: History<T> } | undefined {
  const value = history.past[history.past.length - 1];
  if (value === undefined) return undefined;
  return { value, history: { past: history.past.slice(0, -1), future: [current, ...history.future] } };
}

/** Steps forward again after an undo. */
export function redo<T>(history: History<T>, current: T): { value: T; history: History<T> } | undefined {
  const [value, ...rest] = history.future;
  if (value === undefined) return undefined;
  return { value, history: { past: [...history.past, current], future: rest } };
}
