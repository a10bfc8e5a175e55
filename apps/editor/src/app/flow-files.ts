import { flowDocumentSchema, migrateFlow, FLOW_SCHEMA, type FlowDocument } from '@ledgerflow/flow';

/** A flow id from a name: "Expenses to bills" → "expenses-to-bills", unique among `taken`. */
export function slugFor(name: string, taken: ReadonlySet<string>): string {
  const base = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'flow';
  if (!taken.has(base)) return base;
  for (let i = 2; ; i += 1) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** An empty flow document. */
export function emptyFlow(id: string, name: string): FlowDocument {
  return { schema: FLOW_SCHEMA, id, name, nodes: [], edges: [] };
}

/** Reads an imported JSON file: the migrated document, or every problem with its shape. */
export function readFlowFile(text: string): { flow: FlowDocument } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `This file is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = flowDocumentSchema.safeParse(migrateFlow(value));
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`);
    return { error: `This is not a Ledgerflow flow: ${problems.join('; ')}` };
  }
  return { flow: parsed.data };
}

/** Offers a document as a downloaded `<id>.json` file. */
export function downloadFlow(flow: FlowDocument): void {
  const blob = new Blob([`${JSON.stringify(flow, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${flow.id}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Lets the user pick a file and gives back its text. */
export function pickTextFile(accept = '.json,application/json'): Promise<string | undefined> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.setAttribute('data-testid', 'import-file');
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) resolve(undefined);
      else void file.text().then(resolve);
    });
    document.body.append(input);
    input.click();
  });
}
