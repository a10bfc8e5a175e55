import type { z } from 'zod';

/** A connection point of a node; `out`, `valid`, `approved`, … */
export interface PortSpec {
  name: string;
  title?: string;
  description?: string;
}

/** A JSON Schema fragment describing data a port emits, when it can be known. */
export type JsonShape = Record<string, unknown>;

/**
 * What the editor, the server and the CLI know about a node type without
 * running it. Kept free of Node and React APIs so the editor can bundle it.
 */
export interface NodeSpec<Config = unknown> {
  type: string;
  version: number;
  title: string;
  description: string;
  /** A short glyph for the palette and canvas. */
  icon: string;
  /** One zod schema, used alike by editor, server and CLI. */
  configSchema: z.ZodType<Config>;
  /** Input ports; a trigger has none. */
  inputs: PortSpec[];
  /** Output ports, possibly depending on the (parsed) config. */
  outputs(config: Config): PortSpec[];
  /** Names the type answered to before, so old flows keep working. */
  aliases?: string[];
  /** The shape of what the node emits on a port, when known. */
  outputShape?(config: Config, port: string): JsonShape | undefined;
  /** Extra design-time checks beyond the schema (e.g. JSONata syntax). */
  check?(config: Config): Array<{ path: string; message: string }>;
}

/** Finds a node type's spec by name or alias. */
export interface SpecResolver {
  get(type: string): NodeSpec | undefined;
  list(): NodeSpec[];
}

/** Builds a resolver over a list of specs, indexing aliases too. */
export function specResolver(specs: ReadonlyArray<NodeSpec>): SpecResolver {
  const byName = new Map<string, NodeSpec>();
  for (const spec of specs) {
    byName.set(spec.type, spec);
    for (const alias of spec.aliases ?? []) byName.set(alias, spec);
  }
  return { get: (type) => byName.get(type), list: () => [...specs] };
}
