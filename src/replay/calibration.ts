/**
 * Online calibration of one-step predictions ("model output statistics"): the scheduler model's
 * predicted change of each queue and the pull of the queue towards its recent level are combined,
 * per queue kind (global queue, per-P rings), with gains weighed by their absolute error on the
 * intervals already seen — never on the interval being predicted:
 *
 *   predicted = last + a · (model − last) + b · (level − last),   a, b ∈ [0, 1]
 *
 * Until two past intervals were seen the prediction is the last dump exactly (the persistence
 * baseline). After that (a, b) is the average of a grid of pairs, each weighed by how well it did on
 * the run's past (an exponentially weighted average forecaster): a run whose queues follow the model
 * (GOMAXPROCS=1 overflow drains) ends with a ≈ 1, one whose queues fluctuate around a level with
 * b > 0, and where neither helps the gains shrink towards 0 and the prediction to persistence.
 */
import { median } from '../scheduler/fidelity.js';
import { type QueueState, queueState } from './fidelity.js';

/**
 * Each older interval counts this much less: a run changes regime (a spawn burst, then its drain),
 * and the gains should follow the current one.
 */
const FORGET = 0.85;
/**
 * Intervals seen before the gains may leave persistence: one interval says nothing about the next
 * (after a spawn burst, any pair that happens to fit it would extrapolate thousands of goroutines).
 */
const MIN_INTERVALS = 2;
/**
 * The level is each queue's median over this many recent dumps (the last one included). The skill is
 * scored in absolute errors, and the single guess with the least expected absolute error is the
 * median of what may come, not its mean: a queue that swings between two lengths (16 allocating
 * goroutines on 3 Ps under back-to-back GC cycles: 0, 15, 0, 13 queued) has a mean it never takes,
 * and a pull to it errs as much as persistence. Nine dumps is the memory the running mean it replaced
 * had (an exponential average of weight 0.2 remembers about 2/0.2 − 1 dumps); the change and its
 * figures on every split are in the README's replay section.
 */
const LEVEL_DUMPS = 9;
/**
 * How fast a pair's weight falls with its past error above the best pair's: e^−(rate × excess), the
 * excess in the units of GainFit's error (the run's mean persistence error per interval). Taking
 * the best pair alone (rate → ∞) let a few lucky intervals swing the gains from one end of the grid
 * to the other; on the 521 labelled logs it left 79 of the 321 with 15 or more intervals at or
 * below persistence, 30 with this rate. Chosen as the best pooled skill on the replay's tuned-on
 * splits (rates 2–20 tried; 4–7 within 0.001), the other splits only scored (README); kept when
 * the unit changed (rates 2, 4 and 7 tried again on the tuned-on splits: 2 scored 0.224 pooled but
 * left 7 long logs at or below persistence against 5, 7 scored 0.209 against 0.214).
 */
const WEIGHT_RATE = 4;

export interface Gains {
  a: number;
  b: number;
}

/**
 * Which terms the calibration may use. `full` fits both gains; the ablations fix one to 0:
 * `modelOnly` is the scheduler model's change alone (b = 0), `levelOnly` is the pull to the level alone
 * (a = 0), a purely statistical baseline that never looks at the model.
 */
export type GainMode = 'full' | 'modelOnly' | 'levelOnly';
export const GAIN_MODES: readonly GainMode[] = ['full', 'modelOnly', 'levelOnly'];

const STEPS = [0, 0.25, 0.5, 0.75, 1];
/** The gains weighed: every allowed pair on a grid of quarter steps. */
const GRIDS: Record<GainMode, readonly Gains[]> = {
  full: STEPS.flatMap((a) => STEPS.map((b) => ({ a, b }))),
  modelOnly: STEPS.map((a) => ({ a, b: 0 })),
  levelOnly: STEPS.map((b) => ({ a: 0, b })),
};

/**
 * Gains of one queue kind, chosen online: every pair on the grid is scored by the absolute error it
 * would have made on the past intervals (the skill score's own measure), older intervals fading by
 * FORGET; the next interval uses the pairs' average, each weighed by its error (WEIGHT_RATE).
 */
class GainFit {
  private readonly err: Float64Array;
  /** The interval being added: each pair's error on it. */
  private readonly step: Float64Array;
  private n = 0;
  /** The intervals' persistence errors (each plus one), summed with FORGET, and their weights: the unit of `err`. */
  private sizeSum = 0;
  private sizeWeight = 0;

  constructor(private readonly grid: readonly Gains[]) {
    this.err = new Float64Array(grid.length);
    this.step = new Float64Array(grid.length);
  }

  /**
   * One interval: the (model change, level change, observed change) of each queue of this kind.
   * Each pair's error counts in goroutines, as the skill score counts it, in units of the run's
   * typical interval: the mean persistence error of its intervals so far, this one included, older
   * ones fading by FORGET. The unit keeps WEIGHT_RATE free of the run's scale; the cap at twice the
   * unit keeps a burst of thousands of goroutines at the start of a run from deciding the gains for
   * the rest of it. The unit was each interval's own persistence error before, which made an
   * interval whose queue moved by 3 goroutines weigh as much as one where it moved by 9,000: on
   * queues swinging about a level (fasthttp's 10,000 clients, the global queue at 0, 9,277, 0, 4,690
   * in consecutive dumps) the gains followed whichever pair won the last few small moves, the global
   * level's gain swinging between 0 and 0.86, and paid on the large ones.
   */
  addInterval(rows: readonly (readonly [number, number, number])[]): void {
    let size = 1;
    for (const [, , o] of rows) size += Math.abs(o);
    this.sizeSum = this.sizeSum * FORGET + size;
    this.sizeWeight = this.sizeWeight * FORGET + 1;
    const unit = this.sizeSum / this.sizeWeight;
    const grid = this.grid;
    const step = this.step;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < grid.length; k++) {
      const g = grid[k]!;
      let e = 0;
      for (const [m, r, o] of rows) e += Math.abs(o - g.a * m - g.b * r);
      // Capped at twice the unit: one unforeseeable burst must not bar a pair for long.
      step[k] = Math.min(2, e / unit);
      lo = Math.min(lo, step[k]!);
      hi = Math.max(hi, step[k]!);
    }
    this.n++;
    // An interval every pair did equally well on says nothing about which gains fit the run: no term
    // moved any prediction (the model foresaw no change and no queue had a level to return to), or a
    // burst beyond every pair's cap. It is not counted, its forgetting included: forgetting is for a
    // run that changes regime, and a stretch of still dumps between two bursts of the same program
    // is not a new regime. Before, the gains learnt on one burst had faded back to the grid's middle
    // by the next one (0.85^30 after 30 still intervals).
    if (hi - lo <= 1e-12) return;
    for (let k = 0; k < grid.length; k++) this.err[k] = this.err[k]! * FORGET + step[k]!;
  }

  get intervals(): number {
    return this.n;
  }

  /** The pairs' average, each weighed by its past error; with no past, the grid's plain average. */
  gains(): Gains {
    let min = Number.POSITIVE_INFINITY;
    for (const e of this.err) min = Math.min(min, e);
    let a = 0;
    let b = 0;
    let sum = 0;
    for (let k = 0; k < this.grid.length; k++) {
      const w = Math.exp(-WEIGHT_RATE * (this.err[k]! - min));
      a += w * this.grid[k]!.a;
      b += w * this.grid[k]!.b;
      sum += w;
    }
    return { a: a / sum, b: b / sum };
  }
}

export interface CalibratedPrediction {
  predicted: QueueState;
  /** The model's own prediction before calibration. */
  model: QueueState;
  gains: { global: Gains; local: Gains };
}

/** Calibration state of one run (reset when GOMAXPROCS changes: the rings are no longer comparable). */
export class OnlineCalibration {
  private readonly global: GainFit;
  private readonly local: GainFit;
  /** The last LEVEL_DUMPS dumps folded in, oldest first (all of the same Ps), and their median. */
  private readonly recent: QueueState[] = [];
  private level: QueueState | null = null;
  /** The last dump folded in, and the one before it (null until there are two of the same Ps). */
  private latest: QueueState | null = null;
  private before: QueueState | null = null;

  constructor(readonly mode: GainMode = 'full') {
    this.global = new GainFit(GRIDS[mode]);
    this.local = new GainFit(GRIDS[mode]);
  }

  /** Fold in a dump of the run (the level is the median of the last LEVEL_DUMPS up to this one). */
  observe(s: QueueState): void {
    this.before = this.latest !== null && this.latest.runq.length === s.runq.length ? this.latest : null;
    this.latest = queueState(s);
    if (this.before === null) this.recent.length = 0;
    this.recent.push(this.latest);
    if (this.recent.length > LEVEL_DUMPS) this.recent.shift();
    this.level = medianOf(this.recent);
  }

  get intervals(): number {
    return this.global.intervals;
  }

  gains(): { global: Gains; local: Gains } {
    return { global: this.global.gains(), local: this.local.gains() };
  }

  /** The calibrated prediction from the last dump and the model's prediction; persistence until MIN_INTERVALS were seen. */
  predict(last: QueueState, model: QueueState): QueueState {
    if (this.global.intervals < MIN_INTERVALS) return queueState(last);
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
    this.global.addInterval([
      [model.runqueue - last.runqueue, lv.runqueue - last.runqueue, observed.runqueue - last.runqueue],
    ]);
    this.local.addInterval(
      last.runq.map((x, i) => [(model.runq[i] ?? 0) - x, (lv.runq[i] ?? x) - x, (observed.runq[i] ?? 0) - x] as const),
    );
  }

  /**
   * The level each queue is pulled to: its recent median, except for a queue that held still over the
   * interval before `last` (the same length at both dumps), which keeps its own length. The pull is
   * reversion to the level, a queue fluctuating about it; one that did not move is an empty ring
   * whose P runs its goroutine or idles, or a backlog nobody served, and its next move is an event
   * (a burst, a preemption, a crash), which the model may foresee and a lagging level does not: after
   * a burst had drained, the running mean used before still remembered it and pulled the empty
   * queues up for a dozen intervals (`busyfit` at one P: 0.11, 0.07, 0.05 … goroutines predicted
   * where none queued).
   */
  private levelFor(last: QueueState): QueueState {
    const l = this.level;
    if (l === null || l.runq.length !== last.runq.length) return last;
    const b = this.before;
    if (b === null || b.runq.length !== last.runq.length) return l;
    return {
      runqueue: b.runqueue === last.runqueue ? last.runqueue : l.runqueue,
      runq: l.runq.map((x, i) => (b.runq[i] === last.runq[i] ? last.runq[i]! : x)),
    };
  }
}

/** Each queue's median over the dumps (of the same Ps). */
function medianOf(dumps: readonly QueueState[]): QueueState {
  return {
    runqueue: median(dumps.map((d) => d.runqueue)),
    runq: dumps[0]!.runq.map((_, i) => median(dumps.map((d) => d.runq[i] ?? 0))),
  };
}

/**
 * A prediction is an expected queue length, kept to a thousandth: rounding it to whole goroutines
 * threw away every pull of less than half a goroutine, so on runs whose rings hold 0-2 goroutines
 * (32 Ps on 2 cores) no gain but the largest could ever move a prediction off persistence.
 */
function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
