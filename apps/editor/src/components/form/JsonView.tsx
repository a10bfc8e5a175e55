import { prettyJson } from '../../mapping/pretty-json';

/** Read-only JSON, pretty-printed (short parts on one line), scrollable. */
export function JsonView({ value, empty = 'nothing', testId, maxHeight }: { value: unknown; empty?: string; testId?: string; maxHeight?: number }) {
  const text = prettyJson(value);
  return (
    <pre className="lf-json" data-testid={testId} style={maxHeight ? { maxHeight } : undefined}>
      {text ?? <span className="lf-muted">{empty}</span>}
    </pre>
  );
}
