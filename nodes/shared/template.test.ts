import { describe, expect, it } from 'vitest';
import { previewTemplate, renderTemplate, templateWarnings, escapeHtml } from './template';

describe('templates', () => {
  const sample = { amount: 1200, vendor: { name: 'Dupont & <Fils>' }, ref: 'B/1' };

  it('warns about fields the upstream sample does not have, never about run fields', () => {
    expect(templateWarnings('Bill {{ ref }} of {{ vendor.name }}: {{ amout }} — {{ run.url }}', sample)).toEqual([
      { field: 'amout', message: 'the sample data has no field "amout"; it would be left empty' },
    ]);
  });

  it('warns about a placeholder that is not one', () => {
    expect(templateWarnings('Total {{ 1amount }}', sample)[0]?.message).toMatch(/is not a \{\{ field \}\} placeholder/);
  });

  it('previews text and HTML with escaped values', () => {
    const preview = previewTemplate('{{ vendor.name }} owes {{ amount }}\n{{ run.url }}', sample, { id: 'r1', url: 'https://lf/runs/r1' });
    expect(preview.text).toBe('Dupont & <Fils> owes 1200\nhttps://lf/runs/r1');
    expect(preview.html).toContain('Dupont &amp; &lt;Fils&gt; owes 1200<br>');
    expect(preview.warnings).toEqual([]);
  });

  it('renders missing fields empty and lists them', () => {
    expect(renderTemplate('a{{ x }}b', {}, escapeHtml)).toEqual({ text: 'ab', missing: ['x'] });
  });
});
