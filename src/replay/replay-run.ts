/**
 * Replay of an observed run through the scheduler model.
 *
 * One-step-ahead: for each interval the model is set to the earlier dump (loadState), given the
 * workload fitted from the intervals before it only, run over the interval, and its snapshot is the
 * prediction of the later dump. Free-running: the model starts from the first dump and runs the whole
 * run on the per-interval fitted workload without ever being reset.
 */
import { SchedulerModel } from '../scheduler/model.js';
import { loadState } from './load-state.js';
import type { GoProfileName } from '../scheduler/profiles.js';
import type { RunTimeline, TimelinePoint } from '../trace/timeline.js';
import type { FormatEra } from '../trace/snapshot.js';
import {
  fittedArrivals,
  fittedBehaviour,
  isBacklog,
  isCpuBound,
  LeaverCpu,
  observeInterval,
  WorkloadFitter,
  type WorkloadFit,
} from '../workload/fit.js';
import { cpusOf, type Divergence, FittedRun } from './fitted-run.js';
import { OneStepAccumulator, type OneStepFidelity } from './ablation.js';
import { OnlineCalibration } from './calibration.js';
import { queueState, residual, type QueueState, type Residual } from './fidelity.js';
import { cyclesOver, placeGcCycles } from './gc-cycles.js';
import { profileForRun } from './go-profile.js';
import { dyingInterval, type SkippedInterval, unreplayable } from './interval-guard.js';
import { ThreadStartTracker } from './thread-starts.js';
import { TurnTracker } from './turns.js';

export interface ReplayOptions {
  /** Go release whose rules the model follows; default: from the log's format era. */
  go?: string;
  seed?: number;
  /** Also run the free-running replay (default true). */
  freeRun?: boolean;
  /** Keep per-interval residuals in the result (default true). */
  residuals?: boolean;
  /** Model time simulated per interval at most (ms); longer intervals are scaled by the calibration. */
  horizonMs?: number;
  /** CPU cores of the machine the log came from (default: a core per thread that wants one). */
  cpus?: number;
  /**
   * Place the GC cycles the log's gctrace lines report in each replayed interval (gc-cycles.ts).
   * Default false: without the allocators' assists (not in the fitted workload) the placed cycles
   * lowered the skill on both halves of the corpus (README).
   */
  gctrace?: boolean;
  /** Run the one-step replay (default true); false: only fit where a free run starts (what-if). */
  oneStep?: boolean;
  /**
   * Scheduler events the replay of one run may process: past them it reads no more dumps
   * (`RunReplay.stoppedAt`). A dump's cost is its goroutines' scheduling, not its lines: a 64 MB
   * scheddetail log of 12,400 dumps took 175M events (18 s). Default: no bound.
   */
  maxEvents?: number;
}

export interface PredictedPoint {
  line: number;
  tMs: number | null;
  observed: QueueState;
  predicted: QueueState;
}

export interface RunReplay {
  stream: string;
  run: number;
  profile: GoProfileName;
  points: number;
  oneStep: { fidelity: OneStepFidelity; residuals: Residual[] };
  /** `diverged`: where the free run stopped, its model's queues run away from the observed ones (fitted-run.ts). */
  freeRun?: { points: PredictedPoint[]; maeModel: number; diverged?: Divergence };
  /** Scheduler events the model processed. */
  events: number;
  /** Intervals not replayed (interval-guard.ts); the free run stops at the first. */
  skipped?: SkippedInterval[];
  /** Set when opts.maxEvents ran out: the dumps read (of `points` in the run) before it did. */
  stoppedAt?: { dumps: number; events: number };
}

export function observedState(pt: TimelinePoint) {
  return {
    gomaxprocs: pt.gomaxprocs,
    runqueue: pt.runqueue,
    runq: pt.runq,
    idleprocs: pt.idleprocs,
    threads: pt.threads,
  };
}

/** Model time simulated per interval at most (see replayRun). */
export const DEFAULT_HORIZON_MS = 250;

/** Model time simulated per interval at least (ms): two of sysmon's 10 ms preemption periods. */
const MIN_RUN_MS = 20;

/** last + f · (model − last), queue by queue. */
function scaleChange(last: QueueState, model: QueueState, f: number): QueueState {
  if (f === 1) return model;
  return {
    runqueue: last.runqueue + f * (model.runqueue - last.runqueue),
    runq: last.runq.map((x, i) => x + f * ((model.runq[i] ?? 0) - x)),
  };
}

function predictedOf(model: SchedulerModel, n: number): QueueState {
  return padded(model.snapshot(false), n);
}

/** A model snapshot's queues, its rings cut or padded to n Ps. */
function padded(s: { runqueue: number; runq: number[] }, n: number): QueueState {
  const runq = s.runq.slice(0, n);
  while (runq.length < n) runq.push(0);
  return { runqueue: s.runqueue, runq };
}

/** The fit with its slices per stay as the intervals that began with a backlog bound them. */
function backlogFit(fit: WorkloadFit): WorkloadFit {
  return { ...fit, slicesPerStay: fit.backlogSlicesPerStay };
}

/** The full calibrated predictor and its two ablations (model change only, level pull only). */
class Calibrations {
  readonly full = new OnlineCalibration('full');
  readonly modelOnly = new OnlineCalibration('modelOnly');
  readonly levelOnly = new OnlineCalibration('levelOnly');
  readonly all = [this.full, this.modelOnly, this.levelOnly];
  observe(s: QueueState): void {
    for (const c of this.all) c.observe(s);
  }
  update(last: QueueState, model: QueueState, observed: QueueState): void {
    for (const c of this.all) c.update(last, model, observed);
  }
}

/**
 * One-step replay of a run fed dump by dump: memory holds one model, the fits and the last dump,
 * whatever the run's length. Each interval's residual goes to `onResidual` when given (and is then
 * not kept), into the result otherwise (unless `residuals: false`). It also fits the workload of the
 * run's replayable prefix as a whole (interval-guard.ts), which the free-running and what-if replays
 * start from (finish()).
 */
export class RunReplayer {
  private readonly acc = new OneStepAccumulator();
  private readonly residuals: Residual[] = [];
  private readonly seed: number;
  private readonly horizonMs: number;
  private prev: TimelinePoint | null = null;
  private points = 0;
  private model: SchedulerModel | null = null;
  private fitter: WorkloadFitter | null = null;
  private calib: Calibrations | null = null;
  private turns: TurnTracker | null = null;
  private starts: ThreadStartTracker | null = null;
  private skipped: SkippedInterval[] | undefined;
  /** The run's crash dump has been passed: every later interval is the dying process's (dyingInterval). */
  private frozen = false;
  private modelEvents = 0;
  /**
   * Whole-prefix fit in hindsight (undamped flows), for the free-running and what-if replays: null
   * until the first dump; the prefix ends at the first skipped interval.
   */
  private overall: WorkloadFitter | null = null;
  private inPrefix = true;
  private readonly leaverCpu: LeaverCpu;
  private first: TimelinePoint | null = null;

  constructor(
    readonly stream: string,
    readonly run: number,
    private era: FormatEra,
    private readonly opts: ReplayOptions = {},
    private readonly onResidual?: (r: Residual) => void,
  ) {
    this.seed = opts.seed ?? 1;
    this.horizonMs = opts.horizonMs ?? DEFAULT_HORIZON_MS;
    this.leaverCpu = new LeaverCpu(opts.cpus);
  }

  /**
   * The run's next dump (`era`: the run's format era so far, when it is still being learnt). True
   * when the dump belongs to the replayable prefix, which the free-running replay goes over.
   * `next`, the dump after this one when known, lets gctrace cycles be placed (opts.gctrace).
   */
  add(cur: TimelinePoint, era?: FormatEra, next?: TimelinePoint): boolean {
    if (era !== undefined) this.era = era;
    this.points++;
    const prev = this.prev;
    this.prev = cur;
    if (prev === null) {
      this.first = cur;
      this.overall = new WorkloadFitter(cur.gomaxprocs, 1);
      return true;
    }
    const bad = unreplayable(prev, cur) ?? dyingInterval(prev, cur, this.frozen);
    if (prev.crash === true) this.frozen = true;
    if (bad !== undefined) {
      (this.skipped ??= []).push(bad);
      this.inPrefix = false;
    }
    const obs = bad === undefined ? observeInterval(prev, cur) : null;
    if (this.inPrefix && obs !== null && this.overall!.gomaxprocs === obs.dLocal.length) {
      this.overall!.update(obs);
      this.leaverCpu.add(obs);
    }
    if (this.opts.oneStep === false) return this.inPrefix;
    if (obs === null) {
      // GOMAXPROCS changed or a dump lacks its time: the rings are not comparable, start over.
      this.fitter = null;
      this.calib = null;
      this.turns = null;
      this.starts = null;
      return this.inPrefix;
    }
    const last = queueState(prev);
    if (this.fitter === null || this.calib === null || this.fitter.gomaxprocs !== cur.gomaxprocs) {
      this.fitter = new WorkloadFitter(cur.gomaxprocs);
      this.calib = new Calibrations();
      this.calib.observe(last);
      this.turns = new TurnTracker(cur.gomaxprocs);
      this.starts = new ThreadStartTracker();
    }
    const fitter = this.fitter;
    const calib = this.calib;
    const turns = this.turns!;
    const starts = this.starts!;
    if (fitter.current === null) {
      // Warm-up: nothing in the past of this run to fit from, so nothing is predicted or scored.
      calib.observe(queueState(cur));
      fitter.update(obs);
      turns.observe(prev, cur);
      starts.observe(prev, cur);
      return this.inPrefix;
    }
    // A dump with a backlog seeds goroutines that stay as queued ones do (backlogSlicesPerStay).
    const fit = isBacklog(obs.queuedBefore, prev.gomaxprocs) ? backlogFit(fitter.current) : fitter.current;
    if (this.model === null)
      this.model = new SchedulerModel(
        {
          go: profileForRun(this.era, this.opts.go),
          gomaxprocs: prev.gomaxprocs,
          seed: this.seed,
          ...cpusOf(this.opts),
        },
        { name: 'replay', groups: [] },
      );
    const model = this.model;
    // Long intervals: the model runs over the last `horizonMs` of it, from the earlier dump; the
    // calibration gain rescales its change to the whole interval. Short ones: loadState starts
    // every running G afresh, so within one interval shorter than sysmon's 10 ms preemption
    // (retake, forcePreemptNS) no CPU-bound G would ever be preempted, while in the runtime each
    // busy P is preempted somewhere in every 10 ms. For CPU-bound fits the model runs MIN_RUN_MS
    // and its change is scaled down to the interval: the expected course, whatever the unknown
    // phase of the preemptions.
    // Where the log shows when each P's thread next has a core (turns.ts), the phase of the
    // preemptions is known and the model runs over the interval itself.
    const turnGap = turns.gapMs();
    const runMs = Math.max(isCpuBound(fit) && turnGap === null ? MIN_RUN_MS : 0, Math.min(obs.dtMs, this.horizonMs));
    // The fitted slice is wall time per dispatch, which already holds the kernel's sharing of the
    // cores among more busy Ps' threads than cores; a model given the cores shares them out itself,
    // so it is fed the CPU each P had (as LeaverCpu does for the free run).
    const busy = prev.gomaxprocs - prev.idleprocs;
    const share = this.opts.cpus !== undefined && busy > this.opts.cpus ? this.opts.cpus / busy : 1;
    const behaviour = fittedBehaviour(fit, share);
    loadState(model, observedState(prev), behaviour, fittedArrivals(fit, runMs, 0, undefined, behaviour));
    turns.seed(model, prev.tMs!, turnGap);
    starts.seed(model);
    if (this.opts.gctrace === true) placeGcCycles(model, prev.tMs!, runMs, cyclesOver(cur, next));
    model.runUntil(model.nowMs + runMs);
    const modelPrediction = scaleChange(last, predictedOf(model, cur.gomaxprocs), Math.min(1, obs.dtMs / runMs));
    // A cycle still under way would carry its pending phases into the next interval: start afresh.
    if (model.sched.gcCycleActive) {
      this.modelEvents += model.events;
      this.model = null;
    }
    const predicted = calib.full.predict(last, modelPrediction);
    const r = residual(cur.line, cur.tMs, last, queueState(cur), predicted);
    r.model = modelPrediction;
    this.acc.add(r, last, {
      modelOnly: calib.modelOnly.predict(last, modelPrediction),
      levelOnly: calib.levelOnly.predict(last, modelPrediction),
    });
    if (this.onResidual !== undefined) this.onResidual(r);
    else if (this.opts.residuals !== false) this.residuals.push(r);
    calib.update(last, modelPrediction, r.observed);
    calib.observe(r.observed);
    fitter.update(obs);
    turns.observe(prev, cur);
    starts.observe(prev, cur);
    return this.inPrefix;
  }

  /** Scheduler events processed so far. */
  get events(): number {
    return this.modelEvents + (this.model?.events ?? 0);
  }

  /** The one-step replay, its accumulator (for pooling), and what a free run starts from. */
  finish(): { replay: RunReplay; acc: OneStepAccumulator; freeRunStart: FreeRunStart | null } {
    const replay: RunReplay = {
      stream: this.stream,
      run: this.run,
      profile: profileForRun(this.era, this.opts.go),
      points: this.points,
      oneStep: { fidelity: this.acc.result(), residuals: this.residuals },
      events: this.events,
    };
    if (this.skipped !== undefined) replay.skipped = this.skipped;
    const overall = this.overall?.current ?? null;
    const first = this.first;
    const freeRunStart =
      first !== null && first.tMs !== null && overall !== null
        ? {
            first,
            overall,
            leaverCpuMs: this.leaverCpu.cpuMs,
            coreShare: this.leaverCpu.coreShare,
            profile: replay.profile,
          }
        : null;
    return { replay, acc: this.acc, freeRunStart };
  }
}

/** What a free-running or what-if replay of a run starts from: its first dump and whole-prefix fit. */
export interface FreeRunStart {
  first: TimelinePoint;
  overall: WorkloadFit;
  /** CPU per goroutine that left over the prefix, as the cores gave it when the replay has `cpus` (LeaverCpu). */
  leaverCpuMs: number;
  /** The share of the busy Ps' time their threads had a core (LeaverCpu.coreShare). */
  coreShare: number;
  profile: GoProfileName;
}

/**
 * The free-running replay of a run's replayable prefix, fed its dumps after the first in order:
 * one predicted point per timed dump, and the mean absolute error over them.
 */
export class FreeRun {
  private readonly run: FittedRun;
  private err = 0;
  private n = 0;

  constructor(
    start: FreeRunStart,
    opts: { seed?: number; cpus?: number },
    private readonly onPoint: (p: PredictedPoint) => void,
  ) {
    this.run = new FittedRun(start.first, observedState(start.first), start.overall, start.leaverCpuMs, {
      profile: start.profile,
      gomaxprocs: start.first.gomaxprocs,
      seed: opts.seed ?? 1,
      name: 'free-run',
      coreShare: start.coreShare,
      ...cpusOf(opts),
    });
  }

  add(pt: TimelinePoint): void {
    const s = this.run.advance(pt);
    if (s === null) return;
    const predicted = padded(s, pt.runq.length);
    this.err +=
      Math.abs(pt.runqueue - predicted.runqueue) +
      pt.runq.reduce((a, n, i) => a + Math.abs(n - (predicted.runq[i] ?? 0)), 0);
    this.n++;
    this.onPoint({ line: pt.line, tMs: pt.tMs, observed: queueState(pt), predicted });
  }

  get maeModel(): number {
    return this.n === 0 ? 0 : Math.round((this.err / this.n) * 1000) / 1000;
  }

  get events(): number {
    return this.run.model.events;
  }

  /** The free run's figures (its points as collected by the caller). */
  result(points: PredictedPoint[]): NonNullable<RunReplay['freeRun']> {
    const d = this.run.diverged;
    return d === null ? { points, maeModel: this.maeModel } : { points, maeModel: this.maeModel, diverged: d };
  }
}

/** A run held whole (the library's replayTimelines): both passes over its points in memory. */
export function replayRun(tl: RunTimeline, opts: ReplayOptions = {}): { replay: RunReplay; acc: OneStepAccumulator } {
  const r = new RunReplayer(tl.stream, tl.run, tl.era, opts);
  const pts = tl.points;
  let prefix = 0;
  let read = pts.length;
  for (let i = 0; i < pts.length; i++) {
    if (opts.maxEvents !== undefined && r.events >= opts.maxEvents) {
      read = i;
      break;
    }
    if (r.add(pts[i]!, undefined, pts[i + 1])) prefix = i + 1;
  }
  const { replay, acc, freeRunStart } = r.finish();
  if (read < pts.length) {
    replay.points = pts.length;
    replay.stoppedAt = { dumps: read, events: replay.events };
  }
  if (opts.freeRun !== false) {
    // The free run cannot step over a skipped interval: it runs up to the first one.
    const points: PredictedPoint[] = [];
    if (freeRunStart === null) replay.freeRun = { points, maeModel: 0 };
    else {
      const free = new FreeRun(freeRunStart, opts, (p) => points.push(p));
      for (let i = 1; i < prefix; i++) free.add(pts[i]!);
      replay.freeRun = free.result(points);
      replay.events += free.events;
    }
  }
  return { replay, acc };
}
