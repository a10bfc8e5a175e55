import { permanent, retryable, type NodeRunError } from '@ledgerflow/flow';

/** Classifies an HTTP answer: 429 and 5xx retryable (429 honours Retry-After), other 4xx permanent. */
export function httpError(status: number, body: string, target: string, retryAfter: string | null): NodeRunError {
  const message = `${target} answered HTTP ${status}: ${body.slice(0, 300)}`;
  if (status === 429 || status >= 500) {
    const seconds = retryAfter === null ? NaN : Number(retryAfter);
    return retryable('http_error', message, { details: { status }, ...(Number.isFinite(seconds) ? { retryAfterMs: seconds * 1000 } : {}) });
  }
  return permanent('http_error', message, { details: { status } });
}

/** A network failure (refused, reset, DNS, timeout) is worth retrying. */
export function networkError(error: unknown, target: string): NodeRunError {
  return retryable('network_error', `${target} could not be reached: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
