import { flowDocumentSchema, type FlowDocument } from './document';
import { zodIssues, type Issue } from './issues';
import { migrateFlow } from './migrate';
import type { SpecResolver } from './node-spec';

/** The result of checking a flow: every problem at once, never just the first. */
export interface FlowCheck {
  ok: boolean;
  issues: Issue[];
  /** The parsed (and migrated) document, when its shape was valid. */
  flow?: FlowDocument;
}

/**
 * Checks a flow document: its shape, each node's config against its type's
 * schema, edges, ports, cycles, triggers and reachability.
 */
export function validateFlow(input: unknown, specs: SpecResolver): FlowCheck {
  const parsed = flowDocumentSchema.safeParse(migrateFlow(input));
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const flow = parsed.data;
  const issues = checkGraph(flow, specs);
  return { ok: issues.length === 0, issues, flow };
}

/** The graph checks alone, on an already parsed document. */
export function checkGraph(flow: FlowDocument, specs: SpecResolver): Issue[] {
  const issues: Issue[] = [];
  const index = new Map<string, number>();
  const outPorts = new Map<string, Set<string>>();
  const triggers: string[] = [];

  flow.nodes.forEach((node, i) => {
    const where = `nodes.${i}`;
    if (index.has(node.id)) issues.push({ path: `${where}.id`, message: `node id "${node.id}" is used twice` });
    index.set(node.id, i);
    const spec = specs.get(node.type);
    if (!spec) {
      const known = specs.list().map((s) => s.type).join(', ');
      issues.push({ path: `${where}.type`, message: `node "${node.id}" has unknown type "${node.type}" (known types: ${known})` });
      return;
    }
    if (spec.inputs.length === 0) triggers.push(node.id);
    const config = spec.configSchema.safeParse(node.config);
    if (!config.success) {
      for (const issue of zodIssues(config.error, ['nodes', i, 'config'])) {
        issues.push({ path: issue.path, message: `node "${node.id}": ${issue.message}` });
      }
      return; // ports depend on a valid config; the config issue is reported already
    }
    outPorts.set(node.id, new Set(spec.outputs(config.data).map((p) => p.name)));
    for (const problem of spec.check?.(config.data) ?? []) {
      issues.push({ path: `${where}.config.${problem.path}`, message: `node "${node.id}": ${problem.message}` });
    }
  });

  if (triggers.length === 0) issues.push({ path: 'nodes', message: 'the flow has no trigger node; add one trigger to start it' });
  if (triggers.length > 1) issues.push({ path: 'nodes', message: `the flow has ${triggers.length} triggers (${triggers.join(', ')}); keep exactly one` });

  const successors = new Map<string, string[]>();
  flow.edges.forEach((edge, i) => {
    const where = `edges.${i}`;
    const fromIndex = index.get(edge.from);
    const toIndex = index.get(edge.to);
    if (fromIndex === undefined) issues.push({ path: `${where}.from`, message: `edge ${edge.from} → ${edge.to} starts at missing node "${edge.from}"` });
    if (toIndex === undefined) issues.push({ path: `${where}.to`, message: `edge ${edge.from} → ${edge.to} ends at missing node "${edge.to}"` });
    if (fromIndex === undefined || toIndex === undefined) return;
    const ports = outPorts.get(edge.from);
    const port = edge.port ?? 'out';
    if (ports && !ports.has(port)) {
      issues.push({ path: `${where}.port`, message: `node "${edge.from}" has no output port "${port}" (ports: ${[...ports].join(', ')})` });
    }
    const target = flow.nodes[toIndex];
    const targetSpec = target ? specs.get(target.type) : undefined;
    if (targetSpec && targetSpec.inputs.length === 0) {
      issues.push({ path: `${where}.to`, message: `node "${edge.to}" is a trigger and takes no input` });
    }
    successors.set(edge.from, [...(successors.get(edge.from) ?? []), edge.to]);
  });

  const cycle = findCycle(flow.nodes.map((n) => n.id), successors);
  if (cycle) issues.push({ path: 'edges', message: `the flow has a cycle: ${cycle.join(' → ')}` });

  if (triggers.length === 1 && triggers[0] !== undefined) {
    const reached = reachableFrom(triggers[0], successors);
    flow.nodes.forEach((node, i) => {
      if (!reached.has(node.id)) issues.push({ path: `nodes.${i}`, message: `node "${node.id}" cannot be reached from the trigger` });
    });
  }
  return issues;
}

/** Every node id reachable from `start` (including it). */
export function reachableFrom(start: string, successors: ReadonlyMap<string, string[]>): Set<string> {
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop();
    for (const next of (id === undefined ? [] : successors.get(id)) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

function findCycle(ids: string[], successors: ReadonlyMap<string, string[]>): string[] | undefined {
  const state = new Map<string, 'active' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'active') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'active');
    path.push(id);
    for (const next of successors.get(id) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of ids) {
    const found = visit(id);
    if (found) return found;
  }
  return undefined;
}
