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
  let lastSent = 0;
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
      // Spacing is checked when the call really leaves: timers that fire late together
      // (a busy event loop) re-check and wait again instead of going out in a burst.
      for (;;) {
        const wait = Math.max(pausedUntil, lastSent + interval) - now();
        if (wait <= 0) break;
        await sleep(wait);
      }
      lastSent = now();
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
