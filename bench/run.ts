/**
 * The benchmark suite: `npm run bench` measures every benchmark and writes
 * bench/RESULTS.md; `npm run bench -- --quick` (CI) runs each one briefly to
 * prove it still works, prints the figures and never fails on slow ones.
 * `--only engine,webhook,batch,history` picks benchmarks; `--out <file>` writes elsewhere.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { batchPosting } from './batch-posting';
import { engineOverhead } from './engine-overhead';
import { historyAtScale } from './history-at-scale';
import { machine, load } from './support/machine';
import { removeTempDirs } from './support/processes';
import { renderConsole, renderResults, type Section } from './support/report';
import { webhookToOdoo } from './webhook-to-odoo';

const BENCHMARKS: Record<string, (options: { quick: boolean }) => Promise<Section[]>> = {
  engine: async (o) => [await engineOverhead(o)],
  // The webhook benchmark also samples the server's memory: it reports two sections.
  webhook: (o) => webhookToOdoo(o),
  batch: async (o) => [await batchPosting(o)],
  history: async (o) => [await historyAtScale(o)],
};

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, out: { type: 'string' } } });
const quick = values.quick ?? false;
const names = values.only ? values.only.split(',').map((n) => n.trim()) : Object.keys(BENCHMARKS);
const unknown = names.filter((n) => !(n in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}

const started = performance.now();
const host = machine();
console.log(`Ledgerflow benchmarks${quick ? ' (quick: checks that each runs; figures are not meaningful)' : ''} on ${host.cpu}, ${host.cores} cores, Node ${host.node}, load ${host.loadAtStart.toFixed(2)}`);
const sections: Section[] = [];
for (const name of names) {
  const run = BENCHMARKS[name];
  if (!run) continue;
  const began = performance.now();
  console.log(`\n▶ ${name}`);
  const result = await run({ quick }).finally(removeTempDirs);
  console.log(renderConsole(result));
  console.log(`  (${((performance.now() - began) / 1000).toFixed(1)} s)`);
  sections.push(...result);
}
const durationS = (performance.now() - started) / 1000;
const ordered = [...sections.filter((s) => !s.last), ...sections.filter((s) => s.last)];
const markdown = renderResults({
  machine: host,
  loadAtEnd: load(),
  quick,
  durationS,
  sections: ordered,
  preface: [
    'Run it with `npm run bench` (about 5–10 minutes; `-- --only engine,webhook,batch,history` for some; `-- --quick` for the CI smoke run, which prints and writes nothing). To profile the server under a benchmark, set `LEDGERFLOW_BENCH_PROFILE=<dir>`: the `ledgerflow serve` child writes a `--cpu-prof` profile there when it stops.',
    quick ? '**Quick mode**: small counts, one round; these figures only show that each benchmark runs.' : '',
    host.loadAtStart > host.cores * 0.5 ? `**The machine was busy** (load average ${host.loadAtStart.toFixed(1)} on ${host.cores} cores when the suite started): other processes competed for the CPU, so absolute figures are low and noisy; the ratios against floors measured in the same rounds are the more robust reading. Re-run \`npm run bench\` on a quiet machine for reference figures.` : '',
  ].filter((line) => line !== ''),
});
// Quick mode proves the suite runs (CI); it does not overwrite the reference figures unless told where to write.
const out = values.out ?? (quick ? undefined : new URL('./RESULTS.md', import.meta.url).pathname);
if (out) {
  writeFileSync(out, markdown);
  console.log(`\nwrote ${out}`);
}
console.log(`done in ${durationS.toFixed(1)} s`);
