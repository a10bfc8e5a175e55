/** The one error family shared by every Ledgerflow package. */

export interface ErrorDetails {
  [key: string]: unknown;
}

/** Base of every error Ledgerflow raises on purpose: it has a stable `code`. */
export class LedgerflowError extends Error {
  readonly code: string;
  readonly details: ErrorDetails | undefined;

  constructor(code: string, message: string, options: { cause?: unknown; details?: ErrorDetails } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details;
  }
}

/** A problem in a flow document or a node's configuration: never retried. */
export class ConfigError extends LedgerflowError {
  readonly issues: ReadonlyArray<{ path: string; message: string }>;

  constructor(message: string, issues: ReadonlyArray<{ path: string; message: string }> = [], options: { cause?: unknown } = {}) {
    super('config_error', message, { ...options, details: { issues } });
    this.issues = issues;
  }
}

/**
 * A node failed while running. `retryable` tells the engine whether the
 * node's retry policy applies; a permanent error fails the step at once.
 */
export class NodeRunError extends LedgerflowError {
  readonly retryable: boolean;
  /** Milliseconds the caller asked us to wait (e.g. HTTP Retry-After), if any. */
  readonly retryAfterMs: number | undefined;
  /**
   * The call was not made at all (an open circuit breaker, a rate limit):
   * the step waits and tries again without using up its retry budget.
   */
  readonly deferred: boolean;

  constructor(
    code: string,
    message: string,
    options: { retryable: boolean; cause?: unknown; details?: ErrorDetails; retryAfterMs?: number; deferred?: boolean },
  ) {
    super(code, message, options);
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.deferred = options.deferred ?? false;
  }
}

/** Shorthand for an error worth retrying (network, timeout, 429/5xx). */
export function retryable(code: string, message: string, options: { cause?: unknown; details?: ErrorDetails; retryAfterMs?: number } = {}): NodeRunError {
  return new NodeRunError(code, message, { ...options, retryable: true });
}

/** A call held back before it reached the other side; the step waits `retryAfterMs` without spending an attempt. */
export function deferred(code: string, message: string, retryAfterMs: number, details?: ErrorDetails): NodeRunError {
  return new NodeRunError(code, message, { retryable: true, deferred: true, retryAfterMs, ...(details ? { details } : {}) });
}

/** Shorthand for an error that retrying cannot fix (bad data, access denied). */
export function permanent(code: string, message: string, options: { cause?: unknown; details?: ErrorDetails } = {}): NodeRunError {
  return new NodeRunError(code, message, { ...options, retryable: false });
}

/** The serialisable form of an error, as stored in run logs and sent by the API. */
export interface ErrorRecord {
  class: string;
  code: string;
  message: string;
  retryable: boolean;
  details?: ErrorDetails;
}

/** Turns anything thrown into an ErrorRecord; unknown errors count as retryable. */
export function toErrorRecord(error: unknown): ErrorRecord {
  if (error instanceof NodeRunError) {
    return withDetails({ class: error.name, code: error.code, message: error.message, retryable: error.retryable }, error.details);
  }
  if (error instanceof LedgerflowError) {
    return withDetails({ class: error.name, code: error.code, message: error.message, retryable: false }, error.details);
  }
  if (error instanceof Error) {
    return { class: error.name, code: 'internal_error', message: error.message, retryable: true };
  }
  return { class: 'Error', code: 'internal_error', message: String(error), retryable: true };
}

function withDetails(record: ErrorRecord, details: ErrorDetails | undefined): ErrorRecord {
  return details === undefined ? record : { ...record, details };
}
