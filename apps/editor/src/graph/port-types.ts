/**
 * What kind of data travels on a port. Node specs declare ports but not
 * their data types, so the editor keeps this small table; it decides only
 * which connections make sense, never what runs.
 */
export type DataKind = 'record' | 'problems' | 'odoo-result' | 'delivery';

export const DATA_KIND_LABEL: Readonly<Record<DataKind, string>> = {
  record: 'business data',
  problems: 'validation problems { input, errors }',
  'odoo-result': 'an Odoo result { model, id, created }',
  delivery: 'a delivery receipt { channel, delivered }',
};

/** The kind of data a node type emits on a port. */
export function outputKind(type: string, port: string): DataKind {
  if (type === 'validate' && port === 'invalid') return 'problems';
  if (type === 'post-to-odoo') return 'odoo-result';
  if (type === 'notify') return 'delivery';
  return 'record';
}

/**
 * Why a node (with this config) cannot take data of `kind`, or undefined
 * when it can. Map, validate and notify take anything.
 */
export function refusesKind(type: string, config: Record<string, unknown>, kind: DataKind): string | undefined {
  if (type === 'post-to-odoo') {
    if (kind === 'problems') return 'the "invalid" port sends validation problems, not an Odoo record; send it to Notify, or reshape it with a Map first';
    if (kind === 'delivery') return 'Notify sends a delivery receipt, not data Odoo can store';
    const reshapes = ['values', 'ids', 'domain'].some((key) => typeof config[key] === 'string' && config[key] !== '');
    if (kind === 'odoo-result' && !reshapes) return 'it would get an Odoo result { model, id, created } as record values; set "values" on it to say which fields to send';
  }
  if (type === 'approve') {
    if (kind === 'problems') return 'approvers decide on business data, not on validation problems; send the "invalid" port to Notify';
    if (kind === 'delivery') return 'Notify sends a delivery receipt; there is nothing to approve';
  }
  return undefined;
}
