import type { OneStepFidelity } from '../../src/replay/index.js';

/**
 * One-step skill pooled over several replays as the README's figures are: 1 − Σ MAE·intervals over Σ
 * persistence MAE·intervals, the model's MAE read by `mae` (the full predictor or an ablation).
 */
export function pooledSkill(
  replays: readonly OneStepFidelity[],
  mae: (o: OneStepFidelity) => number = (o) => o.maeModel,
): number {
  let model = 0;
  let persistence = 0;
  for (const o of replays) {
    model += mae(o) * o.intervals;
    persistence += o.maePersistence * o.intervals;
  }
  return 1 - model / persistence;
}
