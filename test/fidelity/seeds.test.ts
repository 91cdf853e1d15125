import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import type { FidelityVerdict } from '../../src/scheduler/fidelity.js';
import { SCENARIOS, runScenario } from '../../src/scheduler/fidelity-scenarios.js';
import { firstSeeds, meanOverSeeds, runScenarioSeeds } from '../../src/scheduler/fidelity-seeds.js';
import type { WorkloadSpec } from '../../src/workload/spec.js';

const load = (f: string) => parseText(readFileSync(`samples/${f}`, 'utf8')).snapshots;
const spec = (name: string): WorkloadSpec =>
  JSON.parse(readFileSync(`samples/workloads/${name}.json`, 'utf8')) as WorkloadSpec;

const verdict = (modelVsReal: number, perMetric = modelVsReal): FidelityVerdict => ({
  realVsReal: 0.3,
  modelVsReal,
  tolerance: 0.45,
  faithful: modelVsReal <= 0.45,
  perMetric: [{ metric: 'runqueue', realVsReal: 0.2, modelVsReal: perMetric }],
});

describe('meanOverSeeds', () => {
  it('the verdict is read off the mean, not off the first seed', () => {
    const v = meanOverSeeds([1, 2, 3], [verdict(0.3), verdict(0.7), verdict(0.5)]);
    expect(v.modelVsReal).toBeCloseTo(0.5);
    expect(v.faithful).toBe(false);
    expect([v.modelVsRealMin, v.modelVsRealMax]).toEqual([0.3, 0.7]);
    expect(v.perSeed).toEqual([0.3, 0.7, 0.5]);
    expect(meanOverSeeds([1, 2], [verdict(0.6), verdict(0.2)]).faithful).toBe(true);
  });

  it('per-metric distances are means too; real-vs-real and the tolerance pass through', () => {
    const v = meanOverSeeds([4, 5], [verdict(0.2, 0.1), verdict(0.4, 0.5)]);
    expect(v.perMetric).toEqual([{ metric: 'runqueue', realVsReal: 0.2, modelVsReal: expect.closeTo(0.3, 9) }]);
    expect([v.realVsReal, v.tolerance, v.seeds]).toEqual([0.3, 0.45, [4, 5]]);
  });

  it('one verdict per seed', () => {
    expect(() => meanOverSeeds([1, 2], [verdict(0.1)])).toThrow(RangeError);
    expect(() => meanOverSeeds([], [])).toThrow(RangeError);
  });
});

describe('runScenarioSeeds on a seed-sensitive scenario (Go 1.26 gcheavy at 8 Ps)', () => {
  const sc = SCENARIOS.find((s) => s.id === 'gcheavy-p8' && s.go === '1.26')!;
  const reals = sc.reals.map(load);
  const seeds = firstSeeds(3);
  let singles: number[] = [];
  beforeAll(() => {
    singles = seeds.map((seed) => runScenario(sc, spec(sc.spec), reals, 2, seed).verdict.modelVsReal);
  });

  it('model-vs-real is the mean of the single-seed runs, min-max their spread', () => {
    // the seeds do give different distances, so a mean that read one seed would fail here
    expect(new Set(singles.map((x) => x.toFixed(6))).size).toBeGreaterThan(1);
    const r = runScenarioSeeds(sc, spec(sc.spec), reals, 2, seeds);
    expect(r.verdict.perSeed).toEqual(singles);
    expect(r.verdict.modelVsReal).toBeCloseTo(singles.reduce((a, x) => a + x, 0) / singles.length, 12);
    expect(r.verdict.modelVsRealMin).toBe(Math.min(...singles));
    expect(r.verdict.modelVsRealMax).toBe(Math.max(...singles));
    expect(r.verdict.faithful).toBe(r.verdict.modelVsReal <= r.verdict.tolerance!);
    expect(r.models).toHaveLength(3);
  });

  it('one seed is exactly runScenario under that seed', () => {
    const r = runScenarioSeeds(sc, spec(sc.spec), reals, 2, [2]);
    expect(r.verdict.modelVsReal).toBe(singles[1]);
    expect(r.verdict.modelVsRealMin).toBe(r.verdict.modelVsRealMax);
  });
});
