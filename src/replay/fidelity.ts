/**
 * Fidelity of one-step predictions against the persistence baseline (the next dump equals the last):
 * mean absolute error of the global queue and of the per-P rings, and the skill score
 * 1 − MAE_model / MAE_persistence on their sum (the error in goroutines misplaced per interval).
 */

export interface QueueState {
  runqueue: number;
  runq: number[];
}

/** A copy of a dump's queues (or of another QueueState). */
export function queueState(pt: { runqueue: number; runq: readonly number[] }): QueueState {
  return { runqueue: pt.runqueue, runq: [...pt.runq] };
}

export interface Residual {
  /** 1-based input line of the dump predicted. */
  line: number;
  tMs: number | null;
  observed: QueueState;
  predicted: QueueState;
  /** The scheduler model's own prediction, before the online calibration (calibration.ts). */
  model?: QueueState;
  /** Observed minus predicted. */
  globalError: number;
  localError: number[];
  /** The persistence baseline's absolute error (global + Σ per-P). */
  persistenceError: number;
  modelError: number;
}

export interface Fidelity {
  intervals: number;
  /** Mean over intervals of |global| + Σ_p |local_p|, for the model and for persistence. */
  maeModel: number;
  maePersistence: number;
  /** 1 − maeModel / maePersistence; null when persistence never erred (nothing to predict). */
  skill: number | null;
  maeGlobalModel: number;
  maeGlobalPersistence: number;
  /** Per P and interval. */
  maeLocalModel: number;
  maeLocalPersistence: number;
}

export function residual(
  line: number,
  tMs: number | null,
  last: QueueState,
  observed: QueueState,
  predicted: QueueState,
): Residual {
  const localError = observed.runq.map((n, i) => n - (predicted.runq[i] ?? 0));
  let persistenceError = Math.abs(observed.runqueue - last.runqueue);
  observed.runq.forEach((n, i) => (persistenceError += Math.abs(n - (last.runq[i] ?? 0))));
  const globalError = observed.runqueue - predicted.runqueue;
  const modelError = Math.abs(globalError) + localError.reduce((a, e) => a + Math.abs(e), 0);
  return { line, tMs, observed, predicted, globalError, localError, persistenceError, modelError };
}

export class FidelityAccumulator {
  private n = 0;
  private model = 0;
  private persistence = 0;
  private gModel = 0;
  private gPersistence = 0;
  private lModel = 0;
  private lPersistence = 0;
  private lCount = 0;

  add(r: Residual, last: QueueState): void {
    this.n++;
    this.model += r.modelError;
    this.persistence += r.persistenceError;
    this.gModel += Math.abs(r.globalError);
    this.gPersistence += Math.abs(r.observed.runqueue - last.runqueue);
    r.localError.forEach((e, i) => {
      this.lModel += Math.abs(e);
      this.lPersistence += Math.abs((r.observed.runq[i] ?? 0) - (last.runq[i] ?? 0));
      this.lCount++;
    });
  }

  merge(o: FidelityAccumulator): void {
    this.n += o.n;
    this.model += o.model;
    this.persistence += o.persistence;
    this.gModel += o.gModel;
    this.gPersistence += o.gPersistence;
    this.lModel += o.lModel;
    this.lPersistence += o.lPersistence;
    this.lCount += o.lCount;
  }

  result(): Fidelity {
    const div = (a: number, b: number) => (b === 0 ? 0 : round(a / b));
    const maeModel = div(this.model, this.n);
    const maePersistence = div(this.persistence, this.n);
    return {
      intervals: this.n,
      maeModel,
      maePersistence,
      skill: this.persistence === 0 ? null : round(1 - this.model / this.persistence),
      maeGlobalModel: div(this.gModel, this.n),
      maeGlobalPersistence: div(this.gPersistence, this.n),
      maeLocalModel: div(this.lModel, this.lCount),
      maeLocalPersistence: div(this.lPersistence, this.lCount),
    };
  }
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
