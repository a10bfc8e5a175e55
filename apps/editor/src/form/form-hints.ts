import type { FormHints } from './schema-to-form';

/** Presentation hints per node type: labels, order, multi-line text. */
export const FORM_HINTS: Readonly<Record<string, FormHints>> = {
  trigger: {
    order: ['kind', 'path', 'cron', 'timezone', 'connection', 'model', 'domain', 'fields', 'mode', 'limit', 'startFrom', 'sample', 'secret', 'token', 'response', 'waitSeconds'],
    labels: { path: 'Webhook path', sample: 'Sample input', waitSeconds: 'Wait (seconds)', startFrom: 'Start from' },
    advanced: ['secret', 'token', 'response', 'waitSeconds', 'fields', 'mode', 'limit', 'startFrom'],
  },
  map: { labels: { expression: 'Mapping (JSONata)' } },
  validate: { order: ['rules', 'schema'], labels: { schema: 'JSON Schema', assert: 'Assert (JSONata)' }, itemLabels: { rules: 'rule' } },
  approve: {
    order: ['when', 'approvers', 'quorum', 'message', 'timeout', 'onTimeout', 'escalateTo', 'levels', 'fields', 'amount', 'submittedBy', 'notify'],
    advanced: ['levels', 'fields', 'amount', 'submittedBy', 'notify', 'quorum'],
    itemLabels: { levels: 'level' },
    labels: { when: 'Only when (JSONata)', onTimeout: 'On timeout', escalateTo: 'Escalate to', timeout: 'Timeout (ISO 8601, e.g. P2D)' },
    multiline: ['message'],
  },
  'post-to-odoo': {
    order: ['connection', 'model', 'operation', 'values', 'key', 'ids', 'domain', 'fields', 'limit', 'method', 'then', 'context'],
    labels: { values: 'Values (JSONata)', key: 'Idempotency key', then: 'Then call methods', ids: 'Record ids (JSONata)', domain: 'Domain (JSONata)' },
    advanced: ['context'],
  },
  notify: {
    order: ['channel', 'to', 'subject', 'body', 'url', 'method', 'connection', 'html', 'attachment', 'headers', 'signingSecret'],
    multiline: ['body', 'html'],
    labels: { html: 'HTML body', signingSecret: 'Signing secret' },
    advanced: ['connection', 'html', 'attachment', 'headers', 'signingSecret'],
  },
  retry: { order: ['maxAttempts', 'backoff', 'initialDelayMs', 'maxDelayMs', 'jitter', 'timeoutMs'] },
};

/** Keys shown under "More options" unless they hold a value. */
export function isAdvanced(type: string, key: string): boolean {
  return FORM_HINTS[type]?.advanced?.includes(key) ?? false;
}

/**
 * Whether a config key matters for the rest of the config (e.g. `cron` only
 * for scheduled triggers). Hidden keys that hold a value stay visible, so
 * nothing is ever set out of sight.
 */
export function isRelevant(type: string, key: string, config: Record<string, unknown>): boolean {
  if (config[key] !== undefined) return true;
  const when = RELEVANCE[type]?.[key];
  return when ? when(config) : true;
}

type Predicate = (config: Record<string, unknown>) => boolean;
const isOneOf = (key: string, ...values: string[]): Predicate => (config) => values.includes(String(config[key] ?? ''));

const RELEVANCE: Readonly<Record<string, Readonly<Record<string, Predicate>>>> = {
  trigger: {
    path: isOneOf('kind', 'webhook'),
    secret: isOneOf('kind', 'webhook'),
    token: isOneOf('kind', 'webhook'),
    response: isOneOf('kind', 'webhook'),
    waitSeconds: (c) => c.kind === 'webhook' && c.response === 'respond',
    cron: isOneOf('kind', 'schedule', 'odoo-poll'),
    timezone: isOneOf('kind', 'schedule', 'odoo-poll'),
    connection: isOneOf('kind', 'odoo-poll'),
    model: isOneOf('kind', 'odoo-poll'),
    domain: isOneOf('kind', 'odoo-poll'),
    fields: isOneOf('kind', 'odoo-poll'),
    mode: isOneOf('kind', 'odoo-poll'),
    limit: isOneOf('kind', 'odoo-poll'),
    startFrom: isOneOf('kind', 'odoo-poll'),
  },
  'post-to-odoo': {
    values: (c) => ['create', 'upsert', 'write', undefined].includes(typeof c.operation === 'string' ? c.operation : undefined),
    key: (c) => ['create', 'upsert', undefined].includes(typeof c.operation === 'string' ? c.operation : undefined),
    ids: isOneOf('operation', 'write', 'call'),
    domain: isOneOf('operation', 'search_read'),
    fields: isOneOf('operation', 'search_read'),
    limit: isOneOf('operation', 'search_read'),
    method: isOneOf('operation', 'call'),
    then: (c) => c.operation !== 'search_read' && c.operation !== 'call',
    context: () => false,
  },
  notify: {
    connection: isOneOf('channel', 'email'),
    to: isOneOf('channel', 'email'),
    subject: isOneOf('channel', 'email'),
    url: isOneOf('channel', 'webhook', 'slack', 'teams'),
    method: isOneOf('channel', 'webhook'),
    headers: isOneOf('channel', 'webhook'),
    signingSecret: isOneOf('channel', 'webhook'),
    html: isOneOf('channel', 'email'),
    attachment: isOneOf('channel', 'email'),
  },
  approve: { escalateTo: isOneOf('onTimeout', 'escalate'), approvers: (c) => c.levels === undefined },
};

/** A config a freshly dropped node starts with, so it is useful at once. */
export function starterConfig(type: string): Record<string, unknown> {
  switch (type) {
    case 'trigger':
      return { kind: 'manual' };
    case 'map':
      return { expression: '$' };
    case 'validate':
      return { rules: [] };
    case 'approve':
      return { approvers: { role: 'approver' }, onTimeout: 'reject' };
    case 'post-to-odoo':
      return { connection: 'sandbox', model: 'account.move', operation: 'create' };
    case 'notify':
      return { channel: 'email' };
    default:
      return {};
  }
}
