import { OdooErrorNames } from './errors';

/**
 * Exceptions worth retrying: the server already retried these concurrency
 * failures five times, so they are transient by nature, not bad data.
 */
const RETRYABLE_NAMES: ReadonlySet<string> = new Set([
  OdooErrorNames.serializationFailure,
  OdooErrorNames.lockNotAvailable,
  OdooErrorNames.deadlockDetected,
  'psycopg2.extensions.TransactionRollbackError',
  'psycopg2.errors.TransactionRollback',
  'psycopg2.InterfaceError',
  OdooErrorNames.operationalError,
  OdooErrorNames.lockError,
  OdooErrorNames.concurrencyError,
]);

/** Whether an Odoo exception (by class path and message) may succeed when retried. */
export function isRetryableOdooException(name: string, message: string): boolean {
  // A missing database is a configuration error, though psycopg2 raises it as OperationalError.
  if (name === OdooErrorNames.operationalError && /does not exist/.test(message)) return false;
  return RETRYABLE_NAMES.has(name);
}

/** Whether an HTTP status without a usable Odoo exception is worth retrying. */
export function isRetryableHttpStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

/** Parses `Retry-After` (delta seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
