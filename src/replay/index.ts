import type { RunTimeline } from '../trace/timeline.js';
import { OneStepAccumulator, type OneStepFidelity } from './ablation.js';
import { replayRun, type ReplayOptions, type RunReplay } from './replay-run.js';

export { toModelOverlay } from './overlay.js';
export { whatIf, type WhatIfOptions, type WhatIfResult } from './what-if.js';
export type { Fidelity, Residual, QueueState } from './fidelity.js';
export type { Ablation, AblationFigures, OneStepFidelity } from './ablation.js';
export type { ReplayOptions, RunReplay, PredictedPoint } from './replay-run.js';

export interface ReplayResult {
  runs: RunReplay[];
  /** Pooled over every run's intervals. */
  fidelity: { oneStep: OneStepFidelity };
}

export function replayTimelines(timelines: readonly RunTimeline[], opts: ReplayOptions = {}): ReplayResult {
  const total = new OneStepAccumulator();
  const runs = timelines.map((tl) => {
    const { replay, acc } = replayRun(tl, opts);
    total.merge(acc);
    return replay;
  });
  return { runs, fidelity: { oneStep: total.result() } };
}
