import type { OdooClient } from '@ledgerflow/odoo';

/** What the server gives every node, typed here by declaration merging. */
declare module '@ledgerflow/engine' {
  interface NodeServices {
    /** An Odoo client for a named connection (throws a permanent error when unknown). */
    odoo(connection: string): Promise<OdooClient>;
    /** HTTP for notify and webhooks; tests pass their own. */
    fetch: typeof fetch;
    /** Sends an e-mail through a named SMTP connection (or the default one). */
    sendMail?(connection: string | undefined, message: MailMessage): Promise<{ messageId: string }>;
    /** Opens an approval for a waiting step; returns its id. Opening the same level twice returns the same id. */
    openApproval?(request: ApprovalRequest): Promise<string>;
    /** Closes the open approval of a step whose timeout passed; tells the node which level it was at. */
    approvalTimedOut?(ref: { runId: string; nodeId: string }): Promise<ApprovalTimeout | undefined>;
    /** A named secret from the server's environment (webhook signing keys); never from flow JSON. */
    secret?(name: string): string | undefined;
    /** Absolute links into the editor. */
    links: { run(id: string): string; approval(id: string): string };
  }
}

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: Array<{ filename: string; content: string; contentType: string }>;
}

/** Who may decide: a role, named users, or (resolved by the node) users from a JSONata expression. */
export interface ApproverSet {
  role?: string;
  users?: string[];
}

export interface ApprovalRequest {
  runId: string;
  nodeId: string;
  flowId: string;
  approvers: ApproverSet;
  message: string;
  data: unknown;
  /** 1-based level among the levels that apply to this data. */
  level: number;
  expiresAt: number | null;
  /** How many distinct approvers this level needs (default 1). */
  quorum?: number;
  /** How many levels apply in all. */
  levelCount?: number;
  /** True when this approval replaces a timed-out one (onTimeout: escalate). */
  escalated?: boolean;
  /** People who may not approve: the run's starter and the configured submitter. */
  submitters?: string[];
  /** Key fields shown in the inbox, label → value. */
  fields?: Record<string, unknown>;
  /** The amount shown in the inbox, when the data has one. */
  amount?: number | null;
  /** Extra mail recipients for the "approval needed" message. */
  notify?: { to?: string[]; connection?: string };
}

/** What a timed-out approval was: the node escalates or rejects from here. */
export interface ApprovalTimeout {
  approvalId: string;
  level: number;
  escalated: boolean;
  /** Set when a decision landed just before the timeout: the node honours it. */
  decided?: { decision: 'approve' | 'reject'; by: string; comment?: string };
}
