import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './login-limiter';

const limits = { perUser: 3, perAddress: 5, windowMs: 60_000 };

describe('LoginLimiter', () => {
  it('blocks a username after its failures, from any address, until the window ends', () => {
    const limiter = new LoginLimiter(limits);
    for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) limiter.failed('alice', address, 1000);
    expect(limiter.retryAfter('alice', '10.0.0.9', 2000)).toBe(59_000);
    expect(limiter.retryAfter('ALICE', '10.0.0.9', 2000)).toBe(59_000);
    expect(limiter.retryAfter('bob', '10.0.0.9', 2000)).toBe(0);
    expect(limiter.retryAfter('alice', '10.0.0.9', 61_000)).toBe(0);
  });

  it('blocks an address that tries many usernames', () => {
    const limiter = new LoginLimiter(limits);
    for (let i = 0; i < 5; i++) limiter.failed(`user${i}`, '10.0.0.1', 0);
    expect(limiter.retryAfter('someone-else', '10.0.0.1', 10)).toBeGreaterThan(0);
    expect(limiter.retryAfter('someone-else', '10.0.0.2', 10)).toBe(0);
  });

  it('a right password clears the user count but not the address count', () => {
    const limiter = new LoginLimiter(limits);
    for (let i = 0; i < 2; i++) limiter.failed('alice', '10.0.0.1', 0);
    limiter.succeeded('alice');
    limiter.failed('alice', '10.0.0.1', 0);
    limiter.failed('alice', '10.0.0.1', 0);
    expect(limiter.retryAfter('alice', '10.0.0.2', 1)).toBe(0);
    limiter.failed('mallory', '10.0.0.1', 0);
    expect(limiter.retryAfter('mallory', '10.0.0.1', 1)).toBeGreaterThan(0); // 5 failures from this address
  });
});
