import { NodeRunError } from '@ledgerflow/flow';

/** What is known about a failed Odoo call. */
export interface OdooErrorInit {
  /** Odoo's exception class path (`odoo.exceptions.ValidationError`), or a `ledgerflow.*` name for transport failures. */
  odooName: string;
  odooMessage: string;
  model?: string;
  method?: string;
  httpStatus?: number;
  retryable: boolean;
  retryAfterMs?: number;
  cause?: unknown;
  /** Replaces the default "Odoo refused m.x: …" wording, for failures where Odoo never answered. */
  message?: string;
}

/** Names the call for messages: `account.move.create`, or just `authenticate` for the common service. */
export function callLabel(model: string | undefined, method: string | undefined): string {
  if (model === undefined) return method ?? 'call';
  return method === undefined ? model : `${model}.${method}`;
}

/**
 * An Odoo API failure, classified retryable or permanent. `details` carries
 * Odoo's exception name and message so run logs show them.
 */
export class OdooError extends NodeRunError {
  readonly odooName: string;
  readonly odooMessage: string;
  readonly model: string | undefined;
  readonly method: string | undefined;
  readonly httpStatus: number | undefined;

  constructor(init: OdooErrorInit) {
    const details: Record<string, unknown> = { odooName: init.odooName, odooMessage: init.odooMessage };
    if (init.model !== undefined) details.model = init.model;
    if (init.method !== undefined) details.method = init.method;
    if (init.httpStatus !== undefined) details.httpStatus = init.httpStatus;
    super('odoo_error', init.message ?? `Odoo refused ${callLabel(init.model, init.method)}: ${init.odooMessage}`, {
      retryable: init.retryable,
      cause: init.cause,
      details,
      retryAfterMs: init.retryAfterMs,
    });
    this.odooName = init.odooName;
    this.odooMessage = init.odooMessage;
    this.model = init.model;
    this.method = init.method;
    this.httpStatus = init.httpStatus;
  }
}

/** Odoo exception names seen on the wire, for comparisons without typos. */
export const OdooErrorNames = {
  accessDenied: 'odoo.exceptions.AccessDenied',
  accessError: 'odoo.exceptions.AccessError',
  userError: 'odoo.exceptions.UserError',
  validationError: 'odoo.exceptions.ValidationError',
  missingError: 'odoo.exceptions.MissingError',
  redirectWarning: 'odoo.exceptions.RedirectWarning',
  lockError: 'odoo.exceptions.LockError',
  concurrencyError: 'odoo.exceptions.ConcurrencyError',
  serializationFailure: 'psycopg2.errors.SerializationFailure',
  lockNotAvailable: 'psycopg2.errors.LockNotAvailable',
  deadlockDetected: 'psycopg2.errors.DeadlockDetected',
  operationalError: 'psycopg2.OperationalError',
  unauthorized: 'werkzeug.exceptions.Unauthorized',
  notFound: 'werkzeug.exceptions.NotFound',
  /** Ledgerflow's own names for failures where Odoo sent no exception. */
  network: 'ledgerflow.NetworkError',
  timeout: 'ledgerflow.Timeout',
  http: 'ledgerflow.HttpError',
  unexpectedAnswer: 'ledgerflow.UnexpectedAnswer',
  unsupportedCall: 'ledgerflow.UnsupportedCall',
  notFoundByKey: 'ledgerflow.RecordNotFound',
} as const;
