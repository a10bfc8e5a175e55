import { envelopeOfFault, type FaultOutcome } from './fault-answers';
import type { FakeAnswer } from './envelopes';
import type { FakeState } from './fake-state';

/**
 * Runs one model call through fault injection: logs it, waits the latency,
 * then fails it, drops it, or performs it (and for `commit-then-drop`
 * performs it and drops the answer).
 */
export async function runModelCall(
  state: FakeState,
  protocol: 'jsonrpc' | 'json2',
  call: { model: string; method: string; args: unknown[]; kwargs: Record<string, unknown> },
  perform: () => FakeAnswer,
  fail: (outcome: FaultOutcome) => FakeAnswer,
): Promise<FakeAnswer | 'drop'> {
  const { kind, latencyMs } = state.faults.pick(call);
  state.callLog.push({ protocol, ...call, at: state.now(), ...(kind === undefined ? {} : { fault: kind }) });
  if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
  if (kind === undefined) return perform();
  if (kind === 'drop') return 'drop';
  if (kind === 'commit-then-drop') {
    perform();
    return 'drop';
  }
  return envelopeOfFault(kind, state.faults.settings.retryAfterSeconds ?? 1, fail);
}
