import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { checkOverflowSignature, compareRuns, wasserstein1 } from '../../src/scheduler/fidelity.js';
import { SCENARIOS, runScenario } from '../../src/scheduler/fidelity-scenarios.js';
import { DEFAULT_SEEDS, firstSeeds, runScenarioSeeds } from '../../src/scheduler/fidelity-seeds.js';
import type { WorkloadSpec } from '../../src/workload/spec.js';

const load = (f: string) => parseText(readFileSync(`samples/${f}`, 'utf8')).snapshots;
const spec = (name: string): WorkloadSpec =>
  JSON.parse(readFileSync(`samples/workloads/${name}.json`, 'utf8')) as WorkloadSpec;

describe('distance', () => {
  it('Wasserstein-1 is the mean shift for shifted samples and 0 for equal ones', () => {
    expect(wasserstein1([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(wasserstein1([1, 2, 3], [3, 4, 5])).toBeCloseTo(2);
    expect(wasserstein1([0, 0, 10], [0, 10, 10])).toBeCloseTo(10 / 3);
  });

  it('a real capture is closer to its repeat than to a different program', () => {
    const a = load('go1.26/oversub-p2-20ms-a.log');
    const b = load('go1.26/oversub-p2-20ms-b.log');
    const other = load('go1.26/gosched-p4-50ms-a.log');
    expect(compareRuns(b, [a]).modelVsReal).toBeLessThan(compareRuns(other, [a]).modelVsReal);
  });
});

describe('crash dumps', () => {
  it('a model run that ends with the crash dump is closer to the real crash than one that does not', () => {
    const sc = SCENARIOS.find((s) => s.id === 'crash-p2' && s.go === '1.26')!;
    const reals = sc.reals.map(load);
    const withDump = runScenario(sc, spec('crash'), reals, 2);
    const { crashAtMs: _, ...noCrash } = spec('crash');
    const without = runScenario(sc, noCrash, reals, 2);
    const metric = (r: typeof withDump) => r.verdict.perMetric.find((m) => m.metric === 'crash dump')!;
    expect(metric(withDump).modelVsReal).toBeLessThan(metric(without).modelVsReal);
    expect(metric(without).modelVsReal).toBe(1);
    // the two real captures both end with a dump, so real-vs-real has the metric too
    expect(metric(withDump).realVsReal).not.toBeNull();
    expect(withDump.verdict.modelVsReal).toBeLessThan(without.verdict.modelVsReal);
  });
});

describe('fidelity against the committed real captures', () => {
  const overflow = SCENARIOS.filter((s) => s.overflow);
  it.each(overflow.map((s) => [s.go, s] as const))(
    'go%s GOMAXPROCS=1 overflow: model and real logs both show the exact signature',
    (_go, sc) => {
      const reals = sc.reals.map(load);
      const r = runScenario(sc, spec(sc.spec), reals, 2);
      for (const snaps of [r.model, ...reals]) {
        const c = checkOverflowSignature(snaps);
        expect(c.problems).toEqual([]);
        expect(c.maxLocal).toBeLessThanOrEqual(256);
        expect(c.firstGrowth % 129 === 0 || (c.firstGrowth - 1) % 129 === 0).toBe(true);
        expect(c.drainSteps).toBeGreaterThan(20);
      }
    },
  );

  // Scenarios the README table reports as faithful (the mean over the default seeds) must stay within
  // the real run-to-run variance.
  const faithful = ['overflow-p1', 'pingpong-p4', 'oversub-p8', 'oversub-p2', 'gosched-p4'];
  const cases = SCENARIOS.filter(
    (s) =>
      faithful.includes(s.id) ||
      (s.go === '1.26' && s.id === 'syscalls-p2') ||
      (s.go === '1.19' && s.id === 'seed-p4') ||
      (s.go === '1.26' && s.id === 'crash-p2') ||
      s.id === 'oversub-p16' ||
      s.id === 'oversub-p32' ||
      s.id === 'oversub-p24' ||
      s.id === 'oversub-p48' ||
      s.id === 'netpoll-p2-detail' ||
      (s.go === '1.26' &&
        ['gcheavy-p2', 'gcheavy-p4', 'gcheavy-p4-detail', 'gcheavy-p8', 'gcheavy-p16'].includes(s.id)) ||
      (s.go === '1.19' && ['gcheavy-p2', 'gcheavy-p8', 'gcheavy-p16'].includes(s.id)),
  );
  it('covers GC at four GOMAXPROCS values on both releases, and 8-32 Ps on the 2-core machine', () => {
    for (const go of ['1.26', '1.19'])
      for (const id of [
        'gcheavy-p2',
        'gcheavy-p4',
        'gcheavy-p8',
        'gcheavy-p16',
        'oversub-p8',
        'oversub-p16',
        'oversub-p32',
      ])
        expect(SCENARIOS.some((s) => s.id === id && s.go === go && s.reals.length === 2)).toBe(true);
  });
  it.each(cases.map((s) => [s.id, s.go, s] as const))('%s go%s: model-vs-real within real-vs-real', (_id, _go, sc) => {
    const r = runScenarioSeeds(sc, spec(sc.spec), sc.reals.map(load), 2, firstSeeds(DEFAULT_SEEDS));
    expect(r.verdict.realVsReal).not.toBeNull();
    expect(r.verdict.modelVsReal).toBeLessThanOrEqual(r.verdict.tolerance!);
    expect(r.verdict.faithful).toBe(true);
  });
});
