import { useEffect, useState, type ReactNode } from 'react';
import { getAtPath, isRecord, type FieldPathLike } from '../../graph/doc-edits';
import { activeVariant, fromInput, parseJsonInput, toInput, type FieldPath, type FormField } from '../../form/schema-to-form';
import { ExpressionField } from './ExpressionField';
import type { PreviewInput } from './use-preview-input';

export interface ConfigFormProps {
  idPrefix: string;
  fields: FormField[];
  value: Record<string, unknown>;
  onChange: (path: FieldPathLike, value: unknown) => void;
  /** Problems by dotted path relative to `value` (`key.value`, `rules.0.assert`). */
  errors: ReadonlyArray<{ path: string; message: string }>;
  preview: PreviewInput;
  /** Which top-level keys to show now. */
  isVisible?: (key: string) => boolean;
  /** Top-level keys to tuck under "More options". */
  isAdvanced?: (key: string) => boolean;
  /** A custom widget for a field (e.g. the Odoo connection picker); undefined keeps the generated one. */
  override?: (field: FormField, value: unknown, onChange: (value: unknown) => void, errors: string[]) => ReactNode | undefined;
  richKeys?: ReadonlyArray<string>;
  inputShape?: Record<string, unknown> | undefined;
}

/** A form generated from field descriptors (see form/schema-to-form.ts), with inline errors. */
export function ConfigForm(props: ConfigFormProps) {
  const visible = props.fields.filter((f) => props.isVisible?.(f.key) ?? true);
  const main = visible.filter((f) => !(props.isAdvanced?.(f.key) ?? false));
  const more = visible.filter((f) => props.isAdvanced?.(f.key) ?? false);
  const moreInUse = more.some((f) => props.value[f.key] !== undefined || props.errors.some((e) => e.path === f.key || e.path.startsWith(`${f.key}.`)));
  return (
    <div className="lf-form">
      {main.map((field) => (
        <FieldView key={field.key} field={field} path={field.path} form={props} />
      ))}
      {more.length > 0 ? (
        <details className="lf-more" open={moreInUse}>
          <summary>
            More options <span className="lf-muted">({more.map((f) => f.label.toLowerCase()).join(', ')})</span>
          </summary>
          {more.map((field) => (
            <FieldView key={field.key} field={field} path={field.path} form={props} />
          ))}
        </details>
      ) : null}
    </div>
  );
}

function FieldView({ field, path, form }: { field: FormField; path: FieldPath; form: ConfigFormProps }) {
  const value = getAtPath(form.value, path);
  const dotted = path.join('.');
  const id = `${form.idPrefix}-${dotted.replace(/\./g, '-')}`;
  const own = form.errors.filter((e) => e.path === dotted).map((e) => e.message);
  const nested = form.errors.filter((e) => e.path.startsWith(`${dotted}.`)).map((e) => `${e.path.slice(dotted.length + 1)}: ${e.message}`);
  const set = (next: unknown) => form.onChange(path, next);
  const custom = form.override?.(field, value, set, own);
  if (custom !== undefined) return <>{custom}</>;

  switch (field.kind) {
    case 'jsonata':
      return (
        <ExpressionField
          id={id}
          fieldKey={dotted}
          label={field.label}
          {...(field.description ? { description: field.description } : {})}
          required={field.required}
          value={typeof value === 'string' ? value : undefined}
          onChange={set}
          errors={own}
          preview={form.preview}
          rich={form.richKeys?.includes(dotted) ?? false}
          inputShape={form.inputShape}
        />
      );
    case 'object':
      return (
        <fieldset className="lf-fieldset" data-testid={`field-${id}`}>
          <legend>
            {field.label}
            {field.required ? <span className="lf-required">*</span> : null}
          </legend>
          {field.description ? <span className="lf-hint">{field.description}</span> : null}
          {own.map((e) => (
            <div className="lf-error" key={e}>
              {e}
            </div>
          ))}
          {field.fields.map((child) => (
            <FieldView key={child.key} field={child} path={child.path} form={{ ...form, onChange: objectSetter(form, path, field.required) }} />
          ))}
        </fieldset>
      );
    case 'list':
      return <ListField field={field} path={path} form={form} id={id} errors={own} />;
    case 'variants': {
      const index = activeVariant(field, value);
      const variant = field.variants[index];
      return (
        <fieldset className="lf-fieldset" data-testid={`field-${id}`}>
          <legend>{field.label}</legend>
          <div className="lf-segmented" role="radiogroup" aria-label={field.label}>
            {field.variants.map((v, i) => (
              <button key={v.label} type="button" role="radio" aria-checked={i === index} className={i === index ? 'is-on' : ''} onClick={() => i !== index && set(v.empty)}>
                By {v.label.toLowerCase()}
              </button>
            ))}
          </div>
          {own.map((e) => (
            <div className="lf-error" key={e}>
              {e}
            </div>
          ))}
          {variant?.fields.map((child) => (
            <FieldView key={child.key} field={child} path={[...path, ...child.path]} form={form} />
          ))}
        </fieldset>
      );
    }
    default:
      return <ScalarField field={field} id={id} value={value} onChange={set} errors={[...own, ...(field.kind === 'json' ? nested : [])]} />;
  }
}

/** Nested object edits: an optional object whose fields are all emptied disappears. */
function objectSetter(form: ConfigFormProps, path: FieldPath, required: boolean): ConfigFormProps['onChange'] {
  return (childPath, childValue) => {
    form.onChange(childPath, childValue);
    if (required || childValue !== undefined) return;
    const current = getAtPath(form.value, path);
    if (isRecord(current)) {
      const rest = Object.keys(current).filter((k) => k !== childPath[childPath.length - 1]);
      if (rest.length === 0) form.onChange(path, undefined);
    }
  };
}

function ListField({ field, path, form, id, errors }: { field: Extract<FormField, { kind: 'list' }>; path: FieldPath; form: ConfigFormProps; id: string; errors: string[] }) {
  const raw = getAtPath(form.value, path);
  const items: unknown[] = Array.isArray(raw) ? raw : [];
  const remove = (index: number) => form.onChange(path, items.filter((_, i) => i !== index));
  return (
    <fieldset className="lf-fieldset" data-testid={`field-${id}`}>
      <legend>
        {field.label}
        <span className="lf-count">{items.length}</span>
      </legend>
      {field.description ? <span className="lf-hint">{field.description}</span> : null}
      {errors.map((e) => (
        <div className="lf-error" key={e}>
          {e}
        </div>
      ))}
      {items.map((_, index) => (
        <div className="lf-list-item" key={index} data-testid={`${id}-item-${index}`}>
          <div className="lf-list-item-head">
            <span>
              {field.itemLabel} {index + 1}
            </span>
            <button type="button" className="lf-link-btn" onClick={() => remove(index)}>
              Remove
            </button>
          </div>
          {field.itemFields.map((child) => (
            <FieldView key={child.key} field={child} path={[...path, index, ...child.path]} form={form} />
          ))}
        </div>
      ))}
      <button type="button" className="lf-btn lf-btn-small" onClick={() => form.onChange(path, [...items, {}])} data-testid={`${id}-add`}>
        + Add {field.itemLabel}
      </button>
    </fieldset>
  );
}

function ScalarField({ field, id, value, onChange, errors }: { field: FormField; id: string; value: unknown; onChange: (v: unknown) => void; errors: string[] }) {
  const label = (
    <label className="lf-label" htmlFor={id}>
      {field.label}
      {field.required ? <span className="lf-required" title="required">*</span> : null}
    </label>
  );
  const hint = field.description && field.description !== field.label ? <span className="lf-hint">{field.description}</span> : null;
  const problems = errors.map((e) => (
    <div className="lf-error" key={e} role="alert">
      {e}
    </div>
  ));
  const invalid = errors.length > 0 ? 'is-invalid' : '';
  let control: ReactNode;
  switch (field.kind) {
    case 'boolean':
      return (
        <div className="lf-field lf-field-check" data-testid={`field-${id}`}>
          <label className="lf-check">
            <input id={id} type="checkbox" checked={value === undefined ? field.defaultValue === true : value === true} onChange={(e) => onChange(e.target.checked)} />
            {field.label}
          </label>
          {hint}
          {problems}
        </div>
      );
    case 'select':
      control = (
        <select id={id} className={invalid} value={typeof value === 'string' ? value : typeof field.defaultValue === 'string' ? field.defaultValue : ''} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}>
          {field.defaultValue === undefined ? <option value="">{field.required ? 'Choose…' : '—'}</option> : null}
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
      break;
    case 'json':
      control = <JsonInput id={id} value={value} onChange={onChange} invalid={invalid} />;
      break;
    case 'string-list':
      control = <textarea id={id} className={invalid} rows={Math.max(2, toInput(field, value).split('\n').length)} value={toInput(field, value)} onChange={(e) => onChange(fromInput(field, e.target.value))} placeholder="one per line" />;
      break;
    case 'text':
      control = field.multiline ? (
        <textarea id={id} className={invalid} rows={4} value={toInput(field, value)} onChange={(e) => onChange(fromInput(field, e.target.value))} />
      ) : (
        <input id={id} className={invalid} value={toInput(field, value)} onChange={(e) => onChange(fromInput(field, e.target.value))} placeholder={field.format === 'uri' ? 'https://…' : ''} />
      );
      break;
    case 'number':
      control = (
        <input
          id={id}
          className={invalid}
          inputMode="numeric"
          value={toInput(field, value)}
          placeholder={field.defaultValue === undefined ? '' : `default ${String(field.defaultValue)}`}
          onChange={(e) => onChange(fromInput(field, e.target.value))}
        />
      );
      break;
    default:
      control = null;
  }
  return (
    <div className="lf-field" data-testid={`field-${id}`}>
      {label}
      {hint}
      {control}
      {problems}
    </div>
  );
}

/** JSON text that is only written back when it parses; the parser's message shows meanwhile. */
function JsonInput({ id, value, onChange, invalid }: { id: string; value: unknown; onChange: (v: unknown) => void; invalid: string }) {
  const [text, setText] = useState(() => (value === undefined ? '' : JSON.stringify(value, null, 2)));
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    // Follow outside changes (undo, paste a sample) unless the text is mid-edit and broken.
    const parsed = parseJsonInput(text);
    if ('value' in parsed && JSON.stringify(parsed.value) === JSON.stringify(value)) return;
    if ('error' in parsed) return;
    setText(value === undefined ? '' : JSON.stringify(value, null, 2));
  }, [value]);
  return (
    <>
      <textarea
        id={id}
        className={`lf-code ${invalid} ${error ? 'is-invalid' : ''}`}
        rows={Math.min(14, Math.max(3, text.split('\n').length))}
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parseJsonInput(e.target.value);
          if ('error' in parsed) setError(parsed.error);
          else {
            setError(undefined);
            onChange(parsed.value);
          }
        }}
      />
      {error ? <div className="lf-error">Not valid JSON yet: {error}</div> : null}
    </>
  );
}
