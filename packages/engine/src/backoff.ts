import type { RetryPolicy } from '@ledgerflow/flow';

/**
 * Delay before attempt `failedAttempts + 1`. Exponential backoff doubles from
 * `initialDelayMs`; jitter picks uniformly in [delay/2, delay] so a burst of
 * failures does not retry in lockstep.
 */
export function retryDelay(policy: RetryPolicy, failedAttempts: number, random: () => number = Math.random): number {
  const base = policy.backoff === 'fixed' ? policy.initialDelayMs : policy.initialDelayMs * 2 ** Math.max(0, failedAttempts - 1);
  const capped = Math.min(base, policy.maxDelayMs);
  return policy.jitter ? Math.round(capped / 2 + random() * (capped / 2)) : capped;
}
