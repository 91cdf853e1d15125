// Throughput and peak memory of `gosched analyze --json` on large generated logs, beside `wc -l`
// on the same files in the same run. The logs are real samples repeated with advancing times.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const dataDir = join(root, 'bench-data');
const MB = 1024 * 1024;
const summaryMB = Number(process.env.BENCH_SUMMARY_MB ?? 1024);
const detailMB = Number(process.env.BENCH_DETAIL_MB ?? 512);

/** Writes `targetMB` of the sample's dumps repeated, each copy shifted to continue the clock. */
async function generate(sample, file, targetMB) {
  const path = join(dataDir, file);
  if (existsSync(path) && statSync(path).size >= targetMB * MB) return path;
  mkdirSync(dataDir, { recursive: true });
  const lines = readFileSync(join(root, sample), 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  const times = lines
    .map((l) => /^SCHED (\d+)ms:/.exec(l)?.[1])
    .filter(Boolean)
    .map(Number);
  const span = (times[times.length - 1] ?? 0) + (times[1] ?? 10);
  const out = createWriteStream(path);
  let written = 0;
  for (let copy = 0; written < targetMB * MB; copy++) {
    const shift = copy * span;
    const chunk =
      lines.map((l) => l.replace(/^SCHED (\d+)ms:/, (_, t) => `SCHED ${Number(t) + shift}ms:`)).join('\n') + '\n';
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
  return path;
}

function timed(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return { seconds, stdout: r.stdout, stderr: r.stderr };
}

const cli = join(root, 'dist', 'cli', 'run-cli.js');
const runner = `import(${JSON.stringify(cli)}).then(async (m) => { const code = await m.runCli(process.argv.slice(1)); process.stderr.write('maxrss ' + process.resourceUsage().maxRSS + '\\n'); process.exitCode = code; })`;

/** How fast this machine runs plain JavaScript: a calibration printed beside the figures. */
function calibrate() {
  const t0 = performance.now();
  let s = 0;
  for (let i = 0; i < 2e8; i++) s += i & 7;
  return { ms: Math.round(performance.now() - t0), s };
}

export async function benchParse() {
  const cal = calibrate();
  console.log(`calibration: a 2e8-iteration JavaScript loop takes ${cal.ms} ms on this machine`);
  const cases = [
    {
      name: 'summary',
      path: await generate('samples/go1.26/oversub-p8-20ms-a.log', 'summary.log', summaryMB),
      target: 300,
    },
    {
      name: 'scheddetail',
      path: await generate('samples/go1.26/netpoll-p2-detail-200ms.log', 'detail.log', detailMB),
      target: 150,
    },
  ];
  const rows = [];
  for (const c of cases) {
    const size = statSync(c.path).size / MB;
    timed('wc', ['-l', c.path]); // warm the page cache, so both tools read from memory
    const wc = timed('wc', ['-l', c.path]);
    const run = timed(process.execPath, [
      '--input-type=module',
      '-e',
      runner,
      'analyze',
      '--json',
      '-o',
      '/dev/null',
      c.path,
    ]);
    const rssMB = Number(/maxrss (\d+)/.exec(run.stderr)?.[1] ?? 0) / 1024;
    rows.push({
      log: c.name,
      sizeMB: Math.round(size),
      goschedMBps: Math.round(size / run.seconds),
      wcMBps: Math.round(size / wc.seconds),
      ratio: `${(wc.seconds / run.seconds).toFixed(3)}`,
      peakRssMB: Math.round(rssMB),
      targetMBps: c.target,
      met: size / run.seconds >= c.target && rssMB < 300 ? 'yes' : 'no',
    });
  }
  console.log('\n## parse + analyze (gosched analyze --json)');
  console.table(rows);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchParse();
