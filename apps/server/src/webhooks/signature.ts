import { createHmac, timingSafeEqual } from 'node:crypto';

/** Signatures older (or further ahead) than this are refused, so a captured call cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export const SIGNATURE_HEADER = 'x-ledgerflow-signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, as a caller sends it. */
export function signHookBody(body: string | Buffer, secret: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${hmac(body, secret, unixSeconds)}`;
}

function hmac(body: string | Buffer, secret: string, unixSeconds: number): string {
  return createHmac('sha256', secret).update(`${unixSeconds}.`).update(body).digest('hex');
}

/**
 * Checks X-Ledgerflow-Signature over the raw body: timing-safe, within the
 * tolerance, any of several `v1` values (so a secret can be rotated).
 */
export function verifyHookSignature(header: string | undefined, body: Buffer, secret: string, nowSeconds: number): { ok: true } | { ok: false; reason: string } {
  if (!header) return { ok: false, reason: 'this webhook needs an X-Ledgerflow-Signature header (t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">)' };
  let t: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const [key, value = ''] = part.trim().split('=', 2);
    if (key === 't' && /^\d{1,12}$/.test(value)) t = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) candidates.push(value.toLowerCase());
  }
  if (t === undefined || candidates.length === 0) return { ok: false, reason: 'the X-Ledgerflow-Signature header must look like t=<unix seconds>,v1=<64 hex characters>' };
  if (Math.abs(nowSeconds - t) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: `the signature timestamp is more than ${SIGNATURE_TOLERANCE_SECONDS / 60} minutes from the server's clock; sign each call when you send it` };
  const expected = Buffer.from(hmac(body, secret, t), 'hex');
  const match = candidates.some((candidate) => timingSafeEqual(Buffer.from(candidate, 'hex'), expected));
  return match ? { ok: true } : { ok: false, reason: 'the signature does not match the body; check the secret and sign the exact bytes you send' };
}

/** Timing-safe string equality (for bearer tokens). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHmac('sha256', 'compare').update(given).digest();
  const b = createHmac('sha256', 'compare').update(expected).digest();
  return timingSafeEqual(a, b);
}
