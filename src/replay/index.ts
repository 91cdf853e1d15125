import type { RunTimeline } from '../trace/timeline.js';
import { OneStepAccumulator, type OneStepFidelity } from './ablation.js';
import { replayRun, type ReplayOptions, type RunReplay } from './replay-run.js';

export { toModelOverlay } from './overlay.js';
export { whatIf, WhatIfReplay, type WhatIfOptions, type WhatIfResult } from './what-if.js';
export { DIVERGENCE_FACTOR, DIVERGENCE_FLOOR, MAX_MODELLED_GOROUTINES, type Divergence } from './fitted-run.js';
export { FreeRun, RunReplayer, type FreeRunStart } from './replay-run.js';
export type { Fidelity, Residual, QueueState } from './fidelity.js';
export type { Ablation, AblationFigures, OneStepAccumulator, OneStepFidelity } from './ablation.js';
export type { ReplayOptions, RunReplay, PredictedPoint } from './replay-run.js';

export interface ReplayResult {
  runs: RunReplay[];
  /** Pooled over every run's intervals. */
  fidelity: { oneStep: OneStepFidelity };
}

export function replayTimelines(timelines: readonly RunTimeline[], opts: ReplayOptions = {}): ReplayResult {
  const pool = new ReplayPool(opts);
  const runs = timelines.map((tl) => pool.replay(tl));
  return { runs, fidelity: pool.fidelity() };
}

/**
 * replayTimelines within a budget of scheduler events over all runs, for a consumer that must stay
 * quick whatever the log (the report's overlay): a run replayed when the budget ran out stops there
 * (RunReplay.stoppedAt), and the runs after it are not replayed (`notReplayed`).
 */
export function replayWithinBudget(
  timelines: readonly RunTimeline[],
  opts: ReplayOptions,
  maxEvents: number,
): { runs: RunReplay[]; notReplayed: number } {
  const runs: RunReplay[] = [];
  let left = maxEvents;
  for (const tl of timelines) {
    if (left <= 0) break;
    const { replay } = replayRun(tl, { ...opts, maxEvents: left });
    runs.push(replay);
    left -= replay.events;
  }
  return { runs, notReplayed: timelines.length - runs.length };
}

/** replayTimelines a run at a time: each run's replay as it is made, the pooled fidelity at the end. */
export class ReplayPool {
  private readonly total = new OneStepAccumulator();

  constructor(private readonly opts: ReplayOptions = {}) {}

  replay(tl: RunTimeline): RunReplay {
    const { replay, acc } = replayRun(tl, this.opts);
    this.total.merge(acc);
    return replay;
  }

  /** Pools a run replayed elsewhere (a RunReplayer fed dump by dump). */
  merge(acc: OneStepAccumulator): void {
    this.total.merge(acc);
  }

  /** Pooled over every run replayed so far. */
  fidelity(): { oneStep: OneStepFidelity } {
    return { oneStep: this.total.result() };
  }
}
