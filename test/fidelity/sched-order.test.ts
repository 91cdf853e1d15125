import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * scripts/sched-order.mjs on the committed kernel traces of the one-CPU syscalls runs
 * (samples/one-cpu/sched-switch/): it must find sysmon's thread and the reader's turns in each,
 * and read the facts docs/measurements/fidelity.md states from them.
 */
const DIR = 'samples/one-cpu/sched-switch';
const traces = readdirSync(DIR).filter((f) => f.endsWith('.trace.gz'));

function summary(file: string): string {
  const r = spawnSync(process.execPath, ['scripts/sched-order.mjs', `${DIR}/${file}`], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

const number = (text: string, re: RegExp): number => Number(re.exec(text)?.[1] ?? Number.NaN);

describe('the kernel traces of the one-CPU syscalls runs', () => {
  it('are three a release', () => {
    expect(traces.map((f) => f.replace(/-[abc]\.trace\.gz$/, '')).sort()).toEqual([
      ...Array(3).fill('syscalls-go1.19'),
      ...Array(3).fill('syscalls-go1.26'),
    ]);
  });
  it.each(traces)('%s: turns of about 1.4-1.8 ms, the latest woken first, sysmon late about 1.3-1.7 ms', (file) => {
    const out = summary(file);
    expect(out).toMatch(/^program syscalls, sysmon thread \d+, \d+ events over 20\d\d\.\d\d ms/);
    expect(number(out, /in a read: (\d+),/)).toBeGreaterThan(1000);
    const turn = number(out, /in a read: \d+, median ([\d.]+) ms/);
    expect(turn).toBeGreaterThan(1.3);
    expect(turn).toBeLessThan(1.9);
    expect(number(out, /the latest woken first in \d+ \((\d+)%\)/)).toBeGreaterThanOrEqual(70);
    const late = number(out, /late by mean ([\d.]+) ms/);
    expect(late).toBeGreaterThan(1.2);
    expect(late).toBeLessThan(1.8);
    const sleeperFirst = number(out, /sleeper \(woken later\) before sysmon\s+(\d+)/);
    const sysmonFirst = number(out, /sysmon \(woken earlier\) before sleeper\s+(\d+)/);
    expect(sleeperFirst / (sleeperFirst + sysmonFirst)).toBeGreaterThan(0.85);
  });
  it('reads its own reduced form as it reads the full perf text: reducing it again gives it back', () => {
    const reduced = spawnSync(process.execPath, ['scripts/sched-order.mjs', `${DIR}/${traces[0]}`, '--reduce'], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    expect(reduced.status).toBe(0);
    expect(reduced.stdout).toBe(gunzipSync(readFileSync(`${DIR}/${traces[0]}`)).toString('utf8'));
  });
  it('says in one line, exit 2, when the trace cannot be read', () => {
    const notGzip = join(mkdtempSync(join(tmpdir(), 'sched-order-')), 'trace.gz');
    writeFileSync(notGzip, 'not gzip\n');
    for (const bad of ['no-such-trace.gz', notGzip]) {
      const r = spawnSync(process.execPath, ['scripts/sched-order.mjs', bad], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^sched-order: cannot read /);
    }
  });
});
