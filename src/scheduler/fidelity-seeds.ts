/**
 * A scenario scored over several model seeds. One seed's trace is one draw of the model's randomness
 * (the steal order, sysmon's sleep jitter, Poisson arrivals), so a verdict read off one seed can flip with the seed;
 * the mean over seeds is the model's own expected distance, and min-max its spread.
 */
import type { Snapshot } from '../trace/snapshot.js';
import type { WorkloadSpec } from '../workload/spec.js';
import type { FidelityVerdict } from './fidelity.js';
import { runScenario, type Scenario } from './fidelity-scenarios.js';

export interface SeedsVerdict extends FidelityVerdict {
  /** The seeds scored; modelVsReal and perMetric are their means. */
  seeds: number[];
  /** Each seed's model-vs-real, in the order of `seeds`. */
  perSeed: number[];
  modelVsRealMin: number;
  modelVsRealMax: number;
}

export interface SeedsResult {
  scenario: Scenario;
  verdict: SeedsVerdict;
  /** Each seed's model trace, in the order of `seeds`. */
  models: Snapshot[][];
}

/** `gosched fidelity` scores seeds 1..DEFAULT_SEEDS unless told otherwise (all scenarios: ~4 s; one seed ~1.2 s). */
export const DEFAULT_SEEDS = 5;

/** Seeds 1..n. */
export const firstSeeds = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

/**
 * One verdict from the verdicts of the same scenario under different seeds: real-vs-real and the
 * tolerance do not depend on the seed; model-vs-real (overall and per metric) is the mean, and the
 * verdict is read off the mean.
 */
export function meanOverSeeds(seeds: readonly number[], verdicts: readonly FidelityVerdict[]): SeedsVerdict {
  if (verdicts.length === 0 || verdicts.length !== seeds.length)
    throw new RangeError('meanOverSeeds: one verdict per seed, at least one');
  const first = verdicts[0]!;
  const mean = (xs: readonly number[]): number => xs.reduce((a, x) => a + x, 0) / xs.length;
  const perSeed = verdicts.map((v) => v.modelVsReal);
  const modelVsReal = mean(perSeed);
  return {
    realVsReal: first.realVsReal,
    tolerance: first.tolerance,
    modelVsReal,
    faithful: first.tolerance === null ? null : modelVsReal <= first.tolerance,
    perMetric: first.perMetric.map((m) => ({
      metric: m.metric,
      realVsReal: m.realVsReal,
      modelVsReal: mean(verdicts.map((v) => v.perMetric.find((x) => x.metric === m.metric)?.modelVsReal ?? 0)),
    })),
    seeds: [...seeds],
    perSeed,
    modelVsRealMin: Math.min(...perSeed),
    modelVsRealMax: Math.max(...perSeed),
  };
}

/** runScenario under each seed, scored by meanOverSeeds. */
export function runScenarioSeeds(
  sc: Scenario,
  spec: WorkloadSpec,
  reals: Snapshot[][],
  cpus: number,
  seeds: readonly number[],
): SeedsResult {
  const runs = seeds.map((seed) => runScenario(sc, spec, reals, cpus, seed));
  return {
    scenario: sc,
    verdict: meanOverSeeds(
      seeds,
      runs.map((r) => r.verdict),
    ),
    models: runs.map((r) => r.model),
  };
}
