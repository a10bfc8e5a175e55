import type { FlowNode, NodeSpec, PortSpec, SpecResolver } from '@ledgerflow/flow';

/** The output ports of a node; a config that does not parse yet falls back to the type's default ports. */
export function outputPorts(node: FlowNode, spec: NodeSpec | undefined): PortSpec[] {
  if (!spec) return [{ name: 'out' }];
  const parsed = spec.configSchema.safeParse(node.config);
  if (parsed.success) return spec.outputs(parsed.data);
  try {
    // The built-in types' ports do not depend on config; this keeps handles on a half-filled node.
    return spec.outputs(node.config);
  } catch {
    return [{ name: 'out' }];
  }
}

/** Input ports of a node: none for a trigger. */
export function inputPorts(node: FlowNode, specs: SpecResolver): PortSpec[] {
  return specs.get(node.type)?.inputs ?? [{ name: 'in' }];
}
