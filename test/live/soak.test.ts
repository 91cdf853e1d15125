import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { startCli } from '../helpers/live-cli.js';
import { ensureBuilt, runBuiltCli } from '../helpers/run-built-cli.js';
import { soakLines } from '../helpers/soak-log.js';

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m === null ? 0 : Number(m[1]);
}

const hasProc = existsSync('/proc/self/status');

beforeAll(() => ensureBuilt());

describe('soak: watch follows hours of log in flat memory', () => {
  test.skipIf(hasProc)('without /proc: skipped', () => {
    console.log('SKIP soak test: no /proc to read the resident set size from');
  });

  test.runIf(hasProc)(
    '6 hours at 100 ms (216,000 dumps, 6 runs) through a pipe in a 48 MB heap: RSS of the second half no higher than the first half + 24 MB',
    async () => {
      const hours = 6;
      // A 48 MB heap: anything that grows with the input (arrays of points, findings, series) runs out of it.
      const w = startCli(['watch', '-', '--quiet', '--metrics', '127.0.0.1:0'], {
        NODE_OPTIONS: '--max-old-space-size=48',
      });
      const pid = w.child.pid!;
      const stdin = w.child.stdin!;
      const samples: { at: number; kb: number }[] = [];
      let written = 0;
      let batch: string[] = [];
      const total = hours * 36_000 * (1 + 1 / 500);
      for (const line of soakLines(hours)) {
        batch.push(line);
        if (batch.length < 2000) continue;
        written += batch.length;
        if (!stdin.write(`${batch.join('\n')}\n`)) await new Promise((r) => stdin.once('drain', r));
        batch = [];
        samples.push({ at: written / total, kb: rssKb(pid) });
      }
      stdin.end(`${batch.join('\n')}\n`);
      expect(await w.exited).toBe(0);
      expect(w.stderr()).toMatch(/^stream run 5: 36000 snapshots/m);
      expect(w.stderr()).toContain(
        `<stdin>: ${hours * (36_000 + 72)} lines = ${hours * 36_000} schedtrace + ${hours * 72} foreign + 0 malformed`,
      );
      const peak = (from: number, to: number) =>
        Math.max(...samples.filter((s) => s.at >= from && s.at < to).map((s) => s.kb));
      const first = peak(0.1, 0.5);
      const second = peak(0.5, 1);
      console.log(
        `soak: ${samples.length} RSS samples; peak ${Math.round(first / 1024)} MB in the first half, ${Math.round(second / 1024)} MB in the second`,
      );
      expect(second).toBeLessThan(first + 24 * 1024);
    },
    300_000,
  );
});

describe('soak: export --format perfetto streams', () => {
  test('two hours of log (72,000 dumps) exported in a 48 MB heap, every dump in the trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gosched-soak-export-'));
    const log = join(dir, 'soak.log');
    writeFileSync(log, `${[...soakLines(2)].join('\n')}\n`);
    const out = join(dir, 'trace.json');
    const r = runBuiltCli(['export', log, '--format', 'perfetto', '-o', out], {
      env: { NODE_OPTIONS: '--max-old-space-size=48' },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`wrote ${out} (72000 dumps)`);
    // Counted line by line, without loading the 70 MB document.
    const text = readFileSync(out, 'utf8');
    let p0 = 0;
    for (let i = text.indexOf('"P0 local runq"'); i >= 0; i = text.indexOf('"P0 local runq"', i + 1)) p0++;
    expect(p0).toBe(72_000);
    expect(text.endsWith('\n]}\n')).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
