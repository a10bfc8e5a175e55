/** Limits on failed logins; both apply, each in its own fixed window. */
export interface LoginLimits {
  /** Failures allowed per username in a window, from any address. */
  perUser: number;
  /** Failures allowed per client address in a window, for any usernames. */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perUser: 10, perAddress: 50, windowMs: 15 * 60_000 };

interface Window {
  failures: number;
  since: number;
}

/**
 * Counts failed logins per user and per address. A user key stops password
 * guessing from many addresses; an address key stops one client trying many
 * usernames. A blocked attempt is refused before the password is checked.
 */
export class LoginLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {}

  /** Milliseconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfter(username: string, address: string, now: number): number {
    const user = this.open(userKey(username), now);
    const from = this.open(addressKey(address), now);
    const waits = [
      user && user.failures >= this.limits.perUser ? user.since + this.limits.windowMs - now : 0,
      from && from.failures >= this.limits.perAddress ? from.since + this.limits.windowMs - now : 0,
    ];
    return Math.max(0, ...waits);
  }

  failed(username: string, address: string, now: number): void {
    for (const key of [userKey(username), addressKey(address)]) {
      const window = this.open(key, now);
      this.windows.set(key, window ? { failures: window.failures + 1, since: window.since } : { failures: 1, since: now });
    }
    if (this.windows.size > 10_000) this.sweep(now);
  }

  /** A right password clears the user's count; the address keeps its count so one good account cannot reset it. */
  succeeded(username: string): void {
    this.windows.delete(userKey(username));
  }

  private open(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    return window && now - window.since < this.limits.windowMs ? window : undefined;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (now - window.since >= this.limits.windowMs) this.windows.delete(key);
  }
}

const userKey = (username: string) => `u:${username.toLowerCase()}`;
const addressKey = (address: string) => `a:${address}`;
