import type { ModelOverlay } from '../trace/model-overlay.js';
import type { RunReplay } from './replay-run.js';

/** The report's model-vs-observed overlay from one-step replay residuals (dumps without a time are left out). */
export function toModelOverlay(runs: readonly RunReplay[]): ModelOverlay {
  return runs.map((r) => ({
    stream: r.stream,
    run: r.run,
    points: r.oneStep.residuals
      .filter((x) => x.tMs !== null)
      .map((x) => ({
        tMs: x.tMs!,
        line: x.line,
        observedRunqueue: x.observed.runqueue,
        predictedRunqueue: x.predicted.runqueue,
        observedLocal: x.observed.runq,
        predictedLocal: x.predicted.runq,
      })),
  }));
}
