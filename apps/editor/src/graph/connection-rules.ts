import type { FlowDocument, SpecResolver } from '@ledgerflow/flow';
import { outputPorts } from './node-ports';
import { outputKind, refusesKind } from './port-types';

/** A connection being drawn: from a node's output port to a node's input port. */
export interface ConnectionAttempt {
  source: string | null;
  sourceHandle?: string | null;
  target: string | null;
  targetHandle?: string | null;
}

export type ConnectionVerdict = { ok: true } | { ok: false; reason: string };

/**
 * The one rule for connections, shared by the canvas (live feedback while
 * dragging) and the store (refusing with a reason). Pure: no React, no I/O.
 */
export function isValidConnection(flow: FlowDocument, specs: SpecResolver, attempt: ConnectionAttempt): ConnectionVerdict {
  const source = flow.nodes.find((n) => n.id === attempt.source);
  const target = flow.nodes.find((n) => n.id === attempt.target);
  if (!source) return refuse(`there is no node "${attempt.source ?? ''}" to connect from`);
  if (!target) return refuse(`there is no node "${attempt.target ?? ''}" to connect to`);
  if (source.id === target.id) return refuse('a node cannot feed its own input');

  const targetSpec = specs.get(target.type);
  if (targetSpec && targetSpec.inputs.length === 0) return refuse(`"${target.id}" is a trigger: it starts the flow and takes no input`);

  const port = attempt.sourceHandle ?? 'out';
  const ports = outputPorts(source, specs.get(source.type)).map((p) => p.name);
  if (!ports.includes(port)) return refuse(`"${source.id}" has no output port "${port}" (it has ${ports.join(', ')})`);

  const inputs = targetSpec?.inputs.map((p) => p.name) ?? ['in'];
  const inPort = attempt.targetHandle ?? inputs[0] ?? 'in';
  if (!inputs.includes(inPort)) return refuse(`"${target.id}" has no input port "${inPort}" (it has ${inputs.join(', ')})`);

  const kind = outputKind(source.type, port);
  const misfit = refusesKind(target.type, target.config, kind);
  if (misfit) return refuse(`cannot connect ${describePort(source.id, port)} to "${target.id}": ${misfit}`);

  if (flow.edges.some((e) => e.from === source.id && (e.port ?? 'out') === port && e.to === target.id)) {
    return refuse(`${describePort(source.id, port)} is already connected to "${target.id}"`);
  }
  const loop = pathBetween(flow, target.id, source.id);
  if (loop) return refuse(`this would make a loop (${[...loop, target.id].join(' → ')}); flows run forward only`);
  return { ok: true };
}

function refuse(reason: string): ConnectionVerdict {
  return { ok: false, reason: reason.charAt(0).toUpperCase() + reason.slice(1) };
}

function describePort(nodeId: string, port: string): string {
  return port === 'out' ? `"${nodeId}"` : `"${nodeId}" (${port})`;
}

/** A path of node ids from `from` to `to` along existing edges, if any. */
function pathBetween(flow: FlowDocument, from: string, to: string): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const edge of flow.edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  const parent = new Map<string, string>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const id = queue.shift() ?? '';
    if (id === to) {
      const path = [id];
      let at = id;
      while (parent.has(at)) {
        at = parent.get(at) ?? '';
        path.unshift(at);
      }
      return path;
    }
    for (const n of next.get(id) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        parent.set(n, id);
        queue.push(n);
      }
    }
  }
  return undefined;
}
