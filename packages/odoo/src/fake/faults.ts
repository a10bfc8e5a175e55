import { seededRandom } from './seeded-random';

/** How a faulty call fails. `drop` loses the request; `commit-then-drop` loses only the answer. */
export type FaultKind = '503' | '502' | '504' | '429' | 'drop' | 'serialization' | 'commit-then-drop';

/** Every fault kind, for defaults and counters. */
export const FAULT_KINDS: readonly FaultKind[] = ['503', '502', '504', '429', 'drop', 'serialization', 'commit-then-drop'];

/** Random fault settings; applied to model calls only (not version/login). */
export interface FaultSettings {
  /** Delay before answering, in ms (use with the client's `timeoutMs` to test timeouts). */
  latencyMs?: number;
  /** Probability (0–1) that a call fails with one of `kinds`. */
  rate?: number;
  /** Kinds picked from at random. Default: every kind except `commit-then-drop`. */
  kinds?: readonly FaultKind[];
  /** `Retry-After` sent with 429. Default 1. */
  retryAfterSeconds?: number;
  /** Restrict latency and random faults to these methods (`create` or `account.move.create`). */
  onlyMethods?: readonly string[];
  /** Reseeds the random generator, for reproducible sequences. */
  seed?: number;
}

/** Counters of injected faults; `down` counts answers refused while the server is down. */
export type FaultStats = Record<FaultKind | 'down', number>;

/** Which model call a fault applies to. */
export interface CallTarget {
  model: string;
  method: string;
}

/** Decides, per call, whether to fail it and how. */
export interface FaultInjector {
  set(settings: FaultSettings): void;
  /** Forces the next `count` model calls (optionally only those matching) to fail with `kind`. */
  next(kind: FaultKind, count?: number, match?: Partial<CallTarget>): void;
  /** While down, every request (version and login included) answers 503. */
  down(isDown: boolean): void;
  clear(): void;
  readonly isDown: boolean;
  readonly settings: Readonly<FaultSettings>;
  readonly stats: Readonly<FaultStats>;
  /** Used by the server: the fault (if any) and delay for one model call; counts it. */
  pick(call: CallTarget): { kind: FaultKind | undefined; latencyMs: number };
  /** Used by the server: counts a refusal while down. */
  countDown(): void;
}

const RANDOM_DEFAULT_KINDS: readonly FaultKind[] = FAULT_KINDS.filter((kind) => kind !== 'commit-then-drop');

function emptyStats(): FaultStats {
  return { '503': 0, '502': 0, '504': 0, '429': 0, drop: 0, serialization: 0, 'commit-then-drop': 0, down: 0 };
}

/** A fault injector; `seed` makes the random faults deterministic. */
export function createFaultInjector(seed = 1): FaultInjector {
  let settings: FaultSettings = {};
  let random = seededRandom(seed);
  let queue: Array<{ kind: FaultKind; remaining: number; match: Partial<CallTarget> }> = [];
  let isDown = false;
  const stats = emptyStats();

  const matches = (call: CallTarget, only: readonly string[] | undefined) =>
    only === undefined || only.includes(call.method) || only.includes(`${call.model}.${call.method}`);

  return {
    set(next) {
      settings = { ...next };
      if (next.seed !== undefined) random = seededRandom(next.seed);
    },
    next(kind, count = 1, match = {}) {
      queue.push({ kind, remaining: count, match });
    },
    down(value) {
      isDown = value;
    },
    clear() {
      settings = {};
      queue = [];
      isDown = false;
      random = seededRandom(seed);
      Object.assign(stats, emptyStats());
    },
    get isDown() {
      return isDown;
    },
    get settings() {
      return settings;
    },
    get stats() {
      return stats;
    },
    pick(call) {
      const eligible = matches(call, settings.onlyMethods);
      const latencyMs = eligible ? settings.latencyMs ?? 0 : 0;
      const forced = queue.find((entry) => (entry.match.model ?? call.model) === call.model && (entry.match.method ?? call.method) === call.method);
      let kind: FaultKind | undefined;
      if (forced !== undefined) {
        kind = forced.kind;
        forced.remaining -= 1;
        if (forced.remaining <= 0) queue = queue.filter((entry) => entry !== forced);
      } else if (eligible && (settings.rate ?? 0) > 0 && random() < (settings.rate ?? 0)) {
        const kinds = settings.kinds !== undefined && settings.kinds.length > 0 ? settings.kinds : RANDOM_DEFAULT_KINDS;
        kind = kinds[Math.floor(random() * kinds.length)];
      }
      if (kind !== undefined) stats[kind] += 1;
      return { kind, latencyMs };
    },
    countDown() {
      stats.down += 1;
    },
  };
}
