/**
 * The HTML page in Chromium, built from hand-made timelines: brushing, the run selector, tooltips,
 * and no network. Sample reports and the escaping of log strings are in samples.test.ts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readVegaLibraries } from '../../src/cli/commands/report.js';
import { buildReportData, renderHtmlReport } from '../../src/report/index.js';
import { detailTimeline, finding, overlayFor, timeline } from '../report/fixtures.js';
import {
  hasChromium,
  hoverForTooltip,
  launchChromium,
  markCounts,
  openReport,
  printSkipLine,
  type Browser,
  type LoadedReport,
} from './chromium.js';

/** What the report page exposes on `window` for tests. */
interface GoschedWindow {
  gosched: { views: Record<string, { signal(name: string): unknown }> };
}

printSkipLine();

const evil = '</script><script>alert(1)</script>';

describe.skipIf(!hasChromium)('report page in Chromium', () => {
  let browser: Browser;
  let dir: string;
  let report: LoadedReport;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gosched-page-'));
    const api = detailTimeline(40, evil);
    const db = timeline(8, { stream: 'db' }, (i) => ({ runq: [0, 0, 0, 0], gomaxprocs: 4, tMs: i * 1000 }));
    const findings = [
      finding({ stream: evil, tMs: 1200, tEndMs: 1200, line: 13 }),
      finding({ stream: 'db', kind: 'restart', p: undefined, tMs: 3000, tEndMs: 3000, line: 4 }),
    ];
    const data = buildReportData([api, db], findings, overlayFor(api));
    const { html } = renderHtmlReport({
      title: 'fixture',
      sources: [],
      data,
      findings,
      diagnostics: [],
      libraries: await readVegaLibraries(),
    });
    await writeFile(join(dir, 'fixture.html'), html);
    browser = await launchChromium();
    report = await openReport(browser.context, join(dir, 'fixture.html'));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('renders every chart with marks, no console errors and no request', async () => {
    expect(report.errors).toEqual([]);
    expect(report.dialogs).toEqual([]);
    expect(report.requests).toEqual([]);
    const counts = await markCounts(report.page);
    expect(Object.keys(counts).length).toBe(9);
    for (const [id, n] of Object.entries(counts)) expect(n, id).toBeGreaterThan(0);
  });

  it('shows a markup stream name as text', async () => {
    const { page } = report;
    expect(await page.evaluate(() => document.querySelectorAll('script').length)).toBe(5);
    expect(await page.locator('#run-select option').first().textContent()).toMatch(
      /^<\/script><script>alert\(1\)<\/script> \(40 dumps/,
    );
    expect(await page.locator('#runs td').first().textContent()).toBe(evil);
    expect(await page.locator('.story .run-name').first().textContent()).toBe(evil);
  });

  it('shows a tooltip with the input line when a point is hovered', async () => {
    const { page } = report;
    expect(await hoverForTooltip(page, '#chart-global .mark-symbol path')).toMatch(/input line\s*\d+/);
  });

  it('zooms the other charts to the range brushed on the overview', async () => {
    const { page } = report;
    await page.mouse.move(0, 0);
    await page.locator('#chart-overview').scrollIntoViewIfNeeded();
    const box = await page.locator('#chart-overview svg .mark-area path').first().boundingBox();
    if (!box) throw new Error('no overview area');
    await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const globalRange = () =>
      page.evaluate(
        () => (window as unknown as GoschedWindow).gosched.views['chart-global']!.signal('tRange') as number[],
      );
    await expect.poll(async () => (await globalRange())[0]).toBeGreaterThan(500);
    const range = await globalRange();
    expect(range[1]).toBeLessThan(2500);
    expect(range[1]).toBeGreaterThan(range[0]!);
  });

  it('switches every chart to the run picked in the selector', async () => {
    const { page } = report;
    const before = await markCounts(page);
    await page.selectOption('#run-select', '1');
    const sels = await page.evaluate(() =>
      Object.values((window as unknown as GoschedWindow).gosched.views).map((v) => v.signal('sel')),
    );
    expect(new Set(sels)).toEqual(new Set([1]));
    const range = await page.evaluate(() =>
      (window as unknown as GoschedWindow).gosched.views['chart-local-queue']!.signal('tRange'),
    );
    expect(range).toEqual([0, 8000]);
    const after = await markCounts(page);
    // the db run has 4 Ps with empty queues: one merged cell per P
    expect(after['chart-local-queue']).toBe(4);
    expect(after['chart-local-queue']).not.toBe(before['chart-local-queue']);
  });
});
