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
      const row = /^\| overflow-p1 \| [\d.]+ \| ([\d.]+) \| ([\d.]+) \| (\w[\w ]*) \|$/m.exec(run.stdout);
      expect(row, run.stdout).not.toBeNull();
      expect(Number(row![1])).toBeGreaterThanOrEqual(0);
    },
  );

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
