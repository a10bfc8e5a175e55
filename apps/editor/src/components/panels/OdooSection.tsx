import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { FlowNode } from '@ledgerflow/flow';
import type { FormField } from '../../form/schema-to-form';
import { evaluateExpression } from '../../mapping/jsonata-check';
import { explainField, FINANCE_MODELS, producedFields, requiredFieldStatus, unknownFields, type OdooField } from '../../odoo/odoo-fields';
import { insertIntoExpression } from '../form/expression-focus';
import type { PreviewInput } from '../form/use-preview-input';
import { useConnections, useOdooFields } from './use-odoo';

/** Replaces the generated connection and model inputs with Odoo-aware pickers. */
export function odooOverride(field: FormField, value: unknown, onChange: (v: unknown) => void, errors: string[]): ReactNode | undefined {
  if (field.key === 'connection' && field.path.length === 1) return <ConnectionPicker value={typeof value === 'string' ? value : ''} onChange={onChange} errors={errors} />;
  if (field.key === 'model' && field.path.length === 1) return <ModelPicker value={typeof value === 'string' ? value : ''} onChange={onChange} errors={errors} />;
  return undefined;
}

function ConnectionPicker({ value, onChange, errors }: { value: string; onChange: (v: unknown) => void; errors: string[] }) {
  const connections = useConnections();
  const odoo = (connections ?? []).filter((c) => c.type === 'odoo');
  const known = odoo.some((c) => c.name === value);
  return (
    <div className="lf-field" data-testid="field-odoo-connection">
      <label className="lf-label" htmlFor="odoo-connection">
        Odoo connection<span className="lf-required">*</span>
      </label>
      <select id="odoo-connection" className={errors.length > 0 || (connections && value && !known) ? 'is-invalid' : ''} value={value} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">Choose a connection…</option>
        {odoo.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name} — {c.url ?? ''} {c.database ? `(${c.database})` : ''}
          </option>
        ))}
        {value && !known ? <option value={value}>{value} (not configured here)</option> : null}
      </select>
      {connections && value && !known ? <span className="lf-warning">No Odoo connection “{value}” on this server; runs will fail until an admin adds it.</span> : null}
      {errors.map((e) => (
        <div className="lf-error" key={e}>
          {e}
        </div>
      ))}
    </div>
  );
}

function ModelPicker({ value, onChange, errors }: { value: string; onChange: (v: unknown) => void; errors: string[] }) {
  const hint = FINANCE_MODELS.find((m) => m.model === value)?.title;
  return (
    <div className="lf-field" data-testid="field-odoo-model">
      <label className="lf-label" htmlFor="odoo-model">
        Odoo model<span className="lf-required">*</span>
      </label>
      <input id="odoo-model" className={`lf-mono ${errors.length > 0 ? 'is-invalid' : ''}`} list="odoo-models" value={value} onChange={(e) => onChange(e.target.value || undefined)} placeholder="account.move" />
      <datalist id="odoo-models">
        {FINANCE_MODELS.map((m) => (
          <option key={m.model} value={m.model}>
            {m.title}
          </option>
        ))}
      </datalist>
      {hint ? <span className="lf-hint">{hint}</span> : null}
      {errors.map((e) => (
        <div className="lf-error" key={e}>
          {e}
        </div>
      ))}
    </div>
  );
}

/** Odoo's fields for the chosen model: required ones checked against the mapping, many2one explained. */
export function OdooSection({ node, preview }: { node: FlowNode; preview: PreviewInput }) {
  const connection = typeof node.config.connection === 'string' ? node.config.connection : undefined;
  const model = typeof node.config.model === 'string' ? node.config.model : undefined;
  const operation = typeof node.config.operation === 'string' ? node.config.operation : 'create';
  const state = useOdooFields(connection, model);
  const record = useRecordPreview(node, preview);
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<string | undefined>();

  const produced = useMemo(() => producedFields(node.config, record), [node.config, record]);
  if (!connection || !model) return null;
  const writes = operation === 'create' || operation === 'upsert';

  return (
    <div className="lf-panel-section lf-odoo" data-testid="odoo-fields">
      <div className="lf-section-title">
        Odoo fields of <span className="lf-mono">{model}</span>
      </div>
      {state.status === 'loading' ? <div className="lf-muted">Asking Odoo (fields_get)…</div> : null}
      {state.status === 'error' ? <div className="lf-alert lf-alert-warning">Could not read the fields from “{connection}”: {state.message}</div> : null}
      {state.status === 'ready' ? (
        <OdooFieldList
          model={model}
          fields={state.fields}
          produced={produced}
          checkRequired={writes}
          filter={filter}
          setFilter={setFilter}
          open={open}
          setOpen={setOpen}
        />
      ) : null}
    </div>
  );
}

function OdooFieldList(props: {
  model: string;
  fields: Readonly<Record<string, OdooField>>;
  produced: ReadonlySet<string>;
  checkRequired: boolean;
  filter: string;
  setFilter: (v: string) => void;
  open: string | undefined;
  setOpen: (v: string | undefined) => void;
}) {
  const { model, fields, produced, checkRequired, filter, setFilter, open, setOpen } = props;
  const required = requiredFieldStatus(model, fields, produced);
  const missing = required.filter((f) => f.status === 'missing');
  const unknown = unknownFields(fields, produced);
  const needle = filter.trim().toLowerCase();
  const list = Object.entries(fields)
    .filter(([name, f]) => !needle || name.includes(needle) || (f.string ?? '').toLowerCase().includes(needle))
    .sort(([a, fa], [b, fb]) => Number(fb.required === true) - Number(fa.required === true) || Number(produced.has(b)) - Number(produced.has(a)) || a.localeCompare(b));

  return (
    <>
      {checkRequired && missing.length > 0 ? (
        <div className="lf-alert lf-alert-warning" data-testid="odoo-missing-required">
          The mapping does not set {missing.length === 1 ? 'the required field' : 'these required fields'} {missing.map((f) => `${f.name} (${f.label})`).join(', ')}. Odoo will refuse the record.
        </div>
      ) : null}
      {unknown.length > 0 ? (
        <div className="lf-alert lf-alert-warning" data-testid="odoo-unknown-fields">
          {model} has no field {unknown.join(', ')}; check the spelling or the model.
        </div>
      ) : null}
      {checkRequired ? <div className="lf-hint">Required fields: ✓ set by the mapping · ↺ Odoo fills a default · ! missing</div> : null}
      {checkRequired ? (
        <div className="lf-required-list">
          {required.map((f) => (
            <span key={f.name} className={`lf-req lf-req-${f.status}`} title={f.status === 'default' ? 'Odoo fills this in when it is not given' : f.status === 'set' ? 'Set by the mapping' : 'Required and not set'}>
              {f.status === 'set' ? '✓' : f.status === 'default' ? '↺' : '!'} {f.name}
            </span>
          ))}
        </div>
      ) : null}
      <input className="lf-filter" placeholder={`Filter ${Object.keys(fields).length} fields…`} value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter Odoo fields" />
      <ul className="lf-odoo-fields">
        {list.slice(0, 80).map(([name, f]) => (
          <li key={name} className={open === name ? 'is-open' : ''}>
            <div className="lf-odoo-field-row">
              <button
                type="button"
                className="lf-odoo-field-name"
                title="Insert into the values mapping"
                onClick={() => {
                  if (!insertIntoExpression(`'${name}': `, 'values')) setOpen(open === name ? undefined : name);
                }}
              >
                <span className="lf-mono">{name}</span>
                <span className="lf-muted">{f.string}</span>
              </button>
              <span className="lf-odoo-type">{f.type}</span>
              {f.required && !f.readonly ? <span className="lf-badge-required">required</span> : null}
              {produced.has(name) ? <span className="lf-badge-set">mapped</span> : null}
              <button type="button" className="lf-link-btn" onClick={() => setOpen(open === name ? undefined : name)} aria-label={`About ${name}`}>
                ?
              </button>
            </div>
            {open === name ? <div className="lf-hint lf-odoo-explain">{explainField(name, f)}</div> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The record the node would send for the preview input: `values` evaluated, or the input itself. */
function useRecordPreview(node: FlowNode, preview: PreviewInput): unknown {
  const [record, setRecord] = useState<unknown>();
  const values = typeof node.config.values === 'string' ? node.config.values : undefined;
  useEffect(() => {
    if (preview.status !== 'ready') {
      setRecord(undefined);
      return;
    }
    if (!values) {
      setRecord(preview.value);
      return;
    }
    let live = true;
    void evaluateExpression(values, preview.value, { run: { id: 'preview', input: preview.runInput } }).then((r) => live && setRecord(r.ok ? r.value : undefined));
    return () => {
      live = false;
    };
  }, [values, preview]);
  return record;
}
