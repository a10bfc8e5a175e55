/**
 * Editor rendering benchmark (a report, not a test): a 500-node flow opened
 * in headless Chromium. Measures the time from navigation to the canvas
 * showing its nodes, and frames per second while panning.
 *
 *   node --import tsx bench/editor-render.ts [--nodes 500]
 */
import type { FlowDocument } from '@ledgerflow/flow';
import { ADMIN_PASSWORD, startHarness } from '../test/e2e/harness';

const count = Number(process.argv[process.argv.indexOf('--nodes') + 1]) || 500;

/** A wide, reachable, acyclic flow: a trigger feeding rows of maps, validates and notifies. */
export function bigFlow(size: number): FlowDocument {
  const perRow = 25;
  const nodes: FlowDocument['nodes'] = [{ id: 'in', type: 'trigger', config: { kind: 'manual', sample: { amount: 12, who: 'ann' } }, ui: { position: { x: -300, y: 0 } } }];
  const edges: FlowDocument['edges'] = [];
  for (let i = 1; i < size; i += 1) {
    const row = Math.floor((i - 1) / perRow);
    const col = (i - 1) % perRow;
    const id = `n${i}`;
    const kind = col % 5 === 4 ? 'validate' : col === perRow - 1 ? 'notify' : 'map';
    const config =
      kind === 'map'
        ? { expression: `{ 'step': ${i}, 'amount': amount * 2, 'who': who }` }
        : kind === 'validate'
          ? { rules: [{ name: 'positive', assert: 'amount > 0', message: 'amount must be positive' }] }
          : { channel: 'email', to: 'ap@example.com' };
    nodes.push({ id, type: kind, config, ui: { position: { x: col * 260, y: row * 140 } } });
    const previous = col === 0 ? 'in' : `n${i - 1}`;
    const port = col > 0 && (col - 1) % 5 === 4 ? 'valid' : undefined;
    edges.push(port ? { from: previous, port, to: id } : { from: previous, to: id });
  }
  return { schema: 'ledgerflow/flow@1', id: `bench-${size}`, name: `Benchmark flow (${size} nodes)`, nodes, edges };
}

async function main(): Promise<void> {
  const h = await startHarness();
  try {
    const login = await fetch(`${h.server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    const body: unknown = await login.json();
    const token = typeof body === 'object' && body !== null && 'token' in body ? String(body.token) : '';
    const flow = bigFlow(count);
    const created = await fetch(`${h.server.url}/api/flows`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(flow) });
    if (!created.ok) throw new Error(`could not create the flow: ${await created.text()}`);
    await h.login('/');
    const { page } = h;

    const started = Date.now();
    await page.goto(`/flows/${flow.id}`);
    const ready = `document.querySelectorAll('.react-flow__node').length > 20 && !document.querySelector('.react-flow__node[style*="visibility: hidden"]')`;
    while (!(await page.evaluate(ready))) {
      if (Date.now() - started > 60_000) throw new Error('the canvas did not render within 60 s');
      await new Promise((r) => setTimeout(r, 10));
    }
    const firstRender = Date.now() - started;
    const rendered = await page.locator('.react-flow__node').count();

    // Pan for two seconds with the mouse while counting animation frames.
    const pane = await page.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no canvas');
    // Plain script text: tsx would otherwise wrap functions in a helper the page does not have.
    await page.evaluate(`(() => {
      window.__frames = 0;
      window.__counting = true;
      const tick = () => { if (!window.__counting) return; window.__frames += 1; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    const cx = pane.x + pane.width / 2;
    const cy = pane.y + pane.height / 2;
    const panStart = Date.now();
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 0; Date.now() - panStart < 2000; i += 1) {
      const angle = i / 12;
      await page.mouse.move(cx + Math.cos(angle) * 250, cy + Math.sin(angle) * 150);
    }
    await page.mouse.up();
    const seconds = (Date.now() - panStart) / 1000;
    const frames = Number(await page.evaluate('(() => { window.__counting = false; return window.__frames; })()'));
    const report = { nodes: flow.nodes.length, edges: flow.edges.length, renderedNodeElements: rendered, timeToFirstRenderMs: firstRender, panSeconds: Number(seconds.toFixed(2)), panFps: Number((frames / seconds).toFixed(1)), consoleErrors: h.consoleErrors.length };
    console.log(JSON.stringify(report, null, 2));
    await h.screenshot('bench-editor-render');
  } finally {
    await h.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
