import type { FlowNode } from '@ledgerflow/flow';

/** One short line under a node's title saying what it is set up to do. */
export function nodeSummary(node: FlowNode): string {
  const c = node.config;
  const text = (key: string) => (typeof c[key] === 'string' ? String(c[key]) : '');
  switch (node.type) {
    case 'trigger': {
      const kind = text('kind') || 'manual';
      if (kind === 'webhook') return `Webhook · /hooks/${text('path')}`;
      if (kind === 'schedule') return `Schedule · ${text('cron') || 'no cron yet'}`;
      return kind === 'odoo-poll' ? 'Polls Odoo' : 'Started by hand';
    }
    case 'map':
      return oneLine(text('expression')) || 'No mapping yet';
    case 'validate': {
      const rules = Array.isArray(c.rules) ? c.rules.length : 0;
      return [c.schema ? 'JSON Schema' : '', `${rules} rule${rules === 1 ? '' : 's'}`].filter(Boolean).join(' + ');
    }
    case 'approve': {
      const who = typeof c.approvers === 'object' && c.approvers !== null && 'role' in c.approvers ? `role ${String(c.approvers.role)}` : 'named users';
      return text('when') ? `When ${oneLine(text('when'))} · ${who}` : `Always · ${who}`;
    }
    case 'post-to-odoo':
      return `${text('operation') || 'create'} ${text('model') || '?'} · ${text('connection') || 'no connection'}`;
    case 'notify': {
      const to = Array.isArray(c.to) ? c.to.join(', ') : text('to');
      return text('channel') === 'email' ? `E-mail → ${to || 'nobody yet'}` : `${text('channel') || 'notify'} → ${text('url') || 'no url yet'}`;
    }
    default:
      return node.type;
  }
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 42 ? `${flat.slice(0, 40)}…` : flat;
}
