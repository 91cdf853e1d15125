import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commandsWritingTo, GROWTH_MB, LIMIT_MB, peakRssAndStderr, peakRssMB } from '../helpers/peak-rss.js';
import { ensureBuilt } from '../helpers/run-built-cli.js';
import { repoRoot } from '../helpers/samples.js';

/**
 * Peak RSS of each command (the `gosched` executable as a child process) on 64 MB of the real sample
 * logs concatenated whole, each copy a new run (scripts/bench-data.mjs: the log a crash-looping pod
 * leaves), and on one long run. Memory must stay under 300 MB, and on the long run must not grow
 * with its length. Apart from memory.test.ts (restarts and streams) so the two run side by side.
 */
let dir = '';
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'gosched-memory-many-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const commands = commandsWritingTo(() => dir);

/** Size of the many-run logs: large enough for thousands of runs, small enough for CI. */
const MANY_RUN_MB = 64;
const HTML_LIMIT = 5 * 1024 * 1024;

describe(`peak RSS on ${MANY_RUN_MB} MB many-run logs of real samples stays under ${LIMIT_MB} MB`, () => {
  const logs: Record<string, string> = {};
  beforeAll(() => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'bench-data.mjs'), String(MANY_RUN_MB)], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, GOSCHED_BENCH_DATA: dir },
    });
    expect(r.status, r.stderr).toBe(0);
    const [summary, scheddetail] = r.stdout.trim().split('\n');
    Object.assign(logs, { summary, scheddetail });
  }, 120_000);

  // replay runs the model on every interval (about 0.3 MB/s): the restarts in memory.test.ts and `npm run bench` cover it
  // report: its one-step replay of a log of at most 20,000 dumps takes minutes on scheddetail (136 MB
  // peak at 64 MB in `npm run bench`); the summary log has more dumps and skips it anyway
  const manyRunCommands = commands
    .filter(([name]) => !['replay --json', 'analyze'].includes(name))
    .map(([name, args]): (typeof commands)[number] =>
      name === 'report' ? [name, (f) => ['report', '--no-replay', ...args(f).slice(1)]] : [name, args],
    );
  test.each(
    ['summary', 'scheddetail'].flatMap((kind) => manyRunCommands.map(([name, args]) => [kind, name, args] as const)),
  )(
    '%s: %s',
    (kind, name, args) => {
      const log = logs[kind] as string;
      expect(statSync(log).size).toBeGreaterThanOrEqual(MANY_RUN_MB * 1024 * 1024);
      expect(peakRssMB(args(log))).toBeLessThan(LIMIT_MB);
      if (name === 'report') expect(statSync(join(dir, 'report.html')).size).toBeLessThan(HTML_LIMIT);
    },
    240_000,
  );

  // The live commands: `watch -` reads the log from a pipe as from a crash-looping pod, and its closing
  // summary (on stderr, stdout being NDJSON) lists the last SUMMARY_RUNS runs, not thousands.
  test.each(['summary', 'scheddetail'])(
    '%s: watch - (closing summary of the last 20 runs) and export',
    (kind) => {
      const log = logs[kind] as string;
      const watch = peakRssAndStderr(['watch', '-'], log);
      expect(watch.mb).toBeLessThan(LIMIT_MB);
      // Colours or not (CI may force them), the text between the escape codes.
      const summary = stripVTControlCharacters(watch.stderr);
      const runSections = summary.split('\n').filter((l) => /^stream \S* ?run \d+:/.test(l)).length;
      expect(runSections).toBe(20);
      expect(summary).toMatch(/\(\d{4,} earlier runs not listed: the last 20 to end follow/);
      expect(peakRssMB(['export', '-o', '/dev/null', log])).toBeLessThan(LIMIT_MB);
    },
    240_000,
  );
});

/**
 * One long run (a real Go 1.26 sample's dumps repeated with the clock advancing, as `npm run bench`
 * makes its long-run logs): replay and check --min-skill go through it dump by dump, so memory does
 * not grow with the run's length.
 */
describe('peak RSS on one long run stays under 300 MB and flat (replay streams dump by dump)', () => {
  const logs: Record<'short' | 'long', string> = { short: '', long: '' };
  beforeAll(() => {
    const lines = readFileSync(join(repoRoot, 'samples/go1.26/oversub-p8-20ms-a.log'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('SCHED '));
    const times = lines.map((l) => Number(/^SCHED (\d+)ms:/.exec(l)?.[1]));
    const span = times[times.length - 1]! + (times[1]! - times[0]!);
    const run = (copies: number): string => {
      const out: string[] = [];
      for (let c = 0; c < copies; c++)
        for (const l of lines) out.push(l.replace(/^SCHED (\d+)ms:/, (_, t) => `SCHED ${Number(t) + c * span}ms:`));
      return `${out.join('\n')}\n`;
    };
    const bytesPerCopy = run(1).length;
    logs.short = join(dir, 'long-short.log');
    logs.long = join(dir, 'long-long.log');
    writeFileSync(logs.short, run(Math.ceil((8 << 20) / bytesPerCopy)));
    writeFileSync(logs.long, run(Math.ceil((24 << 20) / bytesPerCopy)));
  });

  test.each([
    ['replay --json', (f: string) => ['replay', '--json', '-o', '/dev/null', f]],
    ['check --min-skill', (f: string) => ['check', '--min-skill', '0', f]],
  ])(
    '%s',
    (_, args) => {
      const rss = peakRssMB(args(logs.long));
      const rssShort = peakRssMB(args(logs.short));
      expect(rss).toBeLessThan(LIMIT_MB);
      expect(rss - rssShort).toBeLessThan(GROWTH_MB);
    },
    240_000,
  );

  test('the free run accounts for every dump: a point each, up to where it stopped if its model ran away', () => {
    const r = spawnSync(
      process.execPath,
      [join(repoRoot, 'dist', 'bin', 'gosched.js'), 'replay', '--json', logs.short],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const records = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const run = records.find((x) => x.type === 'run');
    const free = records.filter((x) => x.type === 'free-run');
    const d = run.freeRun.diverged;
    if (d === undefined) expect(free).toHaveLength(run.points - 1);
    else {
      // the observed queues of this workload stay under 1,000 goroutines: the floor is the limit
      expect(d.limit).toBe(10_000);
      expect(d.queued).toBeGreaterThan(d.limit);
      expect(free.at(-1).line).toBe(d.line);
      expect(free.length).toBeLessThan(run.points - 1);
    }
    expect(records.filter((x) => x.type === 'interval')).toHaveLength(run.oneStep.fidelity.intervals);
  }, 120_000);
});
