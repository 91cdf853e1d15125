#!/usr/bin/env node
// Screenshots of three real reports for the README, re-made from the bundled samples:
//   docs/img/report-busy-p32.png     a busy 32-P log (samples/go1.26/overflow-p32-20ms.log)
//   docs/img/report-scheddetail.png  a scheddetail log (samples/go1.26/gcheavy-p4-detail-100ms.log)
//   docs/img/report-compose.png      a docker compose log of two services (samples/envelopes/compose.log)
//
//   npm run build && node scripts/screenshots.mjs
// Needs Chromium (on PATH, or GOSCHED_CHROMIUM) and playwright-core.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumMissing, findChromium } from './chromium-path.mjs';

const executablePath = findChromium();
if (executablePath === undefined) {
  console.error(chromiumMissing());
  process.exit(2);
}

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'docs/img');
await mkdir(out, { recursive: true });
const shots = [
  { name: 'report-busy-p32', sample: 'samples/go1.26/overflow-p32-20ms.log', height: 1500 },
  {
    name: 'report-scheddetail',
    sample: 'samples/go1.26/gcheavy-p4-detail-100ms.log',
    height: 1500,
    scrollTo: '#chart-goroutines',
  },
  { name: 'report-compose', sample: 'samples/envelopes/compose.log', height: 1100, select: '1' },
];

const dir = await mkdtemp(join(tmpdir(), 'gosched-shots-'));
const profile = await mkdtemp(join(tmpdir(), 'gosched-shots-profile-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1280, height: 900 },
  deviceScaleFactor: 1,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  for (const s of shots) {
    const html = join(dir, `${s.name}.html`);
    // run from the repository so the page names the sample by its relative path
    await promisify(execFile)(process.execPath, ['dist/bin/gosched.js', 'report', s.sample, '-o', html], { cwd: root });
    const page = await context.newPage();
    await page.goto(`file://${html}`);
    await page.waitForFunction(() => window.gosched && (window.gosched.rendered || window.gosched.error));
    if (s.select) {
      await page.selectOption('#run-select', s.select);
      await page.waitForTimeout(300);
    }
    let y = 0;
    if (s.scrollTo)
      y = await page.locator(s.scrollTo).evaluate((el) => el.getBoundingClientRect().top + window.scrollY - 8);
    await page.setViewportSize({ width: 1280, height: s.height });
    await page.screenshot({
      path: join(out, `${s.name}.png`),
      fullPage: true,
      clip: { x: 0, y: 0, width: 1280, height: s.height },
    });
    if (y > 0)
      await page.screenshot({
        path: join(out, `${s.name}-charts.png`),
        fullPage: true,
        clip: { x: 0, y, width: 1280, height: 900 },
      });
    console.log(`wrote docs/img/${s.name}.png from ${s.sample}`);
    await page.close();
  }
} finally {
  await context.close();
  await rm(dir, { recursive: true, force: true });
  await rm(profile, { recursive: true, force: true });
}
