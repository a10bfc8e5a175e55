import type { RunRecord } from '@ledgerflow/engine';
import type { FlowDocument } from '@ledgerflow/flow';
import { escapeHtml, slackMessage, teamsMessage, type MailMessage } from '@ledgerflow/nodes';
import { z } from 'zod';

/** `settings.onFailure` of a flow: where its failed runs are reported. */
export const onFailureSchema = z
  .object({
    channel: z.enum(['email', 'slack', 'teams', 'webhook']),
    to: z.union([z.string().min(3).max(2000), z.array(z.string().min(3).max(320)).min(1).max(50)]).optional(),
    url: z.string().url().optional(),
    connection: z.string().max(100).optional(),
  })
  .strict()
  .refine((c) => (c.channel === 'email' ? c.to !== undefined : c.url !== undefined), { message: 'email needs "to"; slack, teams and webhook need "url"' });
export type OnFailure = z.infer<typeof onFailureSchema>;

export interface FailureAlertsOptions {
  sendMail?: (connection: string | undefined, message: MailMessage) => Promise<{ messageId: string }>;
  fetch: typeof fetch;
  links: { run(id: string): string };
  flow(id: string, version: number): Promise<{ document: FlowDocument } | undefined>;
  /** Failures within this window after the first go out as one digest. */
  windowMs: number;
  onError?: (error: unknown) => void;
}

interface Failure {
  runId: string;
  nodeId: string | null;
  error: string;
  at: number;
}

interface Digest {
  flowId: string;
  flowName: string;
  target: OnFailure;
  failures: Failure[];
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Tells people when runs of a flow fail for good. Failures are grouped per
 * flow and target for `windowMs` and sent as ONE digest, so a burst of 50
 * failures is one message, not 50. The pending digest lives in memory and is
 * flushed on a timer and on shutdown: a crash inside the window loses that
 * digest (the runs stay failed and visible in history).
 */
export class FailureAlerts {
  private readonly pending = new Map<string, Digest>();
  private readonly sending = new Set<Promise<void>>();

  constructor(private readonly options: FailureAlertsOptions) {}

  /** Hook for Runtime's onRunFinished. */
  runFinished(run: RunRecord): void {
    if (run.status !== 'failed') return;
    this.track(this.add(run));
  }

  /** Sends every pending digest now (shutdown, tests). */
  async flush(): Promise<void> {
    for (const key of [...this.pending.keys()]) this.track(this.send(key));
    await Promise.all([...this.sending]);
  }

  private async add(run: RunRecord): Promise<void> {
    const version = await this.options.flow(run.flowId, run.flowVersion);
    const parsed = onFailureSchema.safeParse(version?.document.settings?.onFailure);
    if (!version || !parsed.success) return;
    const target = parsed.data;
    const key = JSON.stringify([run.flowId, target]);
    const failure: Failure = { runId: run.id, nodeId: run.error?.nodeId ?? null, error: run.error?.message ?? 'failed', at: run.finishedAt ?? Date.now() };
    const digest = this.pending.get(key);
    if (digest) {
      digest.failures.push(failure);
      return;
    }
    const timer = setTimeout(() => this.track(this.send(key)), this.options.windowMs);
    this.pending.set(key, { flowId: run.flowId, flowName: version.document.name, target, failures: [failure], timer });
  }

  private async send(key: string): Promise<void> {
    const digest = this.pending.get(key);
    if (!digest) return;
    this.pending.delete(key);
    clearTimeout(digest.timer);
    const { target, failures, flowName, flowId } = digest;
    const subject = `[Ledgerflow] ${flowName}: ${failures.length} failed run${failures.length === 1 ? '' : 's'}`;
    const lines = failures.map((f) => `- run ${f.runId} failed at ${f.nodeId ?? 'the run'}: ${f.error} (${this.options.links.run(f.runId)})`);
    const text = [`${failures.length} run${failures.length === 1 ? '' : 's'} of flow "${flowName}" (${flowId}) failed:`, '', ...lines].join('\n');
    for (let attempt = 1; ; attempt++) {
      try {
        await this.deliver(target, subject, text, digest);
        return;
      } catch (error) {
        if (attempt >= 3) return this.options.onError?.(error);
        await new Promise((r) => setTimeout(r, attempt * 1000));
      }
    }
  }

  private async deliver(target: OnFailure, subject: string, text: string, digest: Digest): Promise<void> {
    if (target.channel === 'email') {
      if (!this.options.sendMail) throw new Error('mail is not configured');
      const to = Array.isArray(target.to) ? target.to : (target.to ?? '').split(',').map((t) => t.trim()).filter(Boolean);
      const rows = digest.failures
        .map((f) => `<tr><td><a href="${escapeHtml(this.options.links.run(f.runId))}">${escapeHtml(f.runId)}</a></td><td>${escapeHtml(f.nodeId ?? '')}</td><td>${escapeHtml(f.error)}</td></tr>`)
        .join('');
      const html = `<p>${digest.failures.length} run(s) of flow <b>${escapeHtml(digest.flowName)}</b> failed.</p><table><tr><th>Run</th><th>Node</th><th>Error</th></tr>${rows}</table>`;
      await this.options.sendMail(target.connection, { to, subject, text, html });
      return;
    }
    const body =
      target.channel === 'slack'
        ? slackMessage(subject, text)
        : target.channel === 'teams'
          ? teamsMessage(subject, text)
          : { event: 'runs.failed', flowId: digest.flowId, flowName: digest.flowName, runs: digest.failures.map((f) => ({ ...f, url: this.options.links.run(f.runId) })) };
    const response = await this.options.fetch(target.url ?? '', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${target.channel} answered HTTP ${response.status}`);
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error) => this.options.onError?.(error)).finally(() => this.sending.delete(tracked));
    this.sending.add(tracked);
  }
}
