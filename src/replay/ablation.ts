/**
 * Ablation of the one-step predictor, computed in the same replay: the full calibrated predictor
 * next to the scheduler model's change alone (b = 0) and the pull to the run's mean level alone
 * (a = 0, a statistical baseline that never looks at the model). All three are scored against the
 * same persistence baseline, so their skills compare directly.
 */
import type { GainMode } from './calibration.js';
import { FidelityAccumulator, residual, type Fidelity, type QueueState, type Residual } from './fidelity.js';

export interface AblationFigures {
  /** Mean over intervals of |global| + Σ_p |local_p| (goroutines misplaced per interval). */
  maeModel: number;
  maeGlobalModel: number;
  maeLocalModel: number;
  /** 1 − maeModel / maePersistence; null when persistence never erred. */
  skill: number | null;
}

export type Ablation = Record<GainMode, AblationFigures>;

/** One-step fidelity with its ablation. */
export interface OneStepFidelity extends Fidelity {
  ablation: Ablation;
}

function figures(f: Fidelity): AblationFigures {
  return { maeModel: f.maeModel, maeGlobalModel: f.maeGlobalModel, maeLocalModel: f.maeLocalModel, skill: f.skill };
}

export class OneStepAccumulator {
  readonly full = new FidelityAccumulator();
  readonly modelOnly = new FidelityAccumulator();
  readonly levelOnly = new FidelityAccumulator();

  /** The full predictor's residual (kept by the caller) and the ablated predictors' predictions. */
  add(r: Residual, last: QueueState, ablated: { modelOnly: QueueState; levelOnly: QueueState }): void {
    this.full.add(r, last);
    this.modelOnly.add(residual(r.line, r.tMs, last, r.observed, ablated.modelOnly), last);
    this.levelOnly.add(residual(r.line, r.tMs, last, r.observed, ablated.levelOnly), last);
  }

  merge(o: OneStepAccumulator): void {
    this.full.merge(o.full);
    this.modelOnly.merge(o.modelOnly);
    this.levelOnly.merge(o.levelOnly);
  }

  result(): OneStepFidelity {
    const full = this.full.result();
    return {
      ...full,
      ablation: {
        full: figures(full),
        modelOnly: figures(this.modelOnly.result()),
        levelOnly: figures(this.levelOnly.result()),
      },
    };
  }
}
