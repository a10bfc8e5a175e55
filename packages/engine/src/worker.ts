import type { Engine } from './engine';

export interface WorkerOptions {
  /** How many runs this process advances at once. */
  concurrency?: number;
  /** How often to look for due runs when nothing woke the worker. */
  pollMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Keeps `concurrency` loops claiming due runs. `wake()` cuts the poll short
 * when the process itself just queued or resumed a run.
 */
export class Worker {
  private running = false;
  private loops: Promise<void>[] = [];
  private wakers: Array<() => void> = [];

  constructor(private readonly engine: Engine, private readonly options: WorkerOptions = {}) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    const n = this.options.concurrency ?? 4;
    for (let i = 0; i < n; i++) this.loops.push(this.loop());
  }

  wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const wake of wakers) wake();
  }

  /** Stops claiming new runs and waits for the current ones to be released. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await Promise.all(this.loops);
    this.loops = [];
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let advanced = 0;
      try {
        advanced = await this.engine.tick(1);
      } catch (error) {
        this.options.onError?.(error);
      }
      if (advanced === 0 && this.running) await this.sleep(this.options.pollMs ?? 250);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakers.push(done);
    });
  }
}
