/**
 * Peak RSS of a `gosched` command run as a child process (the built executable), for the memory
 * tests: under LIMIT_MB whatever the input, and growing by less than GROWTH_MB when the input doubles.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { repoRoot } from './samples.js';

export const LIMIT_MB = 300;
/** Allowed growth from half the input to all of it (the heap settling at its working size); 500 bytes kept per run of 200,000 would exceed it. */
export const GROWTH_MB = 50;

/** Loaded before the executable (`--import`): prints the peak RSS as the process exits. */
const rssHook = `data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss '+process.resourceUsage().maxRSS+'\\n'))`;

export function peakRssMB(args: string[], stdinFile?: string): number {
  return peakRssAndStderr(args, stdinFile).mb;
}

/** peakRssMB, with what the command wrote to stderr (1 MB at most, or the run fails). */
export function peakRssAndStderr(args: string[], stdinFile?: string): { mb: number; stderr: string } {
  const stdin = stdinFile === undefined ? 'ignore' : openSync(stdinFile, 'r');
  const r = spawnSync(process.execPath, ['--import', rssHook, join(repoRoot, 'dist', 'bin', 'gosched.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    // stdout is not read (check prints a line per run)
    stdio: [stdin, 'ignore', 'pipe'],
    maxBuffer: 1 << 20,
  });
  if (typeof stdin === 'number') closeSync(stdin);
  // check exits 1 when a run fails the gate
  expect([0, 1], r.stderr).toContain(r.status);
  const kb = /maxrss (\d+)/.exec(r.stderr)?.[1];
  expect(kb, r.stderr).toBeDefined();
  return { mb: Number(kb) / 1024, stderr: r.stderr };
}

/**
 * The lower peak of two runs. A peak depends on when the collector ran (analyze lets its heap grow
 * 100% past the live size): one run of the same command on 60,000 streams peaked at 212 MB and
 * the next at 255 MB. Memory kept per stream raises every run's peak, so the lower one still shows it.
 */
export function settledPeakRssMB(args: string[]): number {
  return Math.min(peakRssMB(args), peakRssMB(args));
}

/** The commands measured, writing their files (JUnit, summary, HTML) into the folder `dir()` names when they run. */
export function commandsWritingTo(dir: () => string): [string, (f: string) => string[]][] {
  return [
    ['check', (f) => ['check', '--junit', join(dir(), 'junit.xml'), '--summary', join(dir(), 'summary.md'), f]],
    ['report', (f) => ['report', '-o', join(dir(), 'report.html'), f]],
    ['analyze --json', (f) => ['analyze', '--json', '-o', '/dev/null', f]],
    ['analyze', (f) => ['analyze', '-o', '/dev/null', f]],
    ['parse --format ndjson', (f) => ['parse', '-q', '-o', '/dev/null', f]],
    ['parse --format csv', (f) => ['parse', '-q', '--format', 'csv', '-o', '/dev/null', f]],
    ['diff', (f) => ['diff', '--json', f, f]],
    ['replay --json', (f) => ['replay', '--json', '-o', '/dev/null', f]],
  ];
}
