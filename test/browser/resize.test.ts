/**
 * Charts follow the window: a facet (global queue, Ps and threads) and a concatenation (model
 * against observed) take fixed widths from their container when embedded, so the page embeds them
 * again when a resize changes it, and once more when their legends took more room than left for
 * them. Checked on a real sample at three window widths in Chromium.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { hasChromium, launchChromium, openReport, printSkipLine, type Browser } from './chromium.js';

printSkipLine();

const sample = join(import.meta.dirname, '../../samples/go1.26/oversub-p2-20ms-a.log');
const fixedWidthCharts = ['chart-global', 'chart-model'];

/** Per chart: the drawn width (its SVG or canvas) and the width of the box it sits in. */
async function widths(page: Page): Promise<Record<string, { drawn: number; box: number }>> {
  return page.evaluate((ids) => {
    const out: Record<string, { drawn: number; box: number }> = {};
    for (const id of ids) {
      const vis = document.querySelector(`#${id} .vis`) as HTMLElement;
      const drawn = vis.querySelector('svg, canvas') as Element;
      out[id] = { drawn: drawn.getBoundingClientRect().width, box: vis.clientWidth };
    }
    return out;
  }, fixedWidthCharts);
}

async function resize(page: Page, width: number): Promise<void> {
  const before = await page.evaluate(() => (window as unknown as { gosched: { refits: number } }).gosched.refits);
  await page.setViewportSize({ width, height: 900 });
  await page.waitForFunction(
    (n) => {
      const g = (window as unknown as { gosched: { refits: number; fitted: boolean } }).gosched;
      return g.refits > n && g.fitted;
    },
    before,
    { polling: 25 },
  );
}

describe.skipIf(!hasChromium)('charts follow the window width', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gosched-resize-'));
    const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runCli(['report', sample, '-o', join(dir, 'report.html')])).toBe(0);
    } finally {
      quiet.mockRestore();
    }
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('embeds the facet and the concatenation again at the new width, narrower and wider', async () => {
    const { page, errors } = await openReport(browser.context, join(dir, 'report.html'));
    const wide = await widths(page);
    for (const id of fixedWidthCharts) {
      const w = wide[id] as { drawn: number; box: number };
      expect(w.drawn, id).toBeGreaterThan(0);
      // legends included: the model chart's long legend labels once made it 18 px wider than its box
      expect(w.drawn, id).toBeLessThanOrEqual(w.box);
    }

    await resize(page, 760);
    const narrow = await widths(page);
    for (const id of fixedWidthCharts) {
      const n = narrow[id] as { drawn: number; box: number };
      // the chart fits its smaller box, and is narrower than it was
      expect(n.box, id).toBeLessThan((wide[id] as { box: number }).box);
      expect(n.drawn, id).toBeLessThanOrEqual(n.box);
      expect(n.drawn, id).toBeLessThan((wide[id] as { drawn: number }).drawn);
    }

    await resize(page, 1600);
    const wider = await widths(page);
    for (const id of fixedWidthCharts) {
      const w = wider[id] as { drawn: number; box: number };
      expect(w.drawn, id).toBeLessThanOrEqual(w.box);
      expect(w.drawn, id).toBeGreaterThan((wide[id] as { drawn: number }).drawn);
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
