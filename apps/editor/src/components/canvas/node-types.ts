import type { NodeTypes } from '@xyflow/react';
import { FlowNodeCard } from './FlowNodeCard';
import { StickyNote } from './StickyNote';

/** Defined once, outside components, so React Flow never remounts nodes. */
export const nodeTypes: NodeTypes = { flow: FlowNodeCard, note: StickyNote };

/** Minimap colours per node type. */
export const TYPE_COLORS: Readonly<Record<string, string>> = {
  trigger: '#f59f00',
  map: '#3b82f6',
  validate: '#0f9d8a',
  approve: '#8b5cf6',
  'post-to-odoo': '#875a7b',
  notify: '#e64980',
};
