/**
 * Fitting a workload to an observed run, one interval between two dumps at a time. What a dump pair
 * tells: how the global queue and each ring changed, how many Ps were busy and — with Go 1.25+
 * `schedticks=` or scheddetail P lines — how many time slices each P started (schedtick counts every
 * dispatch that does not inherit a slice, runtime.execute). From these: the CPU per dispatch, where
 * goroutines arrive (each P's ring) and how many return to the global queue after running
 * (preemption or Gosched, goschedImpl).
 */
import { queuedIn, type TimelinePoint } from '../trace/timeline.js';
import type { BehaviourSpec, GroupSpec } from './spec.js';

/** Above this CPU per dispatch, goroutines are treated as CPU-bound: sysmon preempts them (retake, 10 ms). */
export const CPU_BOUND_SLICE_MS = 8;
/**
 * At most this many fresh dispatches per P per ms (schedule → execute takes well over 50 ns). A
 * larger schedtick delta is no count: a counter that went back (a restart the dump times did not
 * show) reads as a uint32 wrap of about 4 billion.
 */
const MAX_DISPATCHES_PER_MS = 20_000;
/** Weight of the newest interval in the running estimates. */
const ALPHA = 0.5;
/**
 * Arrival rates are the lower median of this many most recent intervals: a one-off spawn wave (a
 * burst of thousands of `go` statements, or a fan-out after a sleep) lands in one interval, and an
 * average would carry it into the intervals after it, where nothing of the kind happens.
 */
const ARRIVAL_WINDOW = 5;
/**
 * Share of the recent net arrivals expected to continue into the next interval. Queue lengths in real
 * logs mix trends (a spawn burst draining) with noise that reverts; carrying half the drift forward
 * serves both better than all of it or none. It damps arrivals only, not the CPU a goroutine costs.
 */
const DAMPING = 0.5;
/**
 * A dump with at least this many goroutines queued per P holds a backlog: every P has one to run.
 * What a goroutine queued there does is best read from the intervals that began with a backlog.
 * Between bursts the dispatches go to whatever runs while nothing waits (the goroutine that sleeps
 * until the next burst, a ticker), which yield and come back many times: a timer storm's callbacks
 * each ran one slice and exited, while the intervals between storms showed 2.8 dispatches per
 * goroutine gone, and seeded with that, the model re-queued each callback twice and drained none
 * of a storm that the runtime ran within one 10 ms interval.
 */
const BACKLOG = 1;

/** Whether a dump's queued goroutines (global queue and rings) are a backlog for its Ps (BACKLOG). */
export function isBacklog(queued: number, gomaxprocs: number): boolean {
  return queued >= BACKLOG * gomaxprocs;
}

export interface IntervalObservation {
  dtMs: number;
  /** Mean number of Ps not idle over the interval. */
  busyPs: number;
  /** Σ schedtick delta (time slices started), when every P printed it. */
  dispatches: number | null;
  /** Per-P schedtick delta, when every P printed it. */
  dispatchesPerP: number[] | null;
  /** Change of the global queue and of each ring. */
  dGlobal: number;
  dLocal: number[];
  /** Change of the number of Ps not idle (each runs a goroutine, or an M spinning for one). */
  dBusy: number;
  /** Goroutines queued (global queue and rings) at the interval's start. */
  queuedBefore: number;
}

export interface WorkloadFit {
  /** CPU per dispatch (ms). */
  sliceMs: number;
  /**
   * Slices per stay of a queued goroutine, as the intervals that began with a backlog (BACKLOG)
   * bound it; slicesPerStay while none did.
   */
  backlogSlicesPerStay: number;
  /** Dispatches per ms per busy P. */
  dispatchRate: number;
  /** New goroutines arriving on each P's ring, per ms. */
  arrivalsPerP: number[];
  /** Goroutines per ms that, after a slice, go back to the global queue (preemption, Gosched). */
  requeueRate: number;
  /**
   * Time slices a runnable goroutine runs before it leaves the run queues (exits or blocks): the
   * dispatches over the goroutines that left, when schedticks tell the dispatches; 1 otherwise.
   */
  slicesPerStay: number;
  /** Intervals the fit has seen. */
  intervals: number;
}

export function observeInterval(prev: TimelinePoint, cur: TimelinePoint): IntervalObservation | null {
  if (prev.gomaxprocs !== cur.gomaxprocs || prev.tMs === null || cur.tMs === null || cur.tMs <= prev.tMs) return null;
  if (cur.runq.length !== cur.gomaxprocs || prev.runq.length !== prev.gomaxprocs) return null;
  const d = cur.schedtickDelta;
  const dtMs = cur.tMs - prev.tMs;
  const counted = d !== undefined && d.length === cur.gomaxprocs && d.every((x) => x <= MAX_DISPATCHES_PER_MS * dtMs);
  const dispatches = counted ? d.reduce((a, b) => a + b, 0) : null;
  return {
    dtMs,
    busyPs: cur.gomaxprocs - (prev.idleprocs + cur.idleprocs) / 2,
    dispatches,
    dispatchesPerP: counted ? d : null,
    dGlobal: cur.runqueue - prev.runqueue,
    dLocal: cur.runq.map((n, i) => n - (prev.runq[i] ?? 0)),
    dBusy: busyOf(cur) - busyOf(prev),
    queuedBefore: queuedIn(prev),
  };
}

/** Ps not idle, within 0..GOMAXPROCS (a damaged line can print idleprocs=4294967295). */
function busyOf(pt: TimelinePoint): number {
  return Math.min(pt.gomaxprocs, Math.max(0, pt.gomaxprocs - pt.idleprocs));
}

/**
 * Running fit over past intervals only (exponentially weighted), so a prediction for the next interval
 * never sees it. `update` folds in one observed interval.
 */
export class WorkloadFitter {
  private fit: WorkloadFit | null = null;
  /** Per-interval arrival rates (arrivalsPerP, then requeueRate last) of the recent intervals. */
  private recent: number[][] = [];
  /**
   * Running ratios of sums, each interval weighing as much as it saw: with schedticks, dispatches
   * per goroutine gone (slicesPerStay) and busy time per dispatch (sliceMs); without, busy time per
   * goroutine gone (sliceMs).
   */
  private readonly stay = new RunningRatio();
  private readonly cpuPerDispatch = new RunningRatio();
  private readonly cpuPerLeaver = new RunningRatio();
  /**
   * The dispatches per goroutine gone of the most recent intervals (at most ARRIVAL_WINDOW) that
   * began with a backlog (BACKLOG). Each is an upper bound on a queued goroutine's slices per stay:
   * the goroutines that arrived and left within the interval were dispatched but are not in its net
   * outflow. The least is the tightest.
   */
  private backlogStays: number[] = [];

  /**
   * `damping` is the share of an interval's net flows carried into the estimates (DAMPING for
   * forecasts; 1 where the interval is known in hindsight: the free run and what-if over a run's own
   * dumps).
   */
  constructor(
    readonly gomaxprocs: number,
    private readonly damping = DAMPING,
  ) {}

  get current(): WorkloadFit | null {
    return this.fit;
  }

  update(o: IntervalObservation): void {
    const n = o.dLocal.length;
    const outNet = o.dLocal.reduce((a, d) => a + Math.max(0, -d), 0) + Math.max(0, -o.dGlobal);
    const busyMs = Math.max(0, o.busyPs) * o.dtMs;
    // Net flows: the goroutines each queue lost and gained. Gross flows (every dispatch and every
    // wake-up) mostly balance within an interval; fed to the model as arrivals and service they
    // would add noise of the order of their square root without moving the queues on average.
    // With schedticks every fresh dispatch is counted (runnext hand-offs inherit the slice and tick
    // nothing, runtime.runqget), so the CPU per slice is the Ps' busy time over their ticks.
    // Without, the busy time per goroutine gone, undamped: what a goroutine costs is the program's,
    // not a flow that may revert, and the net outflow already undercounts the goroutines served (those
    // that came and went within the interval), so the estimate errs long as it is.
    const sliceMs =
      o.dispatches !== null && o.dispatches > 0
        ? busyMs / o.dispatches
        : outNet > 0
          ? busyMs / outNet
          : busyMs > 0
            ? Math.max(o.dtMs, 20)
            : 1;
    // Every slice but the last of a stay ends with the goroutine runnable again: with thousands of
    // ticks and a handful of goroutines gone, goroutines yield and come back (Gosched, preemption,
    // a partner's wake-up) rather than run once and exit. All the net outflow counts as leaving.
    const first = this.fit === null || this.fit.arrivalsPerP.length !== n;
    if (first || o.dispatches === null) {
      this.stay.clear();
      this.cpuPerDispatch.clear();
      this.backlogStays = [];
    }
    if (first || o.dispatches !== null) this.cpuPerLeaver.clear();
    const backlog = isBacklog(o.queuedBefore, n);
    // An interval where every P was idle throughout ran nothing: it says nothing about slices or
    // stays, and must not fade what the last burst taught (a periodic job: a burst drains, dozens
    // of idle dumps, then the next burst).
    const ranNothing = busyMs === 0 && (o.dispatches ?? 0) === 0;
    // An interval where the queues grew shows its dispatches but not how many goroutines left:
    // its arrivals are unseen, so "none left" is no evidence. Once an interval has set the ratios
    // of goroutines gone, such intervals leave them as they are; before that, theirs is the only
    // evidence there is (a run that only grows: net arrivals and nothing seen to leave, as the
    // arrival rates below assume).
    const grew = o.dLocal.reduce((a, d) => a + d, 0) + o.dGlobal > 0;
    if (!ranNothing) {
      if (o.dispatches !== null) {
        this.cpuPerDispatch.add(busyMs, o.dispatches);
        if (!(grew && this.stay.seen)) this.stay.add(o.dispatches, outNet);
        if (backlog && outNet > 0) {
          this.backlogStays.push(Math.max(1, o.dispatches / outNet));
          if (this.backlogStays.length > ARRIVAL_WINDOW) this.backlogStays.shift();
        }
      } else if (!(grew && this.cpuPerLeaver.seen)) this.cpuPerLeaver.add(busyMs, outNet);
    }
    // The floor: at least half a goroutine gone, so a spawn burst's ratio stays finite.
    const slicesPerStay = this.stay.num > 0 ? Math.max(1, this.stay.num / Math.max(ALPHA, this.stay.den)) : 1;
    const next: WorkloadFit = {
      sliceMs,
      backlogSlicesPerStay: slicesPerStay,
      slicesPerStay,
      dispatchRate: o.busyPs > 0 ? (o.dispatches ?? outNet) / (o.busyPs * o.dtMs) : 0,
      arrivalsPerP: o.dLocal.map((d) => (this.damping * Math.max(0, d)) / o.dtMs),
      requeueRate: (this.damping * Math.max(0, o.dGlobal)) / o.dtMs,
      intervals: 1,
    };
    const f = this.fit;
    if (f === null || f.arrivalsPerP.length !== n) {
      this.fit = next;
      this.recent = [[...next.arrivalsPerP, next.requeueRate]];
      return;
    }
    this.recent.push([...next.arrivalsPerP, next.requeueRate]);
    if (this.recent.length > ARRIVAL_WINDOW) this.recent.shift();
    const rate = (i: number) => lowerMedian(this.recent.map((r) => r[i]!));
    const mix = (a: number, b: number) => (1 - ALPHA) * a + ALPHA * b;
    // The CPU per dispatch as a ratio of sums: an interval weighs as much as it dispatched. A
    // start-up interval of one dispatch, whose busy time is a guess from its two dumps, then no longer
    // makes the next burst of short jobs CPU-bound, as an even mix of the two did. The price: after a
    // burst of thousands of short dispatches, a return to long slices shows only some intervals
    // later (the README's replay section gives the figures). Without schedticks, the busy time per
    // goroutine gone, also as a ratio of sums: one interval's own ratio is undefined while nobody
    // leaves. Where neither has an interval yet, the running mix, which an idle interval does not
    // pull towards its placeholder.
    const runningSliceMs =
      o.dispatches !== null && this.cpuPerDispatch.den > 0
        ? this.cpuPerDispatch.ratio
        : o.dispatches === null && this.cpuPerLeaver.den > 0
          ? this.cpuPerLeaver.ratio
          : ranNothing
            ? f.sliceMs
            : mix(f.sliceMs, next.sliceMs);
    this.fit = {
      sliceMs: runningSliceMs,
      backlogSlicesPerStay: this.backlogStays.length > 0 ? Math.min(...this.backlogStays) : next.slicesPerStay,
      slicesPerStay: next.slicesPerStay,
      dispatchRate: ranNothing ? f.dispatchRate : mix(f.dispatchRate, next.dispatchRate),
      arrivalsPerP: f.arrivalsPerP.map((_, i) => rate(i)),
      requeueRate: rate(n),
      intervals: f.intervals + 1,
    };
  }
}

/** num / den over exponentially weighted sums of the intervals added (weight ALPHA for the newest). */
class RunningRatio {
  num = 0;
  den = 0;
  /** An interval has been added since the last clear. */
  seen = false;

  add(num: number, den: number): void {
    this.num = (1 - ALPHA) * this.num + ALPHA * num;
    this.den = (1 - ALPHA) * this.den + ALPHA * den;
    this.seen = true;
  }

  clear(): void {
    this.num = 0;
    this.den = 0;
    this.seen = false;
  }

  get ratio(): number {
    return this.num / this.den;
  }
}

/** The lower median (of two values, the smaller): a single outlier never sets it. */
function lowerMedian(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[(s.length - 1) >> 1]!;
}

/** Goroutines that run on until sysmon preempts them (retake) rather than finish a short slice. */
export function isCpuBound(fit: WorkloadFit): boolean {
  return fit.sliceMs >= CPU_BOUND_SLICE_MS;
}

/** A Gosched between slices: the goroutine goes to the global queue's tail (goschedImpl) and runs on. */
const GOSCHED: BehaviourSpec['block'] = { on: 'gosched', ms: 0 };

/**
 * How queued goroutines behave under a fit: run one slice and exit, or, CPU-bound, run on and be
 * preempted. `coreShare`: the share of a core each busy P's thread had (below 1 when busy Ps
 * outnumbered the machine's cores), which turns the fitted wall time per dispatch into the CPU a
 * model with those cores must be given.
 */
export function fittedBehaviour(fit: WorkloadFit, coreShare = 1): BehaviourSpec {
  if (isCpuBound(fit)) return { cpuMs: 1e6 };
  // A constant slice: the one-step prediction wants the queues' expected course, not one noisy draw.
  const cpuMs = Math.max(0.001, fit.sliceMs * coreShare);
  const repeat = Math.round(fit.slicesPerStay);
  // Between slices of one stay the goroutine yields to the global queue's tail (goschedImpl), which
  // is where preempted and Gosched-ing goroutines wait in the runtime.
  return repeat <= 1 ? { cpuMs } : { cpuMs, block: GOSCHED, repeat };
}

/**
 * CPU the Ps spent per goroutine that left, over a whole run: busy time over the net fall of all
 * queued and running goroutines together (moves between rings and the global queue cancel out; a
 * goroutine that finishes on its P without ever queueing counts, as the fall of busy Ps). Infinite
 * while nothing left (a steady set of CPU-bound goroutines). Sums, fed an interval at a time.
 *
 * `cores`: the machine's cores. A P is busy while its M runs a goroutine, but with more busy Ps than
 * cores the kernel shares the cores among their threads, and each P runs min(1, cores / busy Ps) of
 * the time: a model given those cores (`--cpus`) must be fed that CPU (`cpuMs`), not the Ps' busy
 * time (`ms`), or it demands more than the program used.
 */
export class LeaverCpu {
  private busyMs = 0;
  private coreMs = 0;
  private gone = 0;

  constructor(private readonly cores = Infinity) {}

  add(o: IntervalObservation): void {
    const busy = Math.max(0, o.busyPs);
    this.busyMs += busy * o.dtMs;
    this.coreMs += Math.min(busy, this.cores) * o.dtMs;
    this.gone += Math.max(0, -(o.dLocal.reduce((a, d) => a + d, 0) + o.dGlobal + o.dBusy));
  }

  /** The Ps' busy time per goroutine gone; Infinity while none left. */
  get ms(): number {
    return this.gone > 0 ? this.busyMs / this.gone : Infinity;
  }

  /** The CPU the cores gave per goroutine gone; Infinity while none left. */
  get cpuMs(): number {
    return this.gone > 0 ? this.coreMs / this.gone : Infinity;
  }

  /** The share of the busy Ps' time their threads had a core (1 without `cores`). */
  get coreShare(): number {
    return this.busyMs > 0 ? this.coreMs / this.busyMs : 1;
  }
}

/**
 * The goroutines that became runnable over an interval known in hindsight (the free-running and
 * what-if replays over a run's own dumps): the net rise of everything queued or running (Ps not
 * idle), since a rise in one queue that another queue lost is a move (a steal, a `globrunqget`
 * batch, half a ring overflowing to the global queue in runqputslow), not an arrival. They are
 * placed on the rings that grew, in proportion to their rise, where `newproc` would have put them
 * (runqput on the creating P; the model overflows a full ring itself); `unplaced` when no ring grew
 * (netpoll's injectglist, a goroutine readied onto an idle P, or a ring that overflowed and drained
 * within the interval).
 */
export function hindsightArrivals(o: IntervalObservation): { perP: number[]; unplaced: number } {
  let ringRises = 0;
  let net = o.dGlobal + o.dBusy;
  for (const d of o.dLocal) {
    ringRises += Math.max(0, d);
    net += d;
  }
  if (net <= 0) return { perP: o.dLocal.map(() => 0), unplaced: 0 };
  if (ringRises === 0) return { perP: o.dLocal.map(() => 0), unplaced: net };
  return { perP: o.dLocal.map((d) => (net * Math.max(0, d)) / ringRises), unplaced: 0 };
}

/**
 * How a goroutine behaves in hindsight (free-running and what-if replays): it runs `stayCpuMs`, the
 * CPU each goroutine that left cost over the whole run (LeaverCpu.cpuMs, running goroutines counted),
 * in slices with a Gosched between, or in one run that sysmon preempts when the slices are CPU-bound
 * (retake). `sliceMs` is a slice as the Ps' busy time shows it: sysmon preempts by the time on the
 * P, so that decides CPU-bound; its CPU is `coreShare` of it. While nothing ever left (a steady
 * set), it never leaves.
 */
export function stayBehaviour(sliceMs: number, stayCpuMs: number, coreShare = 1): BehaviourSpec {
  const slice = Math.max(0.001, sliceMs * coreShare);
  const cpuBound = sliceMs >= CPU_BOUND_SLICE_MS;
  if (!Number.isFinite(stayCpuMs))
    return cpuBound ? { cpuMs: 1e6 } : { cpuMs: slice, block: GOSCHED, repeat: 'forever' };
  const repeat = cpuBound ? 1 : Math.round(stayCpuMs / slice);
  return repeat <= 1 ? { cpuMs: Math.max(0.001, stayCpuMs) } : { cpuMs: slice, block: GOSCHED, repeat };
}

/** Arrival groups for the next `windowMs` (times relative to the replay's now). */
export function fittedArrivals(
  fit: WorkloadFit,
  windowMs: number,
  startMs = 0,
  gomaxprocs = fit.arrivalsPerP.length,
  behaviour: BehaviourSpec = fittedBehaviour(fit),
): GroupSpec[] {
  const groups: GroupSpec[] = [];
  fit.arrivalsPerP.forEach((rate, p) => {
    if (rate * windowMs < 0.05) return;
    groups.push({
      name: `arrivals-p${p}`,
      spawn: { kind: 'rate', perSecond: rate * 1000, startMs, endMs: startMs + windowMs, onP: p % gomaxprocs },
      behaviour,
    });
  });
  if (fit.requeueRate * windowMs >= 0.05 && !isCpuBound(fit)) {
    // Gosched after a short slice: these goroutines land on the global queue (goschedImpl).
    groups.push({
      name: 'requeue',
      spawn: { kind: 'rate', perSecond: fit.requeueRate * 1000, startMs, endMs: startMs + windowMs },
      behaviour: { cpuMs: 0.001, block: GOSCHED, repeat: 2 },
    });
  }
  return groups;
}
