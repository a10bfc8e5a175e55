import { describe, expect, it } from 'vitest';
import { signHookBody, verifyHookSignature } from './signature';

const body = Buffer.from('{"amount":10}');
const now = 1_780_000_000;

describe('webhook signatures', () => {
  it('accepts a fresh signature of the exact body, also among several v1 values', () => {
    expect(verifyHookSignature(signHookBody(body, 's3cret', now - 10), body, 's3cret', now)).toEqual({ ok: true });
    const rotated = `${signHookBody(body, 's3cret', now)},v1=${'0'.repeat(64)}`;
    expect(verifyHookSignature(rotated, body, 's3cret', now).ok).toBe(true);
  });

  it('refuses a wrong secret, a changed body, a missing header and an old timestamp', () => {
    expect(verifyHookSignature(signHookBody(body, 'other', now), body, 's3cret', now)).toMatchObject({ ok: false, reason: expect.stringMatching(/does not match/) });
    expect(verifyHookSignature(signHookBody(body, 's3cret', now), Buffer.from('{"amount":1000}'), 's3cret', now).ok).toBe(false);
    expect(verifyHookSignature(undefined, body, 's3cret', now)).toMatchObject({ ok: false, reason: expect.stringMatching(/needs an X-Ledgerflow-Signature/) });
    expect(verifyHookSignature('sha256=abc', body, 's3cret', now)).toMatchObject({ ok: false, reason: expect.stringMatching(/must look like/) });
    expect(verifyHookSignature(signHookBody(body, 's3cret', now - 301), body, 's3cret', now)).toMatchObject({ ok: false, reason: expect.stringMatching(/more than 5 minutes/) });
  });
});
