/**
 * The report of a real scheddetail capture whose run has no finding but a drained pile-up (the
 * blind round novel19's handlers behind slow writers), in Chromium: "What happened" names the
 * pile-up beside "No finding", with who waited on whom, and the page loads without an error.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { hasChromium, launchChromium, openReport, printSkipLine, type Browser, type LoadedReport } from './chromium.js';

printSkipLine();

const log = join(import.meta.dirname, '../../samples/labelled/novel19-go1.26/pileup-p4-detail-200ms.log.gz');

describe.skipIf(!hasChromium)('a drained pile-up in the report, in Chromium', () => {
  let browser: Browser;
  let dir: string;
  let report: LoadedReport | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gosched-pile-up-'));
    const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runCli(['report', log, '-o', join(dir, 'pileup.html')])).toBe(0);
    } finally {
      quiet.mockRestore();
    }
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await report?.page.close();
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('says what happened off the run queues where no finding holds', async () => {
    report = await openReport(browser.context, join(dir, 'pileup.html'));
    expect(report.errors).toEqual([]);
    const story = (await report.page.locator('.story:not([hidden])').textContent()) ?? '';
    expect(story).toContain('No finding');
    expect(story).toContain('goroutines parked in chan send rose from 0 at 0 s to 1674 at 3.1 s');
    expect(story).toContain('fell back to 0 by the last dump');
    expect(story).toContain('producers ahead of a consumer slower than they are');
  });
});
