#!/usr/bin/env node
// Benchmark of `gosched report`:
// 1. a one-day log traced every second with 64 Ps (--procs): builds the log from real sample dumps
//    repeated with advancing times, runs the built CLI on it, then opens the report in headless
//    Chromium and times until every chart has rendered (limits: 5 MB, 3 s);
// 2. peak RSS and time of `report` next to `analyze` on 64 MB, 256 MB and 1 GB logs (--sizes, MB)
//    made the same way from a real 32-P capture (limit for report: 400 MB RSS).
//
//   node scripts/bench-report.mjs [--hours 24] [--procs 64] [--sizes 64,256,1024] [--keep]
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { chromiumMissing, findChromium } from './chromium-path.mjs';

const { values: opts } = parseArgs({
  options: {
    hours: { type: 'string', default: '24' },
    procs: { type: 'string', default: '64' },
    keep: { type: 'boolean', default: false },
    sizes: { type: 'string', default: '64,256,1024' },
  },
});
const hours = Number(opts.hours);
const procs = Number(opts.procs);
const root = new URL('..', import.meta.url).pathname;
const dir = join(root, 'bench-data');
await mkdir(dir, { recursive: true });
const log = join(dir, `day-${procs}p.log`);
const html = join(dir, `day-${procs}p.html`);

// 1. the log: Go 1.26 dumps of an oversubscribed 8-P program, each P list tiled to `procs`
const source = 'samples/go1.26/oversub-p8-20ms-a.log';
const real = (await readFile(join(root, source), 'utf8')).split('\n').filter((l) => l.startsWith('SCHED '));
const parsed = real.map((l) => {
  const m = /^SCHED \d+ms: gomaxprocs=(\d+) idleprocs=(\d+) (.*?) \[ ([\d ]*) \] schedticks=\[ ([\d ]*) \]$/.exec(l);
  if (!m) throw new Error(`unexpected line in ${source}: ${l}`);
  return {
    p: Number(m[1]),
    idle: Number(m[2]),
    middle: m[3],
    runq: m[4].trim().split(/\s+/).map(Number),
    ticks: m[5].trim().split(/\s+/).map(Number),
  };
});
const tile = procs / parsed[0].p;
const n = hours * 3600;
const counters = new Array(procs).fill(0);
const lines = [];
for (let i = 0; i < n; i++) {
  const cur = parsed[i % parsed.length];
  const prev = parsed[(i + parsed.length - 1) % parsed.length];
  const runq = [];
  for (let k = 0; k < tile; k++) runq.push(...cur.runq);
  for (let p = 0; p < procs; p++) {
    const j = p % cur.p;
    counters[p] = (counters[p] + Math.max(0, cur.ticks[j] - prev.ticks[j])) % 2 ** 32;
  }
  // an occasional spike, to check that downsampling keeps it
  if (i === Math.floor(n * 0.61)) runq[17] = 256;
  lines.push(
    `SCHED ${i * 1000}ms: gomaxprocs=${procs} idleprocs=${cur.idle * tile} ${cur.middle} [ ${runq.join(' ')} ] schedticks=[ ${counters.join(' ')} ]`,
  );
}
await writeFile(log, `${lines.join('\n')}\n`);
const logBytes = (await stat(log)).size;

// 2. the report, with the built CLI
const t0 = performance.now();
await promisify(execFile)(process.execPath, [join(root, 'dist/bin/gosched.js'), 'report', log, '-o', html], {
  maxBuffer: 1 << 24,
});
const buildMs = performance.now() - t0;
const htmlBytes = (await stat(html)).size;

// 3. Chromium: from navigation to every chart rendered
let drawMs = null;
let chromiumNote = '';
const chromiumPath = findChromium();
if (chromiumPath !== undefined) {
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(join(tmpdir(), 'gosched-bench-'));
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
  const times = [];
  for (let i = 0; i < 3; i++) {
    const page = await context.newPage();
    await page.goto(`file://${html}`);
    await page.waitForFunction(() => window.gosched && (window.gosched.rendered || window.gosched.error), undefined, {
      polling: 10,
    });
    const state = await page.evaluate(() => ({
      renderMs: window.gosched.renderMs,
      error: window.gosched.error,
      views: Object.keys(window.gosched.views).length,
      timings: window.gosched.timings,
    }));
    if (state.error) throw new Error(`report failed to render: ${state.error}`);
    times.push(state.renderMs);
    chromiumNote = `${state.views} charts; ms per chart ${JSON.stringify(state.timings)}`;
    await page.close();
  }
  await context.close();
  await rm(profile, { recursive: true, force: true });
  drawMs = Math.min(...times);
  chromiumNote += `; runs ${times.map((t) => Math.round(t)).join(', ')} ms`;
} else {
  chromiumNote = `${chromiumMissing()}: draw time not measured`;
}

const mb = (b) => `${(b / 1024 / 1024).toFixed(2)} MB`;
console.log(`one-day log: ${n} dumps, ${procs} Ps, ${mb(logBytes)} (from ${source})`);
console.log(`gosched report: ${(buildMs / 1000).toFixed(1)} s, HTML ${mb(htmlBytes)} (limit 5 MB)`);
console.log(
  `chromium draw (navigation start to all charts rendered, best of 3): ${drawMs === null ? 'n/a' : `${Math.round(drawMs)} ms`} (limit 3000 ms; ${chromiumNote})`,
);
if (!opts.keep) await rm(log);
let ok = htmlBytes < 5 * 1024 * 1024 && (drawMs === null || drawMs < 3000);

// 2. peak RSS on large inputs: the child reports its own maxRSS when it exits
const rssHook = `data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss-kb='+process.resourceUsage().maxRSS+'\\n'))`;
async function measure(args) {
  const t = performance.now();
  const r = await new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', rssHook, join(root, 'dist/bin/gosched.js'), ...args],
      { maxBuffer: 1 << 26 },
      (err, _stdout, stderr) => resolve({ err, stderr }),
    );
  });
  const kb = Number(/maxrss-kb=(\d+)/.exec(r.stderr)?.[1] ?? Number.NaN);
  return { s: (performance.now() - t) / 1000, mb: kb / 1024, failed: r.err !== null && r.err.code !== 1 };
}
const busy = (await readFile(join(root, 'samples/go1.26/overflow-p32-20ms.log'), 'utf8'))
  .split('\n')
  .filter((l) => l.startsWith('SCHED '));
const period = 20;
for (const size of opts.sizes
  .split(',')
  .map(Number)
  .filter((n) => n > 0)) {
  const file = join(dir, `busy-${size}mb.log`);
  const target = size * 1024 * 1024;
  const { createWriteStream } = await import('node:fs');
  const w = createWriteStream(file);
  let written = 0;
  let i = 0;
  while (written < target) {
    const chunk = [];
    for (let j = 0; j < 2000; j++, i++) {
      const l = busy[i % busy.length].replace(/^SCHED \d+ms:/, `SCHED ${i * period}ms:`);
      chunk.push(l);
    }
    const text = `${chunk.join('\n')}\n`;
    written += Buffer.byteLength(text);
    if (!w.write(text)) await new Promise((r) => w.once('drain', r));
  }
  await new Promise((r) => w.end(r));
  const out = join(dir, `busy-${size}mb.html`);
  const report = await measure(['report', file, '-o', out]);
  const analyze = await measure(['analyze', file]);
  const htmlMb = (await stat(out)).size / 1024 / 1024;
  console.log(
    `${size} MB log (${i} dumps, 32 Ps): report ${report.s.toFixed(1)} s, peak RSS ${report.mb.toFixed(0)} MB, HTML ${htmlMb.toFixed(2)} MB; ` +
      `analyze ${analyze.s.toFixed(1)} s, peak RSS ${analyze.mb.toFixed(0)} MB`,
  );
  if (report.failed || !(report.mb < 400) || htmlMb >= 5) ok = false;
  if (!opts.keep) await rm(file);
}
process.exitCode = ok ? 0 : 1;
