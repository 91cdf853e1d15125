/**
 * What-if replay: the workload fitted to an observed run, replayed free-running under other settings
 * (GOMAXPROCS, Go release), next to the same replay under the observed settings. Waiting time comes
 * from Little's law: mean queued goroutines / arrival rate into the queues.
 */
import { SchedulerModel } from '../scheduler/model.js';
import { loadState } from './load-state.js';
import { profileFor, type GoProfileName } from '../scheduler/profiles.js';
import type { RunTimeline } from '../trace/timeline.js';
import { fittedBehaviour } from '../workload/fit.js';
import { profileForRun } from './go-profile.js';
import { cpusOf, fitSchedule, scheduleArrivals, type FittedSchedule } from './replay-run.js';
import { replayablePrefix } from './interval-guard.js';

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
  /** Goroutines entering run queues per second (fitted). */
  arrivalsPerSecond: number;
  /** Mean time a goroutine waits in a run queue (ms), by Little's law; null without arrivals. */
  waitMs: number | null;
  idleShare: number;
}

export interface WhatIfResult {
  stream: string;
  run: number;
  baseline: ScenarioFigures;
  scenario: ScenarioFigures;
}

function arrivalRate(s: FittedSchedule): number {
  let gs = 0;
  let ms = 0;
  for (const w of s.windows) {
    gs += (w.fit.arrivalsPerP.reduce((a, b) => a + b, 0) + w.fit.requeueRate) * w.dtMs;
    ms += w.dtMs;
  }
  return ms === 0 ? 0 : (gs / ms) * 1000;
}

function simulate(
  tl: RunTimeline,
  sched: FittedSchedule,
  gomaxprocs: number,
  profile: GoProfileName,
  seed: number,
  cpus: number | undefined,
): ScenarioFigures {
  const pts = tl.points;
  const first = pts[0]!;
  const model = new SchedulerModel(
    { go: profile, gomaxprocs, seed, ...cpusOf({ cpus }) },
    { name: 'what-if', groups: [] },
  );
  // The first dump's queued goroutines, spread over the new Ps' rings (the global queue as observed).
  const queuedLocal = first.runq.reduce((a, b) => a + b, 0);
  const runq = Array.from(
    { length: gomaxprocs },
    (_, i) => Math.floor(queuedLocal / gomaxprocs) + (i < queuedLocal % gomaxprocs ? 1 : 0),
  );
  const busy = first.gomaxprocs - first.idleprocs;
  loadState(
    model,
    { gomaxprocs, runqueue: first.runqueue, runq, idleprocs: Math.max(0, gomaxprocs - busy), threads: first.threads },
    fittedBehaviour(sched.overall!),
    scheduleArrivals(sched, gomaxprocs),
  );
  const t0 = model.nowMs;
  let n = 0;
  let global = 0;
  let maxGlobal = 0;
  let local = 0;
  let idle = 0;
  for (const pt of pts.slice(1)) {
    if (pt.tMs === null || first.tMs === null) continue;
    model.runUntil(t0 + (pt.tMs - first.tMs));
    const s = model.snapshot(false);
    n++;
    global += s.runqueue;
    maxGlobal = Math.max(maxGlobal, s.runqueue);
    local += s.runq.reduce((a, b) => a + b, 0);
    idle += s.idleprocs / s.gomaxprocs;
  }
  const arrivalsPerSecond = arrivalRate(sched);
  const meanQueued = n === 0 ? 0 : (global + local) / n;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    gomaxprocs,
    profile,
    meanGlobal: r(n === 0 ? 0 : global / n),
    maxGlobal,
    meanLocalPerP: r(n === 0 ? 0 : local / n / gomaxprocs),
    meanQueued: r(meanQueued),
    arrivalsPerSecond: r(arrivalsPerSecond),
    waitMs: arrivalsPerSecond > 0 ? r((meanQueued / arrivalsPerSecond) * 1000) : null,
    idleShare: r(n === 0 ? 0 : idle / n),
  };
}

/** Null when the run has too few timed dumps to fit a workload. */
export function whatIf(whole: RunTimeline, opts: WhatIfOptions): WhatIfResult | null {
  const tl = replayablePrefix(whole);
  const sched = fitSchedule(tl);
  const first = tl.points[0];
  if (sched.overall === null || first === undefined || first.tMs === null) return null;
  const seed = opts.seed ?? 1;
  const baseProfile = profileForRun(tl.era);
  const baseline = simulate(tl, sched, first.gomaxprocs, baseProfile, seed, opts.cpus);
  const scenario = simulate(
    tl,
    sched,
    opts.gomaxprocs ?? first.gomaxprocs,
    opts.go !== undefined ? profileFor(opts.go) : baseProfile,
    seed,
    opts.cpus,
  );
  return { stream: tl.stream, run: tl.run, baseline, scenario };
}
