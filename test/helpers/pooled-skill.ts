import { readFileSync } from 'node:fs';
import { parseText } from '../../src/parse/index.js';
import { type OneStepFidelity, replayTimelines } from '../../src/replay/index.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';

/** A log file's one-step replay figures (no free run, no residuals kept). */
export function oneStepOf(file: string): OneStepFidelity {
  const timelines = buildTimelines(parseText(readFileSync(file, 'utf8')).snapshots);
  return replayTimelines(timelines, { freeRun: false, residuals: false }).fidelity.oneStep;
}

/** Each log file with its one-step replay figures (oneStepOf), in the order given. */
export function oneStepOfEach(files: readonly string[]): { f: string; o: OneStepFidelity }[] {
  return files.map((f) => ({ f, o: oneStepOf(f) }));
}

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
