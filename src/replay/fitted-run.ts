/**
 * The fitted workload of a run replayed free-running: the model starts from a seeded state and never
 * resets; each interval between two dumps brings the goroutines that arrived in it, read in
 * hindsight (addArrivals), each running what a goroutine cost over the whole run. The run is fed
 * dump by dump: an interval's arrival groups join the model just before it runs over the interval
 * (arrival groups whose goroutines are all gone are recycled by the program), so memory stays flat
 * whatever the run's length. Used by the free-running replay and the what-if replay.
 */
import { SchedulerModel } from '../scheduler/model.js';
import type { GoProfileName } from '../scheduler/profiles.js';
import type { Snapshot } from '../trace/snapshot.js';
import { queuedIn, type TimelinePoint } from '../trace/timeline.js';
import {
  fittedArrivals,
  hindsightArrivals,
  observeInterval,
  stayBehaviour,
  WorkloadFitter,
  type IntervalObservation,
  type WorkloadFit,
} from '../workload/fit.js';
import { loadState, type ObservedState } from './load-state.js';

/**
 * When a free run stops: its model holds more queued goroutines than DIVERGENCE_FACTOR times the most
 * the run's dumps showed so far, and more than DIVERGENCE_FLOOR. It has then diverged from the
 * observed run: each queued G is an object in the model (so memory would grow with the run), and
 * predictions that far off say nothing more. The interval guard keeps observed queues under 10^6.
 */
export const DIVERGENCE_FACTOR = 10;
export const DIVERGENCE_FLOOR = 10_000;
/**
 * Whatever the observed queues, the model holds at most this many goroutines: each is an object, so
 * a run whose intervals bring hundreds of thousands of arrivals each (a log whose global queue
 * jumps by 10^6 and back) stops here, as when it diverges, instead of growing the heap without end.
 */
export const MAX_MODELLED_GOROUTINES = 500_000;

/** Where a free run stopped: the model's queued goroutines and the limit they passed. */
export interface Divergence {
  line: number;
  queued: number;
  limit: number;
}

/** The model's `cpus` option from the replay's, when given. */
export function cpusOf(opts: { cpus?: number }): { cpus?: number } {
  return opts.cpus !== undefined ? { cpus: opts.cpus } : {};
}

export interface FittedRunOptions {
  profile: GoProfileName;
  gomaxprocs: number;
  seed: number;
  cpus?: number;
  name: string;
  /** The share of the Ps' busy time their threads had a core (LeaverCpu.coreShare). */
  coreShare: number;
}

export class FittedRun {
  readonly model: SchedulerModel;
  private prev: TimelinePoint;
  private readonly t0: number;
  private readonly baseNs: number;
  private readonly firstMs: number;
  /** Set when the model's queues ran away from the observed ones; the run goes no further. */
  diverged: Divergence | null = null;
  /** The most goroutines queued in any dump so far. */
  private observedMax: number;
  /** The model's queued goroutines at the last dump. */
  private modelQueued: number;

  /**
   * `first` is the run's first dump (its time must be known), `state` what the model is seeded with,
   * `overall` the workload fitted to the whole run (the seeded goroutines behave like it), and
   * `leaverCpuMs` the CPU per goroutine that left over the whole run (LeaverCpu).
   */
  constructor(
    first: TimelinePoint,
    state: ObservedState,
    private readonly overall: WorkloadFit,
    private readonly leaverCpuMs: number,
    private readonly opts: FittedRunOptions,
  ) {
    this.model = new SchedulerModel(
      {
        go: opts.profile,
        gomaxprocs: opts.gomaxprocs,
        seed: opts.seed,
        ...cpusOf(opts),
      },
      { name: opts.name, groups: [] },
    );
    loadState(this.model, state, stayBehaviour(overall.sliceMs, leaverCpuMs, opts.coreShare), []);
    this.prev = first;
    this.observedMax = queuedIn(first);
    this.modelQueued = queuedIn(state);
    this.t0 = this.model.nowMs;
    this.baseNs = this.model.sched.k.now;
    this.firstMs = first.tMs ?? 0;
  }

  /**
   * The next dump of the run: the interval from the previous dump brings its fitted arrivals, and the
   * model runs to the dump's time. The model's snapshot there, or null for a dump without a time
   * and for every dump after the run diverged.
   */
  advance(pt: TimelinePoint): Snapshot | null {
    if (this.diverged !== null) return null;
    const prev = this.prev;
    this.prev = pt;
    const obs = observeInterval(prev, pt);
    if (obs !== null) {
      const arrivals = hindsightArrivals(obs);
      const incoming = arrivals.perP.reduce((a, b) => a + b, 0) + arrivals.unplaced;
      if (this.modelQueued + incoming > MAX_MODELLED_GOROUTINES) {
        this.diverged = {
          line: pt.line,
          queued: Math.round(this.modelQueued + incoming),
          limit: MAX_MODELLED_GOROUTINES,
        };
        return null;
      }
      this.addArrivals(obs, (prev.tMs ?? 0) - this.firstMs, arrivals);
    }
    if (pt.tMs === null) return null;
    this.model.runUntil(this.t0 + (pt.tMs - this.firstMs));
    const snap = this.model.snapshot(false);
    this.observedMax = Math.max(this.observedMax, queuedIn(pt));
    const limit = Math.min(MAX_MODELLED_GOROUTINES, Math.max(DIVERGENCE_FLOOR, DIVERGENCE_FACTOR * this.observedMax));
    this.modelQueued = queuedIn(snap);
    if (this.modelQueued > limit) this.diverged = { line: pt.line, queued: this.modelQueued, limit };
    return snap;
  }

  /**
   * The interval is known, so its goroutines arrive whole: the net rise of queued and running
   * goroutines (hindsightArrivals), each running the CPU a goroutine cost over the whole run
   * (stayBehaviour), in the interval's slices where it shows them. Read as a forecast (each queue's
   * rise, damped, and the interval's own CPU per goroutine, as the one-step replay predicts), moves
   * between queues counted as arrivals, half the real ones were lost, and a spawn burst's interval
   * gave each new goroutine all of its dispatches to run (the README's replay section has figures).
   */
  private addArrivals(
    obs: IntervalObservation,
    startMs: number,
    { perP, unplaced }: { perP: number[]; unplaced: number },
  ): void {
    const one = new WorkloadFitter(obs.dLocal.length, 1);
    one.update(obs);
    const own = one.current!;
    // The CPU per slice: the interval's own where it shows one (schedticks count the slices, or a
    // queue fell), the whole run's otherwise (a spawn burst's interval shows arrivals, not service).
    const fell = obs.dGlobal < 0 || obs.dLocal.some((d) => d < 0);
    const sliceMs = obs.dispatches !== null || fell ? own.sliceMs : this.overall.sliceMs;
    const behaviour = stayBehaviour(sliceMs, this.leaverCpuMs, this.opts.coreShare);
    const fit = { ...own, sliceMs, arrivalsPerP: perP.map((n) => n / obs.dtMs), requeueRate: 0 };
    for (const g of fittedArrivals(fit, obs.dtMs, startMs, this.opts.gomaxprocs, behaviour))
      this.model.program.addGroup(g, this.baseNs);
    // No onP: the model readies them where the runtime would (a running P's ring, or an idle P).
    if (unplaced >= 0.05)
      this.model.program.addGroup(
        {
          name: 'arrivals',
          spawn: { kind: 'rate', perSecond: (unplaced / obs.dtMs) * 1000, startMs, endMs: startMs + obs.dtMs },
          behaviour,
        },
        this.baseNs,
      );
  }
}
