/**
 * Reports of real samples in Chromium, on what the page got wrong before: the last dump's cell
 * drawn inside the plot, an axis titled by its time base, a pasted excerpt without `SCHED <t>ms:`
 * heads spread over its dumps, a one-dump log drawn as bars, the story and episodes following the
 * selected compose service, the wall-clock switch, and not one console message.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { timeTitles } from '../../src/report/charts/chart.js';
import {
  axisTitles,
  hasChromium,
  launchChromium,
  markItems,
  openReport,
  printSkipLine,
  type Browser,
  type LoadedReport,
} from './chromium.js';

printSkipLine();

const samples = join(import.meta.dirname, '../../samples');
const schedLines = async (file: string) =>
  (await readFile(join(samples, file), 'utf8')).split('\n').filter((l) => l.startsWith('SCHED'));

describe.skipIf(!hasChromium)('time axis and story of real samples in Chromium', () => {
  let browser: Browser;
  let dir: string;
  const opened: LoadedReport[] = [];
  const open = async (name: string) => {
    const r = await openReport(browser.context, join(dir, `${name}.html`));
    opened.push(r);
    expect(r.errors).toEqual([]);
    return r;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gosched-time-'));
    const overflow = await schedLines('go1.26/overflow-p1-10ms-a.log');
    const seed = await schedLines('go1.26/seed-p4-100ms-a.log');
    const oversub = await schedLines('go1.26/oversub-p2-20ms-a.log');
    const logs: Record<string, string[]> = {
      // two dumps of a real run: the old axis ended at the second dump and dropped its cells
      two: oversub.slice(0, 2),
      // a pasted excerpt: the lines without their `SCHED <t>ms: ` heads
      fragment: oversub.slice(0, 12).map((l) => l.replace(/^SCHED +\d+ms: +/, '')),
      one: oversub.slice(1, 2),
      // a compose log of two services, one with overflow findings and one without
      compose: [...overflow.map((l) => `api-1     | ${l}`), ...seed.map((l) => `worker-1  | ${l}`)],
      // a dense run: the real dumps repeated with advancing times, past the hover-dot limit
      dense: Array.from({ length: 6000 }, (_, i) =>
        (oversub[i % oversub.length] as string).replace(/^SCHED +\d+ms:/, `SCHED ${i * 20}ms:`),
      ),
    };
    const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      for (const [name, lines] of Object.entries(logs)) {
        await writeFile(join(dir, `${name}.log`), lines.map((l) => `${l}\n`).join(''));
        expect(await runCli(['report', join(dir, `${name}.log`), '-o', join(dir, `${name}.html`)])).toBe(0);
      }
      const rfc = join(samples, 'envelopes/rfc3339-prefixed.log');
      expect(await runCli(['report', rfc, '-o', join(dir, 'rfc.html')])).toBe(0);
    } finally {
      quiet.mockRestore();
    }
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const r of opened) await r.page.close();
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("draws the last dump's heatmap cells inside the plot, titled by process uptime", async () => {
    const { page } = await open('two');
    const { width, items } = await markItems(page, 'chart-local-queue', 'rect');
    const lines = new Set(items.map((i) => i.datum.line));
    expect(lines).toEqual(new Set([1, 2]));
    for (const cell of items.filter((i) => i.datum.line === 2)) {
      expect(cell.width).toBeGreaterThan(width / 4);
      expect(cell.x + cell.width).toBeLessThanOrEqual(width + 0.5);
    }
    expect(await axisTitles(page, 'chart-local-queue')).toContain(timeTitles.uptime);
  });

  it('spreads an excerpt without SCHED times over its dumps, on a dump-index axis', async () => {
    const { page } = await open('fragment');
    const { width, items } = await markItems(page, 'chart-local-queue', 'rect');
    const xs = [...new Set(items.map((i) => Math.round(i.x)))];
    expect(xs.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(width * 0.8);
    expect(await axisTitles(page, 'chart-global')).toContain(timeTitles.index);
    expect(await page.locator('#time-base').textContent()).toBe('dump index');
  });

  it('draws a one-dump log as bars per P, with no empty line charts', async () => {
    const { page } = await open('one');
    expect(await page.locator('#chart-one-dump').isVisible()).toBe(true);
    expect(await page.locator('#chart-overview').isVisible()).toBe(false);
    const { items } = await markItems(page, 'chart-one-dump', 'rect');
    expect(items).toHaveLength(2);
    const labels = await markItems(page, 'chart-one-dump', 'text');
    expect(labels.items.map((i) => i.datum.v)).toEqual([44, 16]);
    expect(Math.max(...items.map((i) => i.height))).toBeGreaterThan(10);
    // the held step of the single dump is a visible line
    const lines = await markItems(page, 'chart-global', 'line');
    expect(lines.items.length).toBeGreaterThan(0);
  });

  it('tells the story of the selected compose service and switches with the selector', async () => {
    const { page } = await open('compose');
    const story = async () => (await page.locator('.story:not([hidden])').textContent()) ?? '';
    const api = await story();
    expect(api).toMatch(/^api-1/);
    expect(api).toMatch(/Saturated|Busy|Bursty|Mostly idle/);
    expect(api).toMatch(/Headline \(the costliest of 3 findings\): saturation, once between/);
    expect(api).toContain('All 3 findings of this run');
    const marks = () => markItems(page, 'chart-findings', 'symbol').then((m) => m.items.length);
    expect(await marks()).toBe(3);
    await page.selectOption('#run-select', '1');
    const worker = await story();
    expect(worker).toMatch(/^worker-1/);
    expect(worker).not.toContain('local-overflow');
    expect(worker).toMatch(/Headline: saturation/);
    expect(worker).toContain('All 1 findings of this run');
    expect(await marks()).toBe(1);
  });

  it('zooms the charts to an episode when its link is clicked', async () => {
    const { page } = await open('compose');
    const link = page.locator('.story:not([hidden]) table.episodes a').first();
    const t0 = Number(await link.getAttribute('data-t0'));
    const t1 = Number(await link.getAttribute('data-t1'));
    await link.click();
    const range = await page.evaluate(
      () =>
        (window as unknown as { gosched: { views: Record<string, { signal(n: string): number[] }> } }).gosched.views[
          'chart-global'
        ]?.signal('tRange') ?? [],
    );
    const [from, to] = range as [number, number];
    expect(from).toBeLessThanOrEqual(t0);
    expect(to).toBeGreaterThanOrEqual(t1);
    expect(to - from).toBeLessThan(2 * (t1 - t0) + 1000);
  });

  it('draws a dense run as lines without thousands of hover dots, and without a console message', async () => {
    const { page } = await open('dense');
    const dots = await markItems(page, 'chart-global', 'symbol');
    // one held last row per metric panel instead of a dot per dump and metric
    expect(dots.items.length).toBeLessThan(20);
    const lines = await markItems(page, 'chart-global', 'line');
    expect(lines.items.length).toBeGreaterThan(1000);
  });

  it('switches an RFC 3339 stamped log to wall-clock time and back', async () => {
    const { page } = await open('rfc');
    expect(await axisTitles(page, 'chart-global')).toContain(timeTitles.uptime);
    await page.check('#wall-clock');
    await expect.poll(() => axisTitles(page, 'chart-global')).toContain(timeTitles.wall);
    const { items } = await markItems(page, 'chart-local-queue', 'rect');
    // cells now sit at epoch milliseconds of the envelope's stamps (2026)
    expect(Math.min(...items.map((i) => Number(i.datum.t)))).toBeGreaterThan(Date.parse('2020-01-01'));
    await page.uncheck('#wall-clock');
    await expect.poll(() => axisTitles(page, 'chart-global')).toContain(timeTitles.uptime);
  });
});
