/** Page helpers for driving the flow editor's canvas in browser tests. */
import type { Locator, Page } from 'playwright-core';

/** The React Flow handle of a node's port (`in` for inputs). */
export function handle(page: Page, nodeId: string, port: string): Locator {
  return page.locator(`.react-flow__handle[data-nodeid="${nodeId}"][data-handleid="${port}"]`);
}

/** Drags a node type from the palette onto the canvas at (x, y) inside the canvas. */
export async function dropNode(page: Page, type: string, x: number, y: number): Promise<void> {
  await page.dragAndDrop(`[data-testid="palette-${type}"]`, '[data-testid="canvas"] .react-flow__pane', { targetPosition: { x, y } });
}

/** Draws a connection from a node's output port to another node's input, with real mouse moves. */
export async function connect(page: Page, from: string, port: string, to: string): Promise<void> {
  const start = await center(handle(page, from, port));
  const end = await center(handle(page, to, 'in'));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2 + 20, { steps: 8 });
  await page.mouse.move(end.x, end.y, { steps: 8 });
  await page.mouse.up();
}

/** Selects a node by clicking its title. */
export async function selectNode(page: Page, nodeId: string): Promise<void> {
  await page.locator(`[data-testid="node-${nodeId}"] .lf-node-title`).click();
}

async function center(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element is not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}
