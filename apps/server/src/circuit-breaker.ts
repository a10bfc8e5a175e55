import { deferred, NodeRunError } from '@ledgerflow/flow';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive retryable failures that open the circuit. */
  threshold: number;
  /** How long an open circuit refuses calls before one probe may test it. */
  coolDownMs: number;
  now?: () => number;
}

export interface BreakerView {
  state: CircuitState;
  since: number | null;
  consecutiveFailures: number;
  lastError: string | null;
}

/**
 * A circuit breaker for one connection. While open, calls are not made: they
 * fail as *deferred*, so the step waits (persisted) without spending a retry.
 * After the cool-down exactly one probe goes through; its outcome closes or
 * re-opens the circuit.
 */
export class CircuitBreaker {
  private state: CircuitState = 'closed';
  private since: number | null = null;
  private failures = 0;
  private lastError: string | null = null;
  private probing = false;
  private readonly now: () => number;

  constructor(private readonly name: string, private readonly options: BreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  view(): BreakerView {
    return { state: this.state, since: this.since, consecutiveFailures: this.failures, lastError: this.lastError };
  }

  /** Closes the circuit by hand (an operator knows the other side is back). */
  reset(): void {
    this.state = 'closed';
    this.since = null;
    this.failures = 0;
    this.probing = false;
  }

  async call<T>(fn: () => Promise<T>): Promise<T> {
    const now = this.now();
    let probe = false;
    if (this.state !== 'closed') {
      const openUntil = (this.since ?? now) + this.options.coolDownMs;
      if (now < openUntil || this.probing) {
        const wait = Math.max(250, openUntil - now) + Math.round(Math.random() * 250);
        throw deferred('circuit_open', `connection "${this.name}" is paused after ${this.failures} failures in a row (last: ${this.lastError ?? 'unknown'}); trying again in ${Math.ceil(wait / 1000)} s`, wait, { connection: this.name });
      }
      this.state = 'half-open';
      this.probing = probe = true;
    }
    try {
      const result = await fn();
      this.failures = 0;
      this.state = 'closed';
      this.since = null;
      return result;
    } catch (error) {
      if (error instanceof NodeRunError && error.retryable && !error.deferred) {
        this.failures += 1;
        this.lastError = error.message.slice(0, 300);
        if (probe || this.failures >= this.options.threshold) {
          this.state = 'open';
          this.since = this.now();
        }
      } else if (probe) {
        // A permanent answer still proves the other side is up.
        this.failures = 0;
        this.state = 'closed';
        this.since = null;
      }
      throw error;
    } finally {
      if (probe) this.probing = false;
    }
  }
}
