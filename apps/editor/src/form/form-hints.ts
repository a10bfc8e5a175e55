import type { FormHints } from './schema-to-form';

/** Presentation hints per node type: labels, order, multi-line text. */
export const FORM_HINTS: Readonly<Record<string, FormHints>> = {
  trigger: { order: ['kind', 'path', 'cron', 'timezone', 'secret', 'sample'], labels: { path: 'Webhook path', sample: 'Sample input' } },
  map: { labels: { expression: 'Mapping (JSONata)' } },
  validate: { order: ['rules', 'schema'], labels: { schema: 'JSON Schema', assert: 'Assert (JSONata)' }, itemLabels: { rules: 'rule' } },
  approve: {
    order: ['when', 'approvers', 'message', 'timeout', 'onTimeout', 'escalateTo'],
    labels: { when: 'Only when (JSONata)', onTimeout: 'On timeout', escalateTo: 'Escalate to', timeout: 'Timeout (ISO 8601, e.g. P2D)' },
    multiline: ['message'],
  },
  'post-to-odoo': {
    order: ['connection', 'model', 'operation', 'values', 'key', 'ids', 'domain', 'fields', 'limit', 'method', 'then', 'context'],
    labels: { values: 'Values (JSONata)', key: 'Idempotency key', then: 'Then call methods', ids: 'Record ids (JSONata)', domain: 'Domain (JSONata)' },
  },
  notify: { order: ['channel', 'to', 'connection', 'subject', 'body', 'url', 'method', 'headers'], multiline: ['body'] },
  retry: { order: ['maxAttempts', 'backoff', 'initialDelayMs', 'maxDelayMs', 'jitter', 'timeoutMs'] },
};

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
  trigger: { path: isOneOf('kind', 'webhook'), secret: isOneOf('kind', 'webhook'), cron: isOneOf('kind', 'schedule'), timezone: isOneOf('kind', 'schedule') },
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
  },
  approve: { escalateTo: isOneOf('onTimeout', 'escalate') },
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
