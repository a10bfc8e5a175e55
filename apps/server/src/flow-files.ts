import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateFlow, type Issue } from '@ledgerflow/flow';
import { specs } from '@ledgerflow/nodes';
import type { FlowRepository } from '@ledgerflow/store';

/**
 * Flows as files, for git: one `<id>.json` per flow, keys in a stable order
 * and two-space indentation, so a pull request shows a readable diff. Flows
 * name connections; secrets never appear in them.
 */
export async function exportFlows(flows: FlowRepository, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const summary of await flows.list()) {
    const version = await flows.get(summary.id);
    if (!version) continue;
    const file = join(dir, `${summary.id}.json`);
    writeFileSync(file, `${stableJson(version.document)}\n`);
    written.push(file);
  }
  return written;
}

/** Loads every flow file in `dir` as a new version (unchanged files add none). */
export async function importFlows(flows: FlowRepository, dir: string, by: string, now: number): Promise<Array<{ file: string; id?: string; version?: number; changed?: boolean; issues: Issue[] }>> {
  const results = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = join(dir, name);
    let document: unknown;
    try {
      document = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      results.push({ file, issues: [{ path: '', message: `not JSON: ${error instanceof Error ? error.message : String(error)}` }] });
      continue;
    }
    const check = validateFlow(document, specs);
    if (!check.flow) {
      results.push({ file, issues: check.issues });
      continue;
    }
    const saved = await flows.save(check.flow, by, now);
    results.push({ file, id: check.flow.id, version: saved.version, changed: saved.changed, issues: check.issues });
  }
  return results;
}

/** The order a person reads a flow in: what it is, then nodes, then edges. */
const KEY_ORDER = ['schema', 'id', 'name', 'description', 'settings', 'nodes', 'edges', 'notes', 'type', 'config', 'retry', 'ui', 'from', 'port', 'to'];

function stableJson(value: unknown): string {
  const order = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(order);
    if (typeof v !== 'object' || v === null) return v;
    const rank = (k: string) => (KEY_ORDER.includes(k) ? KEY_ORDER.indexOf(k) : KEY_ORDER.length);
    const entries = Object.entries(v).sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, child]) => [k, order(child)]));
  };
  return JSON.stringify(order(value), null, 2);
}
