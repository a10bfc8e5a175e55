import type { Figure } from './stats';
import type { Machine } from './machine';

/** One measured quantity: its median over the rounds, with min and max. */
export interface Row {
  name: string;
  unit: string;
  value: Figure;
  /** Decimal places shown (default: chosen by size). */
  digits?: number;
}

/** A goal from the issue and whether this run met it. */
export interface Target {
  goal: string;
  actual: string;
  met: boolean;
}

/** What one benchmark reports. */
export interface Section {
  title: string;
  /** How it was measured, in a sentence or two. */
  setup: string;
  rows: Row[];
  targets: Target[];
  /** Findings: what bounds a figure, what would change it. */
  notes: string[];
  /** Listed after the other benchmarks (memory, measured during benchmark 2, is the fifth). */
  last?: boolean;
}

/** A number for a table: fewer decimals for bigger numbers. */
export function format(value: number, digits?: number): string {
  if (!Number.isFinite(value)) return '–';
  const d = digits ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
  return value.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

function table(rows: readonly Row[]): string[] {
  const lines = ['| figure | median | min | max | unit |', '|---|---:|---:|---:|---|'];
  for (const row of rows) lines.push(`| ${row.name} | ${format(row.value.median, row.digits)} | ${format(row.value.min, row.digits)} | ${format(row.value.max, row.digits)} | ${row.unit} |`);
  return lines;
}

/** RESULTS.md: the machine, then each benchmark's table, targets and notes. */
export function renderResults(input: { machine: Machine; loadAtEnd: number; quick: boolean; durationS: number; sections: readonly Section[]; preface: readonly string[] }): string {
  const { machine } = input;
  const out = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench${input.quick ? ' -- --quick' : ''}\` (bench/run.ts) on ${machine.date.slice(0, 10)}. Each figure is the median of the rounds shown by min and max; every comparison is against a floor measured in the same run on the same machine.`,
    '',
    '| machine | |',
    '|---|---|',
    `| CPU | ${machine.cpu} |`,
    `| cores | ${machine.cores} |`,
    `| memory | ${machine.memoryGiB} GiB |`,
    `| Node | ${machine.node} |`,
    `| date | ${machine.date} |`,
    `| load average (1 min) at start / end | ${format(machine.loadAtStart)} / ${format(input.loadAtEnd)} |`,
    `| suite duration | ${format(input.durationS, 0)} s |`,
    ...input.preface.flatMap((paragraph) => ['', paragraph]),
  ];
  const targets = input.sections.flatMap((s) => s.targets);
  if (targets.length > 0) {
    out.push('', '## Targets', '', '| target | this run | met |', '|---|---|---|');
    for (const t of targets) out.push(`| ${t.goal} | ${t.actual} | ${t.met ? 'yes' : '**no**'} |`);
  }
  input.sections.forEach((section, i) => {
    out.push('', `## ${i + 1}. ${section.title}`, '', section.setup, '', ...table(section.rows));
    if (section.notes.length > 0) out.push('', ...section.notes.map((n) => `- ${n}`));
  });
  return `${out.join('\n')}\n`;
}

/** A plain-text summary for the console. */
export function renderConsole(sections: readonly Section[]): string {
  const lines: string[] = [];
  for (const section of sections) {
    lines.push(`\n${section.title}`);
    for (const row of section.rows) lines.push(`  ${row.name}: ${format(row.value.median, row.digits)} ${row.unit} (min ${format(row.value.min, row.digits)}, max ${format(row.value.max, row.digits)})`);
    for (const t of section.targets) lines.push(`  target ${t.met ? 'met' : 'MISSED'}: ${t.goal} — ${t.actual}`);
  }
  return lines.join('\n');
}
