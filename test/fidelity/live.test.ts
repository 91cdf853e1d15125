import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, runBuiltCli } from '../helpers/run-built-cli.js';

const hasGo = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;

beforeAll(() => ensureBuilt());

describe('live fidelity against a fresh Go trace', () => {
  test.runIf(hasGo)(
    'builds the overflow program, traces it with GODEBUG and compares model, fresh and committed traces',
    () => {
      const run = runBuiltCli(['fidelity', '--live', '--only', 'overflow']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^live: go version go1\.\d+/m);
      const row = /^\| overflow-p1 \| [\d.]+ \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| (\w[\w ]*) \|$/m.exec(run.stdout);
      expect(row, run.stdout).not.toBeNull();
      expect(Number(row![1])).toBeGreaterThanOrEqual(0);
      // The tolerance is the yardstick's: max(1.5 x real-vs-real, real-vs-real + 0.1).
      expect(Number(row![3])).toBeCloseTo(Math.max(1.5 * Number(row![1]), Number(row![1]) + 0.1), 1);
    },
  );

  test.runIf(hasGo)('with --runs 2 the two fresh traces are the yardstick, the committed ones a column', () => {
    const run = runBuiltCli(['fidelity', '--live', '--runs', '2', '--only', 'overflow', '--seeds', '1']);
    expect(run.stdout).toMatch(/^live: go version go1\.\d+.*, 2 runs of each program$/m);
    expect(run.stdout).toMatch(/^\| scenario \| go \| fresh-vs-fresh \| fresh-vs-committed \| model-vs-fresh/m);
    const row =
      /^\| overflow-p1 \| [\d.]+ \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| (faithful|NOT within real variance) \|$/m.exec(
        run.stdout,
      );
    expect(row, run.stdout).not.toBeNull();
    const [rr, tol] = [Number(row![1]), Number(row![4])];
    expect(tol).toBeCloseTo(Math.max(1.5 * rr, rr + 0.1), 1);
    // The exit status follows the verdict: a model outside the fresh traces' spread fails the command.
    expect(run.code).toBe(row![5] === 'faithful' ? 0 : 1);
  });

  test.skipIf(hasGo)('without go on PATH: skipped', () => {
    console.log('SKIP live fidelity: no `go` on PATH');
  });

  test('without go on PATH the live part prints one clear skip line', () => {
    // A PATH that holds node and nothing else, wherever node and go live on this machine.
    const bin = mkdtempSync(join(tmpdir(), 'gosched-nogo-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    const run = runBuiltCli(['fidelity', '--live', '--only', 'overflow'], { env: { PATH: bin } });
    rmSync(bin, { recursive: true, force: true });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter((l) => /live: skipped/.test(l))).toHaveLength(1);
  });
});
