/**
 * One headless Chromium (found on PATH, or GOSCHED_CHROMIUM; driven by playwright-core) for the
 * browser tests, with a fresh profile; tests skip with a printed line when there is none.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumMissing, findChromium } from '../../scripts/chromium-path.mjs';

export const chromiumPath = findChromium();
export const hasChromium = chromiumPath !== undefined;

export function printSkipLine(): void {
  if (!hasChromium) console.log(`SKIP browser tests: ${chromiumMissing()}`);
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  if (chromiumPath === undefined) throw new Error(chromiumMissing());
  const profile = await mkdtemp(join(tmpdir(), 'gosched-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export interface LoadedReport {
  page: Page;
  /** Every console message (errors, warnings, logs: a report should print none) and uncaught exceptions. */
  errors: string[];
  /** Requests for anything but the file itself. */
  requests: string[];
  dialogs: string[];
}

/** Opens a report from file:// and waits until every chart has rendered (or the page reported an error). */
export async function openReport(context: BrowserContext, file: string): Promise<LoadedReport> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const url = `file://${file}`;
  const loaded: LoadedReport = { page, errors: [], requests: [], dialogs: [] };
  page.on('console', (m) => loaded.errors.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => loaded.errors.push(e.message));
  page.on('request', (r) => {
    if (r.url() !== url) loaded.requests.push(r.url());
  });
  page.on('dialog', (d) => {
    loaded.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url);
  await page.waitForFunction(
    () => {
      const g = (window as unknown as { gosched?: { rendered: boolean; error: string | null } }).gosched;
      return g !== undefined && (g.rendered || g.error !== null);
    },
    undefined,
    { polling: 25 },
  );
  return loaded;
}

/** Data mark items (no groups, axes or legends) each chart's scenegraph holds, by chart id; works for SVG and canvas views. */
export async function markCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    interface Item {
      items?: Item[];
      marktype?: string;
      role?: string;
    }
    const count = (node: Item): number => {
      let n = 0;
      for (const child of node.items ?? []) {
        if (child.marktype !== undefined && child.marktype !== 'group' && child.role === 'mark')
          n += child.items?.length ?? 0;
        n += count(child);
      }
      return n;
    };
    const g = (window as unknown as { gosched: { views: Record<string, { scenegraph(): { root: Item } }> } }).gosched;
    return Object.fromEntries(Object.entries(g.views).map(([id, v]) => [id, count(v.scenegraph().root)]));
  });
}

/**
 * Moves the mouse onto the marks matching `selector` one after another until vega-embed's tooltip
 * element shows, and returns its text (null when none showed).
 */
export async function hoverForTooltip(page: Page, selector: string, tries = 12): Promise<string | null> {
  const marks = page.locator(selector);
  const n = Math.min(tries, await marks.count());
  const tip = page.locator('#vg-tooltip-element');
  for (let i = 0; i < n; i++) {
    const mark = marks.nth(Math.floor((i * (await marks.count())) / n));
    await mark.scrollIntoViewIfNeeded();
    const box = await mark.boundingBox();
    if (!box) continue;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    try {
      await page.waitForSelector('#vg-tooltip-element.visible', { timeout: 500 });
      return await tip.textContent();
    } catch {
      // covered by another mark or between marks: try the next one
    }
  }
  return null;
}

export interface MarkItem {
  x: number;
  y: number;
  width: number;
  height: number;
  datum: Record<string, unknown>;
}

/** The items of one chart's marks of a type (rect, symbol, ...) with their data and pixel boxes; `width` is the plot's. */
export async function markItems(
  page: Page,
  chartId: string,
  marktype: string,
): Promise<{ width: number; items: MarkItem[] }> {
  return page.evaluate(
    ([id, type]) => {
      interface Item {
        items?: Item[];
        marktype?: string;
        role?: string;
        x?: number;
        y?: number;
        width?: number;
        height?: number;
        datum?: Record<string, unknown>;
      }
      const out: { x: number; y: number; width: number; height: number; datum: Record<string, unknown> }[] = [];
      const walk = (node: Item) => {
        for (const child of node.items ?? []) {
          if (child.marktype === type && child.role === 'mark')
            for (const it of child.items ?? [])
              out.push({
                x: it.x ?? 0,
                y: it.y ?? 0,
                width: it.width ?? 0,
                height: it.height ?? 0,
                datum: it.datum ?? {},
              });
          walk(child);
        }
      };
      const g = (
        window as unknown as { gosched: { views: Record<string, { scenegraph(): { root: Item }; width(): number }> } }
      ).gosched;
      const view = g.views[id];
      if (!view) return { width: 0, items: [] };
      walk(view.scenegraph().root);
      return { width: view.width(), items: out };
    },
    [chartId, marktype] as const,
  );
}

/** The x-axis titles a chart shows (SVG renderer). */
export async function axisTitles(page: Page, chartId: string): Promise<string[]> {
  return page.locator(`#${chartId} .role-axis-title text`).allTextContents();
}
