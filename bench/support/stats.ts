/** A figure measured several times: the median, with the smallest and largest sample. */
export interface Figure {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

/** The q-quantile (0–1) of `values` by nearest rank; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Median, min and max of the samples. */
export function figure(samples: readonly number[]): Figure {
  return { median: quantile(samples, 0.5), min: Math.min(...samples), max: Math.max(...samples), samples: [...samples] };
}

/**
 * Runs `measure` `times` times and turns each named number it returns into a
 * figure, so one repetition yields several related figures (throughput, p50, p99).
 */
export async function repeat<K extends string>(times: number, measure: (round: number) => Promise<Record<K, number>>): Promise<Record<K, Figure>> {
  const rounds: Array<Record<K, number>> = [];
  for (let round = 0; round < times; round += 1) rounds.push(await measure(round));
  const first = rounds[0];
  if (!first) throw new Error('repeat needs at least one round');
  const keys = Object.keys(first) as K[];
  return Object.fromEntries(keys.map((key) => [key, figure(rounds.map((r) => r[key]))])) as Record<K, Figure>;
}

/** Runs `task` for `count` items with at most `concurrency` at once; returns each item's duration in ms and the wall time. */
export async function pool(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<{ durations: number[]; wallMs: number }> {
  const durations: number[] = new Array<number>(count);
  let next = 0;
  const began = performance.now();
  const lane = async () => {
    for (let i = next++; i < count; i = next++) {
      const t = performance.now();
      await task(i);
      durations[i] = performance.now() - t;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return { durations, wallMs: performance.now() - began };
}
