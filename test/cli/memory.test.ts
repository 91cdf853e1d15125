import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt } from '../helpers/run-built-cli.js';
import { repoRoot } from '../helpers/samples.js';

/**
 * Peak RSS of each streaming command, as a child process, on generated logs of many runs and of many
 * streams: a process restarting 200,000 times (one real Go 1.26 dump per run), and 100,000 compose
 * services printing two real dumps each. Memory must stay under 300 MB and must not grow with the
 * number of runs or streams (the same command on half the log). `npm run bench` runs the same with
 * 1e6 restarts and on 256 MB logs (BENCH_LOGS=restarts-1000000).
 */
const RUNS = 200_000;
const STREAMS = 100_000;
const LIMIT_MB = 300;
/** Allowed growth from RUNS/2 to RUNS runs (the heap settling at its working size); 500 bytes kept per run would exceed it. */
const GROWTH_MB = 50;

const runner = (cli: string) =>
  `import(${JSON.stringify(cli)}).then(async (m) => { const code = await m.runCli(process.argv.slice(1)); process.stderr.write('maxrss ' + process.resourceUsage().maxRSS + '\\n'); process.exitCode = code; })`;

let dir = '';
let big = '';
let small = '';
let manyStreams = '';
let fewerStreams = '';

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'gosched-memory-'));
  const text = readFileSync(join(repoRoot, 'samples/go1.26/oversub-p2-20ms-a.log'), 'utf8');
  const dump = `${text.split('\n').find((l) => l.startsWith('SCHED 0ms:'))}\n`;
  big = join(dir, 'restarts.log');
  small = join(dir, 'restarts-small.log');
  writeFileSync(big, dump.repeat(RUNS));
  writeFileSync(small, dump.repeat(RUNS / 2));
  const [first, second] = text.split('\n').filter((l) => l.startsWith('SCHED '));
  const services = (n: number): string => {
    const lines: string[] = [];
    for (let i = 0; i < n; i++) lines.push(`api-${i}  | ${first}`, `api-${i}  | ${second}`);
    return `${lines.join('\n')}\n`;
  };
  manyStreams = join(dir, 'streams.log');
  fewerStreams = join(dir, 'streams-small.log');
  writeFileSync(manyStreams, services(STREAMS));
  writeFileSync(fewerStreams, services(STREAMS / 2));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function peakRssMB(args: string[]): number {
  const r = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', runner(join(repoRoot, 'dist', 'cli', 'run-cli.js')), ...args],
    // stdout is not read: check prints a line per run.
    { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  expect(r.status, r.stderr).toBe(0);
  const kb = /maxrss (\d+)/.exec(r.stderr)?.[1];
  expect(kb).toBeDefined();
  return Number(kb) / 1024;
}

const commands: [string, (f: string) => string[]][] = [
  ['analyze --json', (f) => ['analyze', '--json', '-o', '/dev/null', f]],
  ['analyze', (f) => ['analyze', '-o', '/dev/null', f]],
  ['parse --format ndjson', (f) => ['parse', '-q', '-o', '/dev/null', f]],
  ['parse --format csv', (f) => ['parse', '-q', '--format', 'csv', '-o', '/dev/null', f]],
  ['diff', (f) => ['diff', '--json', f, f]],
  ['replay --json', (f) => ['replay', '--json', '-o', '/dev/null', f]],
];

describe(`peak RSS on ${RUNS} restarts stays under ${LIMIT_MB} MB and flat`, () => {
  test.each(commands)(
    '%s',
    (_, args) => {
      const rss = peakRssMB(args(big));
      const rssSmall = peakRssMB(args(small));
      expect(rss).toBeLessThan(LIMIT_MB);
      expect(rss - rssSmall).toBeLessThan(GROWTH_MB);
    },
    180_000,
  );
});

const streamCommands: [string, (f: string) => string[]][] = [
  ...commands.filter(([name]) => name !== 'analyze'),
  ['check', (f) => ['check', '-q', f]],
  ['export', (f) => ['export', '-o', '/dev/null', f]],
];

describe(`peak RSS on ${STREAMS} streams stays under ${LIMIT_MB} MB and flat (idle streams are released)`, () => {
  test.each(streamCommands)(
    '%s',
    (_, args) => {
      const rss = peakRssMB(args(manyStreams));
      const rssSmall = peakRssMB(args(fewerStreams));
      expect(rss).toBeLessThan(LIMIT_MB);
      expect(rss - rssSmall).toBeLessThan(GROWTH_MB);
    },
    240_000,
  );
});
