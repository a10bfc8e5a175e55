/** Node type specs only (no run code): what the editor bundles. */
import { specResolver, type NodeSpec } from '@ledgerflow/flow';
import { approveSpec } from './approve/schema';
import { mapSpec } from './map/schema';
import { notifySpec } from './notify/schema';
import { postToOdooSpec } from './post-to-odoo/schema';
import { triggerSpec } from './trigger/schema';
import { validateSpec } from './validate/schema';

export const nodeSpecs: NodeSpec[] = [triggerSpec, mapSpec, validateSpec, approveSpec, postToOdooSpec, notifySpec] as NodeSpec[];
export const specs = specResolver(nodeSpecs);
export { approveSpec, mapSpec, notifySpec, postToOdooSpec, triggerSpec, validateSpec };
/** Pure template helpers the editor uses for warnings and previews. */
export { previewTemplate, templateWarnings, type TemplateWarning } from './shared/template';
