/**
 * Online calibration of one-step predictions ("model output statistics"): the scheduler model's
 * predicted change of each queue and the pull of the queue towards its past mean level are combined,
 * per queue kind (global queue, per-P rings), with gains fitted by least squares on the intervals
 * already seen — never on the interval being predicted:
 *
 *   predicted = last + a · (model − last) + b · (level − last),   a, b ∈ [0, 1]
 *
 * With no past interval both changes are taken as zero, so the prediction is the last dump exactly
 * (the persistence baseline). The gains start from a prior worth PRIOR_WEIGHT intervals and move
 * towards what the run shows: a run whose queues follow the model (GOMAXPROCS=1 overflow drains)
 * ends with a ≈ 1, one whose queues fluctuate around a level with b > 0, and where neither helps
 * the gains shrink to 0 and the prediction to persistence.
 */
import type { QueueState } from './fidelity.js';

/** Prior gains: trust half of the model's change and half of the pull to the mean level. */
const PRIOR_A = 0.5;
const PRIOR_B = 0.5;
/**
 * Each older interval counts this much less: a run changes regime (a spawn burst, then its drain),
 * and the gains should follow the current one.
 */
const FORGET = 0.85;
/** Weight of the newest dump in the running mean level (exponentially weighted). */
const LEVEL_WEIGHT = 0.2;

export interface Gains {
  a: number;
  b: number;
}

/** The gains tried: every pair on a grid of quarter steps. */
const GRID: readonly Gains[] = [0, 0.25, 0.5, 0.75, 1].flatMap((a) => [0, 0.25, 0.5, 0.75, 1].map((b) => ({ a, b })));

/**
 * Gains of one queue kind, chosen online: every pair on the grid is scored by the absolute error it
 * would have made on the past intervals (the skill score's own measure), older intervals fading by
 * FORGET; the pair with the least error is used for the next interval.
 */
class GainFit {
  private readonly err = new Float64Array(GRID.length);
  private n = 0;

  /**
   * One interval: the (model change, level change, observed change) of each queue of this kind.
   * Each interval's errors are divided by its persistence error, so a burst of thousands of
   * goroutines at the start of a run does not decide the gains for the rest of it.
   */
  addInterval(rows: readonly (readonly [number, number, number])[]): void {
    let size = 1;
    for (const [, , o] of rows) size += Math.abs(o);
    for (let k = 0; k < GRID.length; k++) {
      const g = GRID[k]!;
      let e = 0;
      for (const [m, r, o] of rows) e += Math.abs(o - g.a * m - g.b * r);
      // Capped at twice the persistence error: one unforeseeable burst must not bar a pair for long.
      this.err[k] = this.err[k]! * FORGET + Math.min(2, e / size);
    }
    this.n++;
  }

  get intervals(): number {
    return this.n;
  }

  gains(): Gains {
    if (this.n === 0) return { a: PRIOR_A, b: PRIOR_B };
    let best = PRIOR_INDEX;
    for (let k = 0; k < GRID.length; k++) if (this.err[k]! < this.err[best]! - 1e-12) best = k;
    return GRID[best]!;
  }
}

const PRIOR_INDEX = GRID.findIndex((g) => g.a === PRIOR_A && g.b === PRIOR_B);

export interface CalibratedPrediction {
  predicted: QueueState;
  /** The model's own prediction before calibration. */
  model: QueueState;
  gains: { global: Gains; local: Gains };
}

/** Calibration state of one run (reset when GOMAXPROCS changes: the rings are no longer comparable). */
export class OnlineCalibration {
  private readonly global = new GainFit();
  private readonly local = new GainFit();
  private level: QueueState | null = null;

  /** Fold in a dump of the run (the running mean level includes every dump up to the last one). */
  observe(s: QueueState): void {
    const l = this.level;
    if (l === null || l.runq.length !== s.runq.length) {
      this.level = { runqueue: s.runqueue, runq: [...s.runq] };
      return;
    }
    const mix = (a: number, b: number) => (1 - LEVEL_WEIGHT) * a + LEVEL_WEIGHT * b;
    l.runqueue = mix(l.runqueue, s.runqueue);
    l.runq = l.runq.map((x, i) => mix(x, s.runq[i] ?? 0));
  }

  get intervals(): number {
    return this.global.intervals;
  }

  gains(): { global: Gains; local: Gains } {
    return { global: this.global.gains(), local: this.local.gains() };
  }

  /** The calibrated prediction from the last dump and the model's prediction; persistence until an interval was seen. */
  predict(last: QueueState, model: QueueState): QueueState {
    if (this.global.intervals === 0) return { runqueue: last.runqueue, runq: [...last.runq] };
    const { global: g, local: l } = this.gains();
    const lv = this.levelFor(last);
    const one = (k: Gains, x: number, m: number, r: number) => Math.max(0, x + k.a * (m - x) + k.b * (r - x));
    return {
      runqueue: round(one(g, last.runqueue, model.runqueue, lv.runqueue)),
      runq: last.runq.map((x, i) => round(one(l, x, model.runq[i] ?? 0, lv.runq[i] ?? x))),
    };
  }

  /** Learn from an interval once its end was observed. */
  update(last: QueueState, model: QueueState, observed: QueueState): void {
    const lv = this.levelFor(last);
    this.global.addInterval([[model.runqueue - last.runqueue, lv.runqueue - last.runqueue, observed.runqueue - last.runqueue]]);
    this.local.addInterval(last.runq.map((x, i) => [(model.runq[i] ?? 0) - x, (lv.runq[i] ?? x) - x, (observed.runq[i] ?? 0) - x] as const));
  }

  private levelFor(last: QueueState): QueueState {
    const l = this.level;
    return l !== null && l.runq.length === last.runq.length ? l : last;
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
