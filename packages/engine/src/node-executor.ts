import type { NodeSpec } from '@ledgerflow/flow';
import type { RunTrigger } from './records';

/**
 * Services the apps give to nodes (Odoo clients, HTTP, mail). Empty here on
 * purpose: node packages add members by declaration merging, so the engine
 * stays free of I/O while nodes stay typed.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface NodeServices {}

/** What a node sees while it runs; all I/O goes through `services`. */
export interface NodeContext<Config> {
  config: Config;
  flowId: string;
  nodeId: string;
  runId: string;
  /** The first run of a replay chain: stable across replays. */
  rootRunId: string;
  /** 1 for the first try. */
  attempt: number;
  /** Default idempotency key for effects: stable across retries, crashes and replays. */
  idempotencyKey: string;
  trigger: RunTrigger;
  /** The run's own input, whatever node this is. */
  runInput: unknown;
  /** Set when a suspended step is woken (approval decision, timeout). */
  resume: unknown;
  /** Aborted when the step times out. */
  signal: AbortSignal;
  now(): number;
  /** Whether an edge leaves this node on `port`. */
  connected(port: string): boolean;
  log(message: string, fields?: Record<string, unknown>): void;
  services: NodeServices;
}

/** A node either emits data on a port or suspends until it is resumed. */
export type NodeResult =
  | { port?: string; data: unknown }
  | { suspend: { data: unknown; wakeAt?: number } };

/** A node type as the engine runs it: its spec plus `run`. */
export interface NodeExecutor<Config = unknown> extends NodeSpec<Config> {
  run(ctx: NodeContext<Config>, input: unknown): Promise<NodeResult>;
}

/** Finds executors by type name or alias. */
export interface NodeResolver {
  get(type: string): NodeExecutor | undefined;
}
