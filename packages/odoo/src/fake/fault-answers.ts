import { htmlPage, type FakeAnswer } from './envelopes';
import type { FaultKind } from './faults';

/** A fault that needs a protocol-specific answer (an Odoo exception). */
export type FaultOutcome = 'serialization';

/** The answer for an injected fault: proxy pages for 5xx/429, an Odoo exception for `serialization`. */
export function envelopeOfFault(kind: Exclude<FaultKind, 'drop' | 'commit-then-drop'>, retryAfterSeconds: number, fail: (outcome: FaultOutcome) => FakeAnswer): FakeAnswer {
  switch (kind) {
    case 'serialization':
      return fail('serialization');
    case '429':
      return htmlPage(429, { 'Retry-After': String(retryAfterSeconds) });
    default:
      return htmlPage(Number(kind));
  }
}
