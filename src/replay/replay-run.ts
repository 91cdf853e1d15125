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
import {
  fittedArrivals,
  fittedBehaviour,
  isCpuBound,
  observeInterval,
  WorkloadFitter,
  type WorkloadFit,
} from '../workload/fit.js';
import type { GroupSpec } from '../workload/spec.js';
import { OneStepAccumulator, type OneStepFidelity } from './ablation.js';
import { OnlineCalibration } from './calibration.js';
import { residual, type QueueState, type Residual } from './fidelity.js';
import { cyclesOver, placeGcCycles } from './gc-cycles.js';
import { profileForRun } from './go-profile.js';
import { replayablePrefix, type SkippedInterval, unreplayable } from './interval-guard.js';

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
  freeRun?: { points: PredictedPoint[]; maeModel: number };
  /** Scheduler events the model processed. */
  events: number;
  /** Intervals not replayed (interval-guard.ts); the free run stops at the first. */
  skipped?: SkippedInterval[];
}

/** The model's `cpus` option from the replay's, when given. */
export function cpusOf(opts: { cpus?: number }): { cpus?: number } {
  return opts.cpus !== undefined ? { cpus: opts.cpus } : {};
}

export function queueState(pt: { runqueue: number; runq: number[] }): QueueState {
  return { runqueue: pt.runqueue, runq: [...pt.runq] };
}

function observedState(pt: TimelinePoint) {
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
  const s = model.snapshot(false);
  const runq = s.runq.slice(0, n);
  while (runq.length < n) runq.push(0);
  return { runqueue: s.runqueue, runq };
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

export function replayRun(tl: RunTimeline, opts: ReplayOptions = {}): { replay: RunReplay; acc: OneStepAccumulator } {
  const profile = profileForRun(tl.era, opts.go);
  const seed = opts.seed ?? 1;
  const horizonMs = opts.horizonMs ?? DEFAULT_HORIZON_MS;
  const pts = tl.points;
  const acc = new OneStepAccumulator();
  const residuals: Residual[] = [];
  let events = 0;
  let model: SchedulerModel | null = null;
  let fitter: WorkloadFitter | null = null;
  let calib: Calibrations | null = null;
  let skipped: SkippedInterval[] | undefined;
  for (let i = 1; i < pts.length; i++) {
    const prev = pts[i - 1]!;
    const cur = pts[i]!;
    const bad = unreplayable(prev, cur);
    if (bad !== undefined) (skipped ??= []).push(bad);
    const obs = bad === undefined ? observeInterval(prev, cur) : null;
    if (obs === null) {
      // GOMAXPROCS changed or a dump lacks its time: the rings are not comparable, start over.
      fitter = null;
      calib = null;
      continue;
    }
    const last = queueState(prev);
    if (fitter === null || calib === null || fitter.gomaxprocs !== cur.gomaxprocs) {
      fitter = new WorkloadFitter(cur.gomaxprocs);
      calib = new Calibrations();
      calib.observe(last);
    }
    if (fitter.current === null) {
      // Warm-up: nothing in the past of this run to fit from, so nothing is predicted or scored.
      calib.observe(queueState(cur));
      fitter.update(obs);
      continue;
    }
    const fit = fitter.current;
    let modelPrediction = last;
    if (fit !== null) {
      if (model === null)
        model = new SchedulerModel(
          { go: profile, gomaxprocs: prev.gomaxprocs, seed, ...cpusOf(opts) },
          { name: 'replay', groups: [] },
        );
      // Long intervals: the model runs over the last `horizonMs` of it, from the earlier dump; the
      // calibration gain rescales its change to the whole interval. Short ones: loadState starts
      // every running G afresh, so within one interval shorter than sysmon's 10 ms preemption
      // (retake, forcePreemptNS) no CPU-bound G would ever be preempted, while in the runtime each
      // busy P is preempted somewhere in every 10 ms. For CPU-bound fits the model runs MIN_RUN_MS
      // and its change is scaled down to the interval: the expected course, whatever the unknown
      // phase of the preemptions.
      const runMs = Math.max(isCpuBound(fit) ? MIN_RUN_MS : 0, Math.min(obs.dtMs, horizonMs));
      loadState(model, observedState(prev), fittedBehaviour(fit), fittedArrivals(fit, runMs));
      if (opts.gctrace === true) placeGcCycles(model, prev.tMs!, runMs, cyclesOver(cur, pts[i + 1]));
      model.runUntil(model.nowMs + runMs);
      modelPrediction = scaleChange(last, predictedOf(model, cur.gomaxprocs), Math.min(1, obs.dtMs / runMs));
      // A cycle still under way would carry its pending phases into the next interval: start afresh.
      if (model.sched.gcCycleActive) model = null;
    }
    const predicted = calib.full.predict(last, modelPrediction);
    const r = residual(cur.line, cur.tMs, last, queueState(cur), predicted);
    r.model = modelPrediction;
    acc.add(r, last, {
      modelOnly: calib.modelOnly.predict(last, modelPrediction),
      levelOnly: calib.levelOnly.predict(last, modelPrediction),
    });
    if (opts.residuals !== false) residuals.push(r);
    calib.update(last, modelPrediction, r.observed);
    calib.observe(r.observed);
    fitter.update(obs);
  }
  events += model?.events ?? 0;
  const replay: RunReplay = {
    stream: tl.stream,
    run: tl.run,
    profile,
    points: pts.length,
    oneStep: { fidelity: acc.result(), residuals },
    events,
  };
  if (skipped !== undefined) replay.skipped = skipped;
  if (opts.freeRun !== false) {
    // The free run cannot step over a skipped interval: it runs up to the first one.
    const free = freeRun(replayablePrefix(tl), profile, seed, opts.cpus);
    replay.freeRun = free.result;
    replay.events += free.events;
  }
  return { replay, acc };
}

/** Per-interval fits of a whole run (the workload as observed, used by free-running and what-if replays). */
export interface FittedSchedule {
  startMs: number;
  windows: { startMs: number; dtMs: number; fit: WorkloadFit }[];
  overall: WorkloadFit | null;
}

export function fitSchedule(tl: RunTimeline): FittedSchedule {
  const pts = tl.points;
  const windows: FittedSchedule['windows'] = [];
  const startMs = pts[0]?.tMs ?? 0;
  const overall = new WorkloadFitter(pts[0]?.gomaxprocs ?? 1);
  for (let i = 1; i < pts.length; i++) {
    const obs = unreplayable(pts[i - 1]!, pts[i]!) === undefined ? observeInterval(pts[i - 1]!, pts[i]!) : null;
    if (obs === null) continue;
    const one = new WorkloadFitter(obs.dLocal.length);
    one.update(obs);
    windows.push({ startMs: (pts[i - 1]!.tMs ?? 0) - startMs, dtMs: obs.dtMs, fit: one.current! });
    if (overall.gomaxprocs === obs.dLocal.length) overall.update(obs);
  }
  return { startMs, windows, overall: overall.current };
}

export function scheduleArrivals(s: FittedSchedule, gomaxprocs?: number): GroupSpec[] {
  return s.windows.flatMap((w) => fittedArrivals(w.fit, w.dtMs, w.startMs, gomaxprocs ?? w.fit.arrivalsPerP.length));
}

function freeRun(
  tl: RunTimeline,
  profile: GoProfileName,
  seed: number,
  cpus?: number,
): { result: NonNullable<RunReplay['freeRun']>; events: number } {
  const pts = tl.points;
  const first = pts[0];
  const sched = fitSchedule(tl);
  const points: PredictedPoint[] = [];
  if (first === undefined || first.tMs === null || sched.overall === null)
    return { result: { points, maeModel: 0 }, events: 0 };
  const model = new SchedulerModel(
    { go: profile, gomaxprocs: first.gomaxprocs, seed, ...cpusOf({ cpus }) },
    { name: 'free-run', groups: [] },
  );
  loadState(model, observedState(first), fittedBehaviour(sched.overall), scheduleArrivals(sched));
  const t0 = model.nowMs;
  let err = 0;
  for (const pt of pts.slice(1)) {
    if (pt.tMs === null) continue;
    model.runUntil(t0 + (pt.tMs - first.tMs));
    const predicted = predictedOf(model, pt.runq.length);
    points.push({ line: pt.line, tMs: pt.tMs, observed: queueState(pt), predicted });
    err +=
      Math.abs(pt.runqueue - predicted.runqueue) +
      pt.runq.reduce((a, n, i) => a + Math.abs(n - (predicted.runq[i] ?? 0)), 0);
  }
  return {
    result: { points, maeModel: points.length === 0 ? 0 : Math.round((err / points.length) * 1000) / 1000 },
    events: model.events,
  };
}
