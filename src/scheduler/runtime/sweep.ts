/**
 * The background sweeper (mgcsweep.go bgsweep), as the scheduler sees it. gcenable starts it; it
 * parks in "GC sweep wait" until mark termination's gcSweep readies it (ready(sweep.g, 0, true): the
 * terminating G's P, runnext). It then sweeps spans and yields between batches, every yield a trip
 * through the global queue (gosched_m → goschedImpl → globrunqput):
 * - Go 1.19 and before: Gosched after every span, whatever the idle Ps;
 * - Go 1.20+: goschedIfBusy after every 10 spans (sweepBatchSize), which yields only when no P is
 *   idle (sched.npidle == 0) or the G was asked to stop (sysmon's preemption, which the model runs
 *   through its own retake).
 * What it sweeps per cycle is the workload's (gc.sweepMs of CPU); the next cycle's gcStart sweeps
 * what is left (finishsweep_m), after which the sweeper finds nothing and parks again. Not modelled:
 * Go 1.25+'s goschedIfBusy loop while its spans are done but another sweeper is still active
 * (isSweepDone false, issue 73499), where most of Go 1.26's yields come from on busy cores (README,
 * fidelity: the gcheavy item).
 */
import { type G, G_RUNNABLE, type P, W_FOREVER } from '../entities.js';
import { gopark, Gosched } from './park.js';
import { runFor } from './schedule.js';
import { runqput } from './runq.js';
import { MS, NONE, type Sched } from './sched.js';

/** Sweeping one span (sweepone on a typical small-object span), ns. */
const SWEEP_SPAN_NS = 100;
/** Go 1.20+: spans swept between two goschedIfBusy calls (bgsweep's sweepBatchSize). */
const SWEEP_BATCH = 10;
/** With a P idle (goschedIfBusy returns at once), how long the model lets the sweeper run before it looks again, ns. */
const SWEEP_IDLE_CHECK_NS = 100_000;

/** The sweeper's first run: gcenable's bgsweep parks at once; the runtime keeps its G (sweep.g). */
export function bgsweepStart(s: Sched, p: P, g: G): void {
  s.sweepG = g.slot;
  park(s, p, g);
}

function park(s: Sched, p: P, g: G): void {
  s.sweepParked = true;
  gopark(s, p, g, W_FOREVER, 'GC sweep wait', 0);
}

/** The sweeper claims its next batch: the CPU it runs before its next yield check. */
function nextBatch(s: Sched, g: G): void {
  const batch = s.prof.sweepYieldIfBusy ? SWEEP_BATCH * SWEEP_SPAN_NS : SWEEP_SPAN_NS;
  const ns = Math.min(s.prof.sweepYieldIfBusy && s.npidle > 0 ? SWEEP_IDLE_CHECK_NS : batch, s.sweepLeftNs);
  s.sweepLeftNs -= ns;
  g.cpuLeftNs = ns;
}

/** gcSweep (mark termination, world stopped): this cycle's spans are unswept; ready the sweeper onto p's runnext. */
export function gcSweep(s: Sched, p: P | null): void {
  const sweepMs = s.gc?.sweepMs;
  if (sweepMs === undefined || s.sweepG === NONE) return;
  s.sweepLeftNs = sweepMs * MS;
  if (!s.sweepParked) return;
  s.sweepParked = false;
  const g = s.gs[s.sweepG]!;
  g.status = G_RUNNABLE;
  nextBatch(s, g);
  if (p !== null) runqput(s, p, g.slot, true);
  else s.global.pushTail(g.slot);
}

/** finishsweep_m (the next cycle's sweep termination): every span is swept; the sweeper has nothing left. */
export function finishsweep(s: Sched): void {
  s.sweepLeftNs = 0;
}

/** The sweeper's batch on p ended: yield (Gosched / goschedIfBusy), go on sweeping, or park when done. */
export function bgsweep(s: Sched, p: P, g: G): void {
  if (s.sweepLeftNs <= 0) return park(s, p, g);
  nextBatch(s, g);
  if (!s.prof.sweepYieldIfBusy || s.npidle === 0) {
    s.counters.sweepYields++;
    return Gosched(s, p, g);
  }
  runFor(s, p, g, 0);
}
