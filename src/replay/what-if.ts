/**
 * What-if replay: the workload fitted to an observed run, replayed free-running under other settings
 * (GOMAXPROCS, Go release), next to the same replay under the observed settings. Waiting time comes
 * from Little's law: mean queued goroutines / arrival rate into the queues.
 */
import { profileFor, type GoProfileName } from '../scheduler/profiles.js';
import type { FormatEra } from '../trace/snapshot.js';
import { queuedIn, type RunTimeline, type TimelinePoint } from '../trace/timeline.js';
import { cpusOf, FittedRun } from './fitted-run.js';
import { profileForRun } from './go-profile.js';
import { RunReplayer, type FreeRunStart } from './replay-run.js';

export interface WhatIfOptions {
  gomaxprocs?: number;
  go?: string;
  seed?: number;
  /** CPU cores of the machine (default: a core per thread that wants one). */
  cpus?: number;
}

export interface ScenarioFigures {
  gomaxprocs: number;
  profile: GoProfileName;
  /** Means over the observed dump times. */
  meanGlobal: number;
  maxGlobal: number;
  meanLocalPerP: number;
  meanQueued: number;
  /**
   * Goroutines entering the model's run queues per second: its dispatches (schedule → execute, one
   * per queue visit, runnext hand-offs included), as many as enter in the long run.
   */
  arrivalsPerSecond: number;
  /** Mean time a goroutine waits in a run queue per visit (ms), by Little's law; null without arrivals. */
  waitMs: number | null;
  idleShare: number;
  /** The input line where the model's queues ran away from the observed ones (fitted-run.ts) and this scenario stopped. */
  divergedAtLine?: number;
}

export interface WhatIfResult {
  stream: string;
  run: number;
  baseline: ScenarioFigures;
  scenario: ScenarioFigures;
  /** The log's own figures over the same dumps, for what the baseline should have given. */
  observed: { meanQueued: number; idleShare: number };
  /**
   * Whether the baseline reproduces the log (idle share within BASELINE_IDLE_GAP, queued goroutines
   * within BASELINE_QUEUED_GAP): when not, the what-if's difference is the model's, not the program's.
   */
  baselineMatches: boolean;
}

/** Idle share points, and queued goroutines (at least, or that share of the observed), a baseline may miss by. */
export const BASELINE_IDLE_GAP = 0.25;
export const BASELINE_QUEUED_GAP = { least: 2, share: 0.5 };

/**
 * One scenario of a what-if replay, fed the run's replayable prefix dump by dump (the first dump
 * excluded): the fitted workload free-running on `gomaxprocs` Ps under `profile`.
 */
class Scenario {
  private readonly run: FittedRun;
  private n = 0;
  private global = 0;
  private maxGlobal = 0;
  private local = 0;
  private idle = 0;
  private readonly executions0: number;
  private readonly startMs: number;

  constructor(
    start: FreeRunStart,
    private readonly gomaxprocs: number,
    private readonly profile: GoProfileName,
    seed: number,
    cpus: number | undefined,
  ) {
    const first = start.first;
    // The first dump's queued goroutines, spread over the new Ps' rings (the global queue as observed).
    const queuedLocal = first.runq.reduce((a, b) => a + b, 0);
    const runq = Array.from(
      { length: gomaxprocs },
      (_, i) => Math.floor(queuedLocal / gomaxprocs) + (i < queuedLocal % gomaxprocs ? 1 : 0),
    );
    const busy = first.gomaxprocs - first.idleprocs;
    this.run = new FittedRun(
      first,
      { gomaxprocs, runqueue: first.runqueue, runq, idleprocs: Math.max(0, gomaxprocs - busy), threads: first.threads },
      start.overall,
      start.leaverCpuMs,
      { profile, gomaxprocs, seed, name: 'what-if', coreShare: start.coreShare, ...cpusOf({ cpus }) },
    );
    this.executions0 = this.run.model.sched.executions;
    this.startMs = this.run.model.nowMs;
  }

  add(pt: TimelinePoint): void {
    const s = this.run.advance(pt);
    if (s === null) return;
    this.n++;
    this.global += s.runqueue;
    this.maxGlobal = Math.max(this.maxGlobal, s.runqueue);
    this.local += s.runq.reduce((a, b) => a + b, 0);
    this.idle += s.idleprocs / s.gomaxprocs;
  }

  figures(): ScenarioFigures {
    const n = this.n;
    const model = this.run.model;
    const elapsedMs = model.nowMs - this.startMs;
    const arrivalsPerSecond = elapsedMs <= 0 ? 0 : ((model.sched.executions - this.executions0) / elapsedMs) * 1000;
    const meanQueued = n === 0 ? 0 : (this.global + this.local) / n;
    const r = (x: number) => Math.round(x * 1000) / 1000;
    const diverged = this.run.diverged;
    return {
      ...(diverged !== null ? { divergedAtLine: diverged.line } : {}),
      gomaxprocs: this.gomaxprocs,
      profile: this.profile,
      meanGlobal: r(n === 0 ? 0 : this.global / n),
      maxGlobal: this.maxGlobal,
      meanLocalPerP: r(n === 0 ? 0 : this.local / n / this.gomaxprocs),
      meanQueued: r(meanQueued),
      arrivalsPerSecond: r(arrivalsPerSecond),
      waitMs: arrivalsPerSecond > 0 ? r((meanQueued / arrivalsPerSecond) * 1000) : null,
      idleShare: r(n === 0 ? 0 : this.idle / n),
    };
  }
}

/**
 * A what-if replay fed a run's replayable prefix after its first dump, in order (the second pass
 * over a run, after RunReplayer found where it starts): the observed settings and the asked ones.
 */
export class WhatIfReplay {
  private readonly baseline: Scenario;
  private readonly scenario: Scenario;

  constructor(
    private readonly stream: string,
    private readonly run: number,
    start: FreeRunStart,
    era: FormatEra,
    opts: WhatIfOptions,
  ) {
    const seed = opts.seed ?? 1;
    const baseProfile = profileForRun(era);
    const n = start.first.gomaxprocs;
    this.baseline = new Scenario(start, n, baseProfile, seed, opts.cpus);
    this.scenario = new Scenario(
      start,
      opts.gomaxprocs ?? n,
      opts.go !== undefined ? profileFor(opts.go) : baseProfile,
      seed,
      opts.cpus,
    );
  }

  private observedN = 0;
  private observedQueued = 0;
  private observedIdle = 0;

  add(pt: TimelinePoint): void {
    this.baseline.add(pt);
    this.scenario.add(pt);
    this.observedN++;
    this.observedQueued += queuedIn(pt);
    if (pt.gomaxprocs > 0) this.observedIdle += pt.idleprocs / pt.gomaxprocs;
  }

  result(): WhatIfResult {
    const baseline = this.baseline.figures();
    const n = Math.max(1, this.observedN);
    const r = (x: number) => Math.round(x * 1000) / 1000;
    const observed = { meanQueued: r(this.observedQueued / n), idleShare: r(this.observedIdle / n) };
    const queuedGap = Math.max(BASELINE_QUEUED_GAP.least, BASELINE_QUEUED_GAP.share * observed.meanQueued);
    const baselineMatches =
      Math.abs(baseline.idleShare - observed.idleShare) <= BASELINE_IDLE_GAP &&
      Math.abs(baseline.meanQueued - observed.meanQueued) <= queuedGap;
    return {
      stream: this.stream,
      run: this.run,
      baseline,
      scenario: this.scenario.figures(),
      observed,
      baselineMatches,
    };
  }
}

/** Null when the run has too few timed dumps to fit a workload. */
export function whatIf(whole: RunTimeline, opts: WhatIfOptions): WhatIfResult | null {
  const r = new RunReplayer(whole.stream, whole.run, whole.era, { oneStep: false, ...cpusOf(opts) });
  let prefix = 0;
  for (const pt of whole.points) if (r.add(pt)) prefix++;
  const start = r.finish().freeRunStart;
  if (start === null) return null;
  const w = new WhatIfReplay(whole.stream, whole.run, start, whole.era, opts);
  for (let i = 1; i < prefix; i++) w.add(whole.points[i]!);
  return w.result();
}
