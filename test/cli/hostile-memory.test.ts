/**
 * Hostile inputs stay within the memory bound (peak RSS of the CLI process below 300 MB, measured in
 * the child with process.resourceUsage().maxRSS) and are reported, never crash.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliPath, ensureBuilt } from '../helpers/run-built-cli.js';
import { repoRoot } from '../helpers/samples.js';

const LIMIT_MB = 300;
const scratch = mkdtempSync(join(tmpdir(), 'gosched-hostile-'));
beforeAll(() => ensureBuilt());
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const sched = readFileSync(join(repoRoot, 'samples/go1.26/seed-p4-100ms-a.log'), 'utf8').split('\n')[0]!;

/** Runs the built CLI in a child that reports its peak RSS on exit. */
function measured(args: string[]): { code: number | null; stdout: string; stderr: string; peakMb: number } {
  const wrapper = `process.on('exit', () => process.stderr.write('\\npeak-rss-kb ' + process.resourceUsage().maxRSS + '\\n'));
process.argv = [process.argv[0], ${JSON.stringify(cliPath)}, ...process.argv.slice(1)];
await import(${JSON.stringify(`file://${cliPath}`)});`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', wrapper, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const kb = Number(/peak-rss-kb (\d+)/.exec(r.stderr)?.[1]);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.replace(/\npeak-rss-kb \d+\n$/, ''), peakMb: kb / 1024 };
}

function bigFile(name: string, parts: (write: (s: string | Buffer) => void) => void): string {
  const p = join(scratch, name);
  const fd = openSync(p, 'w');
  parts((s) => writeSync(fd, typeof s === 'string' ? Buffer.from(s) : s));
  closeSync(fd);
  return p;
}

describe(`hostile inputs: peak RSS below ${LIMIT_MB} MB`, () => {
  test('a 256 MiB line between two SCHED lines: reported as malformed, skipped without being held', () => {
    const p = bigFile('long-line.log', (w) => {
      w(`${sched}\n`);
      const block = Buffer.alloc(1 << 20, 'x');
      for (let i = 0; i < 256; i++) w(block);
      w(`\n${sched.replace('SCHED 0ms', 'SCHED 100ms')}\n`);
    });
    const r = measured(['analyze', '--json', p]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      counts: { lines: number; schedtrace: number; malformed: number; foreign: number };
      diagnostics: { line: number; message: string }[];
    };
    expect(doc.counts).toEqual({ lines: 3, schedtrace: 2, foreign: 0, malformed: 1 });
    expect(doc.diagnostics.find((d) => d.line === 2)?.message).toBe(
      `line longer than 1 MiB (${256 << 20} bytes); skipped`,
    );
    expect(r.peakMb).toBeLessThan(LIMIT_MB);
    console.log(`long line: peak RSS ${r.peakMb.toFixed(0)} MB`);
  });

  test('a gzip bomb (512 MiB of NULs in about 0.5 MB): refused by the ratio limit, streamed, exit 2', () => {
    const p = join(scratch, 'bomb.log.gz');
    writeFileSync(p, gzipSync(Buffer.alloc(512 << 20), { level: 9 }));
    const r = measured(['parse', p]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(
      /^gosched: .*bomb\.log\.gz: gzip data expands more than 500:1 \(\d+ bytes from \d+\); a text log does not, refusing it as a likely gzip bomb$/,
    );
    expect(r.peakMb).toBeLessThan(LIMIT_MB);
    console.log(`gzip bomb: peak RSS ${r.peakMb.toFixed(0)} MB`);
  });

  test('GOMAXPROCS lists of 10^5 values: every line reported, memory bounded', () => {
    const list = `[${' 0'.repeat(100_000)} ]`;
    const p = bigFile('many-ps.log', (w) => {
      for (let i = 0; i < 300; i++)
        w(
          `SCHED ${i * 1000}ms: gomaxprocs=100000 idleprocs=100000 threads=5 spinningthreads=0 needspinning=0 idlethreads=2 runqueue=0 ${list}\n`,
        );
      // One dump that can be read: a log of nothing but unreadable dumps is an input error (exit 2).
      w(`${sched.replace('SCHED 0ms', 'SCHED 300000ms')}\n`);
    });
    const r = measured(['analyze', '--json', p]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { counts: { lines: number; malformed: number } };
    expect(doc.counts).toMatchObject({ lines: 301, malformed: 300 });
    expect(r.stderr).toBe('');
    const only = measured([
      'analyze',
      '--json',
      bigFile('only-many-ps.log', (w) =>
        w(
          `SCHED 0ms: gomaxprocs=100000 idleprocs=100000 threads=5 spinningthreads=0 needspinning=0 idlethreads=2 runqueue=0 ${list}\n`,
        ),
      ),
    ]);
    expect(only.code).toBe(2);
    expect(only.stderr).toMatch(/no readable schedtrace dump in 1 line \(1 malformed, first at line 1: /);
    expect(r.peakMb).toBeLessThan(LIMIT_MB);
    console.log(`10^5 Ps: peak RSS ${r.peakMb.toFixed(0)} MB`);
  });

  test('a NUL-filled head (copytruncate): that line reported; Latin-1 bytes (not UTF-8) read as U+FFFD, no dump lost', () => {
    const p = bigFile('nul-head.log', (w) => {
      w(Buffer.alloc(5000));
      w(`\n${sched}\n`);
      // An application's Latin-1 line, then a dump with a Latin-1 word after it ("café", é = 0xe9).
      w(Buffer.from([0x53, 0x43, 0xff, 0xfe, 0x0a]));
      w(Buffer.concat([Buffer.from(`${sched.replace('SCHED 0ms', 'SCHED 100ms')} caf`), Buffer.from([0xe9, 0x0a])]));
    });
    for (const args of [
      ['analyze', '--json', p],
      ['analyze', '--json', '--jobs', '2', p],
    ]) {
      const r = measured(args);
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout) as {
        counts: object;
        snapshots: number;
        diagnostics: { line: number; code: string; message: string }[];
      };
      expect(doc.counts).toEqual({ lines: 4, schedtrace: 2, foreign: 1, malformed: 1 });
      expect(doc.snapshots).toBe(2);
      expect(doc.diagnostics.filter((d) => d.code === 'unreadable-line').map((d) => [d.line, d.message])).toEqual([
        [1, 'line holds NUL bytes; skipped'],
      ]);
    }
  });
});
