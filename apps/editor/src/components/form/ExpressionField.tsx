import { useEffect, useMemo, useRef, useState } from 'react';
import { jsonataPath, pathsOfSchema, pathsOfValue, type FieldPath as InputField } from '../../mapping/field-paths';
import { evaluateExpression, syntaxProblem, type Evaluation } from '../../mapping/jsonata-check';
import { setActiveExpression } from './expression-focus';
import { JsonView } from './JsonView';
import type { PreviewInput } from './use-preview-input';

export interface ExpressionFieldProps {
  id: string;
  fieldKey: string;
  label: string;
  description?: string;
  required: boolean;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  /** Problems from the flow check for this field. */
  errors: string[];
  preview: PreviewInput;
  /** Big editor with the input fields listed and a full preview (map expressions, Odoo values). */
  rich: boolean;
  /** A JSON Schema of the input when known from the upstream node. */
  inputShape?: Record<string, unknown> | undefined;
}

/** A JSONata field: syntax errors as you type, and a live preview on the sample or a past run. */
export function ExpressionField(props: ExpressionFieldProps) {
  const { id, fieldKey, label, description, required, value, onChange, errors, preview, rich, inputShape } = props;
  const area = useRef<HTMLTextAreaElement>(null);
  const text = value ?? '';
  const problem = text.trim() === '' ? undefined : syntaxProblem(text);
  const evaluation = useEvaluation(text, preview, problem === undefined);
  const otherErrors = errors.filter((e) => !(problem && /invalid JSONata/.test(e)));

  const insert = (snippet: string) => {
    const el = area.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    const next = `${text.slice(0, start)}${snippet}${text.slice(end)}`;
    onChange(next);
    window.requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + snippet.length, start + snippet.length);
    });
  };

  const fields: InputField[] = useMemo(() => {
    if (!rich) return [];
    if (preview.status === 'ready' && preview.value !== undefined) return pathsOfValue(preview.value);
    return inputShape ? pathsOfSchema(inputShape) : [];
  }, [rich, preview, inputShape]);

  const lines = Math.min(rich ? 16 : 4, Math.max(rich ? 6 : 1, text.split('\n').length));
  return (
    <div className={`lf-field lf-expression ${rich ? 'is-rich' : ''}`} data-testid={`field-${id}`}>
      <label className="lf-label" htmlFor={id}>
        {label}
        {required ? <span className="lf-required" title="required">*</span> : null}
        {/jsonata/i.test(label) ? null : <span className="lf-tag">JSONata</span>}
      </label>
      {description && !/^JSONata/.test(description) ? <span className="lf-hint">{description}</span> : null}
      <textarea
        id={id}
        ref={area}
        className={`lf-code ${problem || otherErrors.length > 0 ? 'is-invalid' : ''}`}
        value={text}
        rows={lines}
        spellCheck={false}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        onFocus={() => setActiveExpression({ key: fieldKey, insert })}
        aria-invalid={problem !== undefined || otherErrors.length > 0}
        data-testid={`expr-${id}`}
      />
      {problem ? (
        <div className="lf-error" role="alert" data-testid={`syntax-${id}`}>
          {problem.line ? `Line ${problem.line}, column ${problem.column}: ` : ''}
          {problem.message}
        </div>
      ) : null}
      {otherErrors.map((e) => (
        <div className="lf-error" key={e}>
          {e}
        </div>
      ))}
      {rich && fields.length > 0 ? (
        <div className="lf-input-fields">
          <div className="lf-subtle-title">Input fields · click to insert</div>
          <div className="lf-chips" data-testid={`fields-${id}`}>
            {fields.slice(0, 60).map((f) => (
              <button key={f.path} type="button" className="lf-chip" title={`${f.type}${f.example ? ` · e.g. ${f.example}` : ''}`} onClick={() => insert(jsonataPath(f.path))}>
                {f.path}
                <span className="lf-chip-type">{f.type}</span>
              </button>
            ))}
          </div>
        </div>
      ) : null}
      <PreviewResult preview={preview} evaluation={evaluation} rich={rich} id={id} empty={text.trim() === ''} />
    </div>
  );
}

function PreviewResult({ preview, evaluation, rich, id, empty }: { preview: PreviewInput; evaluation: Evaluation | undefined; rich: boolean; id: string; empty: boolean }) {
  if (empty) return null;
  if (preview.status === 'none') return rich ? <div className="lf-preview lf-muted">{preview.reason}</div> : null;
  if (!evaluation) return null;
  const source = (
    <span className="lf-preview-source">
      on {preview.source}
      {preview.exact ? '' : ' (partly example data)'}
    </span>
  );
  if (!evaluation.ok) {
    return (
      <div className="lf-preview is-error" data-testid={`preview-${id}`}>
        <div className="lf-subtle-title">Preview {source}</div>
        <div className="lf-error">{evaluation.problem.message}</div>
      </div>
    );
  }
  if (!rich) {
    const inline = JSON.stringify(evaluation.value) ?? 'no value';
    return (
      <div className="lf-preview is-inline" data-testid={`preview-${id}`} title={`Preview ${preview.source}`}>
        = <code>{inline.length > 80 ? `${inline.slice(0, 77)}…` : inline}</code>
      </div>
    );
  }
  return (
    <div className="lf-preview" data-testid={`preview-${id}`}>
      <div className="lf-subtle-title">Preview {source}</div>
      {preview.note ? <div className="lf-hint">{preview.note}</div> : null}
      <JsonView value={evaluation.value} empty="no value (the expression gives nothing for this input)" maxHeight={260} />
    </div>
  );
}

/** Evaluates the expression on the preview input, a moment after typing stops. */
function useEvaluation(text: string, preview: PreviewInput, parses: boolean): Evaluation | undefined {
  const [evaluation, setEvaluation] = useState<Evaluation | undefined>();
  useEffect(() => {
    if (!parses || preview.status !== 'ready' || text.trim() === '') {
      setEvaluation(undefined);
      return;
    }
    let cancelled = false;
    const timer = window.setTimeout(() => {
      void evaluateExpression(text, preview.value, { run: { id: 'preview', input: preview.runInput } }).then((result) => {
        if (!cancelled) setEvaluation(result);
      });
    }, 150);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [text, preview, parses]);
  return evaluation;
}
