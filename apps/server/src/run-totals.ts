import type { EngineStore, RunDetail } from '@ledgerflow/engine';
import type { FlowDocument } from '@ledgerflow/flow';
import type { Database } from '@ledgerflow/store';
import jsonata from 'jsonata';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { RunEvents } from './events';

/** One control total a flow declares under `settings.totals`. */
export const controlTotalSchema = z
  .object({
    name: z.string().min(1).max(100),
    node: z.string().min(1).max(100),
    of: z.enum(['input', 'output']).default('output'),
    expression: z.string().min(1).max(2000),
  })
  .strict();
export type ControlTotal = z.infer<typeof controlTotalSchema>;

/** A total's value: a number, or numbers by key (e.g. a sum by currency). */
export type TotalValue = number | Record<string, number>;

const totalValue = z.union([z.number().finite(), z.record(z.string(), z.number().finite())]);
const settingsTotals = z.object({ totals: z.array(controlTotalSchema).max(50).optional() }).loose();

export interface TotalsFilter {
  flowId?: string | undefined;
  status?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
}

/** The totals a flow declares; a malformed list declares none rather than failing runs. */
export function declaredTotals(flow: FlowDocument): ControlTotal[] {
  const parsed = settingsTotals.safeParse(flow.settings ?? {});
  return parsed.success ? (parsed.data.totals ?? []) : [];
}

/**
 * Evaluates each declared total over the data of its node: the node's input
 * or output, or the list of them when the node ran more than once. A total
 * whose node never ran, or whose expression fails or gives no number, is
 * left out rather than stored as zero.
 */
export async function computeTotals(flow: FlowDocument, detail: RunDetail): Promise<Record<string, TotalValue>> {
  const out: Record<string, TotalValue> = {};
  for (const total of declaredTotals(flow)) {
    const steps = detail.steps.filter((s) => s.nodeId === total.node && (total.of === 'input' ? !(s.status === 'cancelled' && s.attempts === 0) : s.status === 'succeeded'));
    if (steps.length === 0) continue;
    const data = steps.length === 1 ? steps[0]?.[total.of] : steps.map((s) => s[total.of]);
    try {
      const value = totalValue.safeParse(await jsonata(total.expression).evaluate(data));
      if (value.success) out[total.name] = value.data;
    } catch {
      /* a broken expression shows as a missing total, not a failed run */
    }
  }
  return out;
}

/**
 * Control totals of runs: computed once a run reaches a final status, stored
 * in `run_totals`, summed over a history filter for reconciliation.
 */
export class RunTotals {
  private readonly pending = new Map<string, Promise<void>>();

  constructor(private readonly db: Kysely<Database>, private readonly store: EngineStore, private readonly onError: (error: unknown, runId: string) => void = () => undefined) {}

  /** Computes totals for every run that finishes on `events`. */
  watch(events: RunEvents): void {
    events.subscribe((change) => {
      const status = change.kind === 'commit' ? change.commit.run?.status : change.kind === 'cancelled' ? 'cancelled' : undefined;
      if (status === 'succeeded' || status === 'failed' || status === 'cancelled') this.schedule(change.run.id);
    });
  }

  /** Computes and stores a run's totals in the background; `forRun` and `sum` wait for it. */
  schedule(runId: string): void {
    const job: Promise<void> = this.compute(runId)
      .then(() => undefined)
      .catch((error: unknown) => this.onError(error, runId))
      .finally(() => {
        if (this.pending.get(runId) === job) this.pending.delete(runId);
      });
    this.pending.set(runId, job);
  }

  /** Computes and stores a run's totals now (replacing earlier ones). */
  async compute(runId: string): Promise<Record<string, TotalValue>> {
    const detail = await this.store.loadRun(runId);
    if (!detail) return {};
    const flow = await this.store.flowVersion(detail.run.flowId, detail.run.flowVersion);
    if (!flow || declaredTotals(flow).length === 0) return {};
    const totals = await computeTotals(flow, detail);
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('run_totals').where('run_id', '=', runId).execute();
      const rows = Object.entries(totals).map(([name, value]) => ({ run_id: runId, name, value: JSON.stringify(value) }));
      if (rows.length > 0) await tx.insertInto('run_totals').values(rows).execute();
    });
    return totals;
  }

  /** A run's stored totals, once any computation in flight has finished. */
  async forRun(runId: string): Promise<Record<string, TotalValue>> {
    await this.pending.get(runId);
    const rows = await this.db.selectFrom('run_totals').select(['name', 'value']).where('run_id', '=', runId).orderBy('name').execute();
    return Object.fromEntries(rows.flatMap((r) => parseValue(r.name, r.value)));
  }

  /** Sums totals over the runs a filter selects (run creation time in [from, to)). */
  async sum(filter: TotalsFilter): Promise<{ runs: number; totals: Array<{ name: string; value: TotalValue; runs: number }> }> {
    await Promise.all(this.pending.values());
    let runs = this.db.selectFrom('runs').select((eb) => eb.fn.countAll<number>().as('n'));
    let rows = this.db.selectFrom('run_totals').innerJoin('runs', 'runs.id', 'run_totals.run_id').select(['run_totals.name', 'run_totals.value']);
    if (filter.flowId) {
      runs = runs.where('flow_id', '=', filter.flowId);
      rows = rows.where('runs.flow_id', '=', filter.flowId);
    }
    if (filter.status) {
      runs = runs.where('status', '=', filter.status);
      rows = rows.where('runs.status', '=', filter.status);
    }
    if (filter.from !== undefined) {
      runs = runs.where('created_at', '>=', filter.from);
      rows = rows.where('runs.created_at', '>=', filter.from);
    }
    if (filter.to !== undefined) {
      runs = runs.where('created_at', '<', filter.to);
      rows = rows.where('runs.created_at', '<', filter.to);
    }
    const [count, values] = await Promise.all([runs.executeTakeFirst(), rows.execute()]);
    const sums = new Map<string, { value: TotalValue; runs: number }>();
    for (const row of values) {
      for (const [name, value] of parseValue(row.name, row.value)) {
        const seen = sums.get(name);
        sums.set(name, { value: seen ? add(seen.value, value) : value, runs: (seen?.runs ?? 0) + 1 });
      }
    }
    const totals = [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, s]) => ({ name, value: tidy(s.value), runs: s.runs }));
    return { runs: Number(count?.n ?? 0), totals };
  }
}

function parseValue(name: string, text: string): Array<[string, TotalValue]> {
  const parsed = totalValue.safeParse(JSON.parse(text));
  return parsed.success ? [[name, parsed.data]] : [];
}

/** Adds two totals: numbers add, keyed totals add key by key (a plain number counts under key ""). */
function add(a: TotalValue, b: TotalValue): TotalValue {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  const out: Record<string, number> = typeof a === 'number' ? { '': a } : { ...a };
  for (const [key, value] of Object.entries(typeof b === 'number' ? { '': b } : b)) out[key] = (out[key] ?? 0) + value;
  return out;
}

// Binary floating point turns 0.1 + 0.2 into 0.30000000000000004; money needs at most 6 decimals.
function tidy(value: TotalValue): TotalValue {
  const round = (n: number) => Number(n.toFixed(6));
  return typeof value === 'number' ? round(value) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v)]));
}
