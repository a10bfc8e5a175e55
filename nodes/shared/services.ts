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
    /** Opens an approval for a waiting step; returns its id. */
    openApproval?(request: ApprovalRequest): Promise<string>;
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

export interface ApprovalRequest {
  runId: string;
  nodeId: string;
  flowId: string;
  approvers: { role?: string; users?: string[] };
  message: string;
  data: unknown;
  level: number;
  expiresAt: number | null;
}
