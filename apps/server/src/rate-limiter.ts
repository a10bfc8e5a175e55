export interface RateLimits {
  /** HTTP calls per second to this connection. */
  rps?: number;
  /** HTTP calls in flight at once. */
  concurrent?: number;
}

/**
 * Per-connection limits on HTTP calls, shared by every run in this process.
 * Calls are spaced out (a waiting call holds only a timer, for at most a
 * step's timeout), and a 429's Retry-After pauses the whole connection,
 * not just the step that got it.
 */
export function rateLimitedFetch(limits: RateLimits, inner: typeof fetch = fetch, now: () => number = Date.now): typeof fetch {
  const interval = limits.rps ? 1000 / limits.rps : 0;
  let nextSlot = 0;
  let pausedUntil = 0;
  let inFlight = 0;
  const waiting: Array<() => void> = [];
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  return async (input, init) => {
    if (limits.concurrent) {
      while (inFlight >= limits.concurrent) await new Promise<void>((resolve) => waiting.push(resolve));
    }
    inFlight += 1;
    try {
      // Reserve the next free slot before waiting, so concurrent callers queue in order.
      const slot = Math.max(now(), nextSlot, pausedUntil);
      nextSlot = slot + interval;
      if (slot > now()) await sleep(slot - now());
      const response = await inner(input, init);
      if (response.status === 429) {
        const seconds = Number(response.headers.get('retry-after'));
        if (Number.isFinite(seconds) && seconds > 0) pausedUntil = Math.max(pausedUntil, now() + seconds * 1000);
      }
      return response;
    } finally {
      inFlight -= 1;
      waiting.shift()?.();
    }
  };
}
