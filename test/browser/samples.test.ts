/**
 * Bundled samples through `gosched report` and into Chromium from file://: no console error,
 * no request, marks in every chart; a tooltip on hover; a hostile compose service name stays text.
 *
 * Every sample of every Go release, envelope and machine is rendered. The two corpora (labelled/ and
 * programs/, 218 logs) repeat one program at several releases and GOMAXPROCS values, which changes
 * the numbers in a report but not what it draws; one log per program and kind of output (summary,
 * scheddetail, gctrace) is rendered from them, which halves the time this file takes in CI. The
 * third captures of the fidelity settings (`…-c.log`) repeat an `-a` capture's program, release and
 * settings, and are left out too.
 */
import { readdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import {
  hasChromium,
  hoverForTooltip,
  launchChromium,
  markCounts,
  openReport,
  printSkipLine,
  type Browser,
} from './chromium.js';

printSkipLine();

const samplesDir = join(import.meta.dirname, '../../samples');
const evil = '</script><script>alert(1)</script>';
const evilFile = '<img src=x onerror=alert(2)>.log';

/** A corpus log's program and kind of output: `gcalloc-p16-gctrace-50ms.log` and `gcalloc-p8-gctrace-50ms.log` are one. */
function corpusShape(file: string): string | undefined {
  const [corpus] = file.split('/');
  if (corpus !== 'labelled' && corpus !== 'programs') return undefined;
  const name = file.slice(file.lastIndexOf('/') + 1);
  const program = name.replace(/-(go1\.\d+|p\d+).*$/, '');
  return [corpus, program, name.includes('-detail'), name.includes('-gctrace')].join(':');
}

async function sampleFiles(): Promise<string[]> {
  const entries = await readdir(samplesDir, { recursive: true });
  const logs = entries.filter((f) => /\.log(\.gz)?$/.test(f) && !f.startsWith('workloads')).sort();
  const shapes = new Set<string>();
  return logs.filter((f) => {
    if (/^go1\.\d+\/.*-c\.log$/.test(f)) return false;
    // The held-out, one-CPU and blind captures repeat the shapes of go1.26/, go1.19/ and labelled logs.
    if (['heldout/', 'one-cpu/', 'replay-blind/', 'wakep-blind/', 'drain-blind/'].some((d) => f.startsWith(d)))
      return false;
    const shape = corpusShape(f);
    if (shape === undefined) return true;
    if (shapes.has(shape)) return false;
    shapes.add(shape);
    return true;
  });
}

const samples = await sampleFiles();

describe.skipIf(!hasChromium)('sample reports in Chromium', () => {
  let browser: Browser;
  let dir: string;
  const htmlOf = (sample: string) => join(dir, `${sample.replace(/[/.]/g, '_')}.html`);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gosched-reports-'));
    const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      for (const s of samples) {
        const code = await runCli(['report', join(samplesDir, s), '-o', htmlOf(s)]);
        if (code !== 0) throw new Error(`gosched report ${s} exited ${code}`);
      }
      // a compose log whose service name is markup: lines are `<service>  | <text>`
      const lines = (await readFile(join(samplesDir, 'go1.26/oversub-p2-20ms-a.log'), 'utf8'))
        .split('\n')
        .filter((l) => l.startsWith('SCHED'));
      await writeFile(join(dir, 'evil.log'), lines.map((l) => `${evil}  | ${l}\n`).join(''));
      // and a file whose name is markup: with several files, stream names carry the file name
      await writeFile(join(dir, evilFile), lines.map((l) => `${l}\n`).join(''));
      const code = await runCli(['report', join(dir, 'evil.log'), join(dir, evilFile), '-o', join(dir, 'evil.html')]);
      if (code !== 0) throw new Error(`gosched report evil.log exited ${code}`);
    } finally {
      quiet.mockRestore();
    }
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('finds the bundled samples', () => {
    expect(samples.length).toBeGreaterThan(150);
  });

  for (const s of samples) {
    it.concurrent(`${relative('.', s)}: loads offline, every chart draws marks`, async () => {
      const r = await openReport(browser.context, htmlOf(s));
      try {
        expect(r.errors).toEqual([]);
        expect(r.requests).toEqual([]);
        const counts = await markCounts(r.page);
        const sections = await r.page.locator('section.chart:not([hidden])').count();
        expect(Object.keys(counts)).toHaveLength(sections);
        for (const [id, n] of Object.entries(counts)) expect(n, id).toBeGreaterThan(0);
      } finally {
        await r.page.close();
      }
    });
  }

  it('shows a tooltip with exact numbers and the input line on hover', async () => {
    const r = await openReport(browser.context, htmlOf('go1.26/oversub-p2-20ms-a.log'));
    try {
      const text = await hoverForTooltip(r.page, '#chart-global .mark-symbol path');
      expect(text).toMatch(/value\s*\d+.*input line\s*\d+/);
    } finally {
      await r.page.close();
    }
  });

  it('shows markup in a service name or file name as text and runs nothing from it', async () => {
    const r = await openReport(browser.context, join(dir, 'evil.html'));
    try {
      expect(await r.page.evaluate(() => document.querySelectorAll('script, img').length)).toBe(5);
      expect(r.dialogs).toEqual([]);
      expect(r.errors).toEqual([]);
      const options = await r.page.locator('#run-select option').allTextContents();
      expect(options.some((o) => o.includes(`${evilFile} (`))).toBe(true);
      // The compose service name reached the page as a stream name, shown as text.
      expect(options.some((o) => o.includes(`${evil} (`))).toBe(true);
      expect(await r.page.locator('.sources').textContent()).toContain(evilFile);
      const counts = await markCounts(r.page);
      expect(counts['chart-global']).toBeGreaterThan(0);
    } finally {
      await r.page.close();
    }
  });
});
