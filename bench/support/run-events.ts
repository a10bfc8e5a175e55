import { z } from 'zod';

const runEvent = z.object({ id: z.string(), status: z.string() });
const FINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** A run's end as a client of `GET /api/events` saw it. */
export interface RunEnd {
  status: string;
  /** `performance.now()` when the event arrived. */
  at: number;
}

/**
 * Follows `GET /api/events` (the stream the runs page uses) and tells when a
 * run ends, so latency is measured when the server announces the end rather
 * than at the next tick of a polling loop.
 */
export class RunEndWatcher {
  private readonly ended = new Map<string, RunEnd>();
  private readonly waiters = new Map<string, (end: RunEnd) => void>();
  private readonly controller = new AbortController();
  private reading: Promise<void> | undefined;

  private constructor() {}

  /** Opens the stream and waits for its `ready` event. */
  static async open(url: string, token: string, flowId: string): Promise<RunEndWatcher> {
    const watcher = new RunEndWatcher();
    const response = await fetch(`${url}/api/events?flowId=${encodeURIComponent(flowId)}`, { headers: { authorization: `Bearer ${token}` }, signal: watcher.controller.signal });
    if (!response.ok || !response.body) throw new Error(`GET /api/events: ${response.status}`);
    let ready: () => void = () => undefined;
    const isReady = new Promise<void>((resolve) => (ready = resolve));
    watcher.reading = watcher.read(response.body, ready).catch(() => undefined);
    await isReady;
    return watcher;
  }

  /** Resolves when the run ends (at once when it already has). */
  end(runId: string, timeoutMs = 60_000): Promise<RunEnd> {
    const known = this.ended.get(runId);
    if (known) {
      this.ended.delete(runId);
      return Promise.resolve(known);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(runId);
        reject(new Error(`run ${runId} did not end within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(runId, (end) => {
        clearTimeout(timer);
        resolve(end);
      });
    });
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.reading;
  }

  private async read(body: ReadableStream<Uint8Array>, ready: () => void): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      buffer += decoder.decode(chunk.value, { stream: true });
      for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        if (event === 'ready') ready();
        if (event !== 'run') continue;
        const data = /^data: (.*)$/m.exec(block)?.[1];
        const parsed = data === undefined ? undefined : runEvent.safeParse(JSON.parse(data));
        if (!parsed?.success || !FINAL.has(parsed.data.status)) continue;
        const end = { status: parsed.data.status, at: performance.now() };
        const waiter = this.waiters.get(parsed.data.id);
        if (waiter) {
          this.waiters.delete(parsed.data.id);
          waiter(end);
        } else {
          this.ended.set(parsed.data.id, end);
        }
      }
    }
  }
}
