import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runBuiltCli } from '../helpers/run-built-cli.js';

interface Row {
  id: string;
  go: string;
  modelVsReal: number;
  modelVsRealMin: number;
  modelVsRealMax: number;
  seeds: number[];
  faithful: boolean | null;
}

const rows = (args: string[]): Row[] => {
  const r = runBuiltCli(['fidelity', '--only', 'gcheavy-p8', '--json', ...args]);
  expect(r.code, r.stderr).toBeLessThanOrEqual(1);
  return (JSON.parse(r.stdout) as { scenarios: Row[] }).scenarios;
};

beforeAll(() => ensureBuilt());

describe('gosched fidelity --seeds N / --seed S', () => {
  it('--seeds 1 is --seed 1; --seeds 3 is the mean of --seed 1, 2 and 3', () => {
    const one = rows(['--seeds', '1']);
    const single = [1, 2, 3].map((s) => rows(['--seed', String(s)]));
    expect(one.map((r) => r.modelVsReal)).toEqual(single[0]!.map((r) => r.modelVsReal));
    const three = rows(['--seeds', '3']);
    expect(three.map((r) => r.seeds)).toEqual(three.map(() => [1, 2, 3]));
    for (const [i, r] of three.entries()) {
      const xs = single.map((s) => s[i]!.modelVsReal);
      expect(r.modelVsReal).toBeCloseTo(xs.reduce((a, x) => a + x, 0) / 3, 12);
      expect([r.modelVsRealMin, r.modelVsRealMax]).toEqual([Math.min(...xs), Math.max(...xs)]);
    }
  });

  it('the default scores seeds 1..5 and the table shows mean (min-max)', () => {
    expect(rows([])[0]!.seeds).toEqual([1, 2, 3, 4, 5]);
    const r = runBuiltCli(['fidelity', '--only', 'gcheavy-p8']);
    expect(r.stdout).toContain('model-vs-real (seeds 1-5: mean (min-max))');
    expect(r.stdout).toMatch(/^\| gcheavy-p8 \| 1\.26 \| 8 \| 50 ms \| [\d.]+ \| [\d.]+ \([\d.]+-[\d.]+\) \|/m);
  });

  it('--seed with --seeds, or --seeds 0, is a usage error', () => {
    expect(runBuiltCli(['fidelity', '--seed', '1', '--seeds', '2']).code).toBe(64);
    const zero = runBuiltCli(['fidelity', '--seeds', '0']);
    expect(zero.code).toBe(64);
    expect(zero.stderr).toContain('--seeds');
  });
});
