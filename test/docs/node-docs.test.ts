import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { renderNodeDocs } from '../../nodes/build-docs';
import { nodeDocs } from '../../nodes/docs';
import { nodeSpecs } from '../../nodes/specs';

const ROOT = new URL('../../nodes/', import.meta.url);
const jsonSchema = z.object({ properties: z.record(z.string(), z.object({ default: z.unknown().optional() }).passthrough()), required: z.array(z.string()).default([]) });
const exampleNode = z.object({ id: z.string(), type: z.string(), config: z.record(z.string(), z.unknown()) }).passthrough();

/** The text of a `## Heading` section, up to the next one. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`no "## ${heading}" section`);
  const rest = markdown.slice(start + heading.length + 5);
  const end = rest.indexOf('\n## ');
  return end === -1 ? rest : rest.slice(0, end);
}

/** Rows of the config table: key → { required, default } cells. */
function configRows(markdown: string): Map<string, { required: string; fallback: string }> {
  const rows = new Map<string, { required: string; fallback: string }>();
  for (const line of section(markdown, 'Config').split('\n')) {
    if (!line.startsWith('| `')) continue;
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
    rows.set((cells[0] ?? '').replace(/`/g, ''), { required: cells[2] ?? '', fallback: cells[3] ?? '' });
  }
  return rows;
}

describe('node reference', () => {
  it('nodes/docs.ts is generated from the READMEs as they are now (run `npx tsx nodes/build-docs.ts`)', () => {
    expect(readFileSync(new URL('docs.ts', ROOT), 'utf8')).toBe(renderNodeDocs());
    expect(Object.keys(nodeDocs).sort()).toEqual(nodeSpecs.map((s) => s.type).sort());
  });

  for (const spec of nodeSpecs) {
    describe(spec.type, () => {
      const readme = readFileSync(new URL(`${spec.type}/README.md`, ROOT), 'utf8');

      it('lists exactly the config keys of schema.ts, with what is required and the defaults', () => {
        const schema = jsonSchema.parse(z.toJSONSchema(spec.configSchema, { io: 'input', unrepresentable: 'any' }));
        const rows = configRows(readme);
        expect([...rows.keys()].sort()).toEqual(Object.keys(schema.properties).sort());
        for (const [key, row] of rows) {
          expect(row.required.startsWith('yes'), `${key}: required column "${row.required}"`).toBe(schema.required.includes(key));
          const fallback = schema.properties[key]?.default;
          if (fallback !== undefined) expect(row.fallback.replace(/`/g, ''), `${key}: default column`).toContain(typeof fallback === 'string' ? fallback : JSON.stringify(fallback));
        }
      });

      it('has ports, errors and an example node that the schema accepts', () => {
        for (const heading of ['Ports', 'Errors', 'Example']) expect(() => section(readme, heading)).not.toThrow();
        const json = section(readme, 'Example').match(/```json\n([\s\S]*?)```/)?.[1];
        const node = exampleNode.parse(JSON.parse(json ?? 'null'));
        expect(node.type).toBe(spec.type);
        const config = spec.configSchema.parse(node.config);
        const ports = section(readme, 'Ports');
        for (const port of spec.outputs(config)) expect(ports).toContain(`\`${port.name}\``);
        for (const input of spec.inputs) expect(ports).toContain(`\`${input.name}\``);
      });
    });
  }
});
