import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commandsWritingTo, GROWTH_MB, LIMIT_MB, peakRssMB, settledPeakRssMB } from '../helpers/peak-rss.js';
import { ensureBuilt } from '../helpers/run-built-cli.js';
import { repoRoot } from '../helpers/samples.js';

/**
 * Peak RSS of each command (the `gosched` executable as a child process) on generated logs of many
 * runs and streams: a process restarting 200,000 times (one real Go 1.26 dump per run), and 60,000
 * compose services printing two real dumps each. Memory must stay under 300 MB and must not grow
 * with the number of runs (the same command on half the restarts) or of streams (past 4096 open
 * streams the idlest are released). memory-many-run.test.ts has the many-run logs of whole samples
 * and one long run. `npm run bench` runs the same at 256 MB, 1 GB and 2 GB (BENCH_SIZES) and with
 * 1e6 restarts (BENCH_LOGS=restarts-1000000); the README has the 10^6-stream figures.
 */
const RUNS = 200_000;
const STREAMS = 60_000;

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

const commands = commandsWritingTo(() => dir);

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

describe(`peak RSS on ${STREAMS} compose streams stays under ${LIMIT_MB} MB and flat (idle streams are released)`, () => {
  const streamCommands = [
    ...commands.filter(([name]) => ['check', 'report', 'analyze --json', 'diff', 'replay --json'].includes(name)),
    ['export', (f: string) => ['export', '-o', '/dev/null', f]] as const,
  ];
  test.each(streamCommands)(
    '%s',
    (_, args) => {
      const rss = settledPeakRssMB(args(manyStreams));
      const rssSmall = settledPeakRssMB(args(fewerStreams));
      expect(rss).toBeLessThan(LIMIT_MB);
      expect(rss - rssSmall).toBeLessThan(GROWTH_MB);
    },
    240_000,
  );
});
