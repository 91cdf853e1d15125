/** schedule → findRunnable → execute, and the end of a G's CPU work (proc.go). */
import { FAIRNESS_TICK } from '../../trace/runtime-constants.js';
import { COSTS, longSleepOvershootNs } from '../costs.js';
import { type G, G_RUNNING, type M, type P, P_GCSTOP } from '../entities.js';
import { EV_M_START, EV_RUN_END } from './events.js';
import { assistWork, findGCWorker, GC_WORKER, gcParkAssist, gcWorkerRunEnd, noteAllocation } from './gc.js';
import { semreleaseMarkDone } from './mark-done-sema.js';
import { netpoll } from './netpoll.js';
import { bgsweep } from './sweep.js';
import { runDueTimers } from './park.js';
import { acquire, arriveAfter, pidleget, pidleput, startlockedm, stopm, wakep } from './procs.js';
import { globrunqget, runqget, STEAL_SLEEP, stealWork } from './runq.js';
import { heldPStopped } from './stw.js';
import { NONE, type Sched, SEEDED } from './sched.js';
import { releaseCore, WAITING_FOR_CORE, waitForTurn } from './slices.js';

/** execute: schedtick counts fresh time slices only; a runnext G inherits the slice. */
export function execute(s: Sched, p: P, g: G, inheritTime: boolean, extraNs = 0): void {
  if (!inheritTime) p.schedtick = (p.schedtick + 1) >>> 0;
  s.executions++;
  if (inheritTime) s.counters.execInherit++;
  else if (g.group === GC_WORKER || g.slot === s.sweepG) s.counters.execSystem++;
  else s.counters.execUser++;
  const m = s.ms[p.m]!;
  g.status = G_RUNNING;
  g.preemptAsked = false;
  // waitreason is not cleared when the G runs again (only gdestroy clears it): dumps show status=2(sleep).
  g.m = m.id;
  g.lastP = p.id;
  m.curg = g.slot;
  p.curG = g.slot;
  if (g.semaRelease) {
    g.semaRelease = false;
    semreleaseMarkDone(s, p);
  }
  runFor(s, p, g, COSTS.switchNs + extraNs);
}

/** The G on p executes (or keeps executing) its current CPU work: its spawns or its own work. */
export function runFor(s: Sched, p: P, g: G, extraNs: number): void {
  let work = g.spawnLeft > 0 ? g.spawnCostNs : g.cpuLeftNs;
  // While the GC marks, an allocating G spends part of its CPU on mark assists.
  if (g.allocMBps !== 0 && s.gcMarking) work = assistWork(s, g, work);
  s.machine.startExecuting(p);
  p.runStartAt = s.k.now;
  p.runFactor = s.machine.goCodeFactor(p.m);
  p.runEndAt = s.k.now + (extraNs + work) * p.runFactor;
  p.runEndSeq = s.k.at(p.runEndAt, EV_RUN_END, p.id);
}

/** A G's stretch of CPU work on p ended: its code (the program) decides what it does next. */
export function onRunEnd(s: Sched, pid: number): void {
  const p = s.allp[pid];
  if (!p || s.k.currentSeq !== p.runEndSeq) return;
  p.runEndSeq = -1;
  s.machine.stopExecuting(p);
  const g = s.gs[p.curG]!;
  if (g.group === GC_WORKER) return gcWorkerRunEnd(s, p, g);
  if (g.slot === s.sweepG) return bgsweep(s, p, g);
  if (g.assistPark) return gcParkAssist(s, p, g);
  if (g.allocMBps !== 0) noteAllocation(s, g, (s.k.now - p.runStartAt) / p.runFactor);
  s.program.runEnd(p, g);
}

export function onMStart(s: Sched, pid: number): void {
  const p = s.allp[pid];
  if (!p || s.k.currentSeq !== p.startSeq) return;
  p.startSeq = -1;
  // The thread needs a core to run: with every core held for a turn, it waits for one to end (slices.ts),
  // unless a core was handed to it on its way (startingM).
  if (s.machine.coreOf(p.m) < 0 && waitForTurn(s, EV_M_START, pid)) {
    p.startSeq = WAITING_FOR_CORE;
    p.startAt = s.k.now + s.machine.turnWaitNs(s.k.now);
    return;
  }
  if (p.stealVictim !== NONE) return runqgrabWoke(s, p);
  const pending = p.curG;
  if (pending !== NONE) {
    // A locked G handed over by startlockedm: its M now runs it on this P.
    p.curG = NONE;
    if (s.gcwaiting) {
      s.global.pushTail(pending);
      return schedule(s, p);
    }
    // schedule: `if mp.lockedg != 0 { stoplockedm(); execute(mp.lockedg.ptr(), false) }`: a locked G
    // never inherits the time slice, so every hand-over counts a schedtick (even from runnext).
    return execute(s, p, s.gs[pending]!, false, 0);
  }
  schedule(s, p);
}

/** resetspinning: the M found work; wake another spinner so the work spreads. */
function resetspinning(s: Sched, m: M): void {
  m.spinning = false;
  s.nmspinning--;
  s.counters.spinEnded(s.k.now - m.spinFrom, true);
  wakep(s);
}

/** becomeSpinning. */
function becomeSpinning(s: Sched, m: M): void {
  m.spinning = true;
  m.spinFrom = s.k.now;
  s.nmspinning++;
}

/** runqgrab after its sleep: the victim's runnext is taken if it is still the same G, else findRunnable again. */
function runqgrabWoke(s: Sched, p: P): void {
  const victim = s.allp[p.stealVictim]!;
  const slot = p.stealG;
  p.stealVictim = NONE;
  p.stealG = NONE;
  if (s.gcwaiting || victim.q.runnext !== slot) return schedule(s, p);
  victim.q.runnext = NONE;
  runFound(s, p, s.ms[p.m]!, slot, false, COSTS.stealNs);
}

/** findRunnable found slot: a spinning M stops spinning (resetspinning), then the G runs (or goes to its locked M). */
function runFound(s: Sched, p: P, m: M, slot: number, inherit: boolean, extraNs: number): void {
  if (m.spinning) resetspinning(s, m);
  const g = slot === SEEDED ? s.program.seededG(p) : s.gs[slot]!;
  if (g.lockedM !== NONE && g.lockedM !== m.id) return startlockedm(s, p, m, g);
  execute(s, p, g, inherit, extraNs);
}

/** schedule → findRunnable → execute, for the M holding p. */
export function schedule(s: Sched, p: P): void {
  const m = s.ms[p.m]!;
  let retried = false;
  let rechecks = 0;
  for (;;) {
    // findRunnable 1: a stop-the-world is pending → gcstopm.
    if (s.gcwaiting) {
      p.state = P_GCSTOP;
      p.m = NONE;
      if (m.spinning) {
        m.spinning = false;
        s.nmspinning--;
      }
      s.stopwait--;
      if (p.stwHeld) heldPStopped(s, p);
      stopm(s, m);
      // gcstopm: the M that stops last wakes the stopping M (notewakeup(&sched.stopnote)) before its
      // unlock and stopm's mput, and the woken thread can take its core (Machine.preemptedWakerNs).
      if (s.stopwait === 0) m.idleFrom = s.k.now + s.machine.preemptedWakerNs(s.stwLoad, s.uniform);
      return;
    }
    // findRunnable's checkTimers: due timers of this P ready their Gs.
    if (p.dueCount > 0) runDueTimers(s, p);
    let slot = NONE;
    let inherit = false;
    let extra = 0;
    // 4: a GC mark worker (findRunnableGCWorker) during the mark phase.
    if (s.gcMarking) slot = findGCWorker(s, p, false);
    // 5: every 61st schedtick, one G from the global queue first (fairness).
    if (slot === NONE && p.schedtick % FAIRNESS_TICK === 0 && s.global.size > 0) slot = globrunqget(s, p, 1);
    // 7: local queue, runnext first.
    if (slot === NONE) {
      slot = runqget(s, p);
      inherit = slot !== NONE && s.inherit;
    }
    // 8: global batch.
    if (slot === NONE && s.global.size > 0) slot = globrunqget(s, p, 0);
    // 9: non-blocking netpoll; the first G runs, the rest go through injectglist.
    if (slot === NONE && s.netReady.length > 0) slot = netpoll(s, p);
    // 10: steal, if this M spins or may start spinning (fewer spinning Ms than half the busy Ps).
    if (slot === NONE && (m.spinning || 2 * s.nmspinning < s.gomaxprocs - s.npidle)) {
      if (!m.spinning) {
        becomeSpinning(s, m);
        s.needspinning = 0;
      }
      slot = stealWork(s, p);
      if (slot === STEAL_SLEEP) {
        // usleep(3) is a nanosleep: the timer slack makes it tens of µs, and on busy cores the thread
        // may wait for its core after it (Machine.lateWakeNs). The M keeps its P and stays spinning.
        const sleep = COSTS.runqgrabSleepNs + s.machine.lateWakeNs(s.uniform);
        arriveAfter(s, p, sleep);
        return;
      }
      if (slot !== NONE) extra = COSTS.stealNs;
    }
    // 11: idle-priority GC marking instead of dropping the P.
    if (slot === NONE && s.gcMarking) slot = findGCWorker(s, p, true);
    if (slot !== NONE) return runFound(s, p, m, slot, inherit, extra);
    // 12: under sched.lock: re-check the global queue; needspinning turns this M into a spinner (1.20+).
    if (!m.spinning && s.needspinning === 1 && !retried) {
      retried = true;
      s.needspinning = 0;
      becomeSpinning(s, m);
      continue;
    }
    const wasSpinning = m.spinning;
    pidleput(s, p);
    m.p = NONE;
    if (wasSpinning) {
      m.spinning = false;
      s.nmspinning--;
      s.counters.spinEnded(s.k.now - m.spinFrom, false);
      // 13: checkRunqsNoP / global re-check after dropping the P: take an idle P back if work appeared.
      if (rechecks++ === 0 && (s.global.size > 0 || anyLocalWork(s))) {
        const pp = pidleget(s);
        if (pp) {
          acquire(pp, m);
          becomeSpinning(s, m);
          p = pp;
          continue;
        }
      }
    }
    // With timers or network waiters pending and nobody polling (sched.lastpoll.Swap(0) != 0), the M
    // blocks in netpoll(delay) instead of stopm: no P, not on the idle list, so a wakep while it sleeps
    // needs another M. It is the M that takes an idle P when the timer fires (readyOnIdleP).
    if (s.netpollM === NONE && (s.netWaiters > 0 || s.timersPending)) {
      m.curg = NONE;
      m.parked = false;
      s.netpollM = m.id;
      s.netpollSince = s.k.now;
      releaseCore(s, m.id);
      if (s.prof.netpollMsSleep) s.netpollOvershootNs = longSleepOvershootNs(s.rng.float());
      return;
    }
    stopm(s, m);
    // The M dropped its P and left the spinning count, but reaches mput only after the re-checks
    // (checkRunqsNoP, checkTimersNoP, the netpoll checks): a wakep in that window finds no idle M
    // and creates one (newm). startm skips it until then.
    m.idleFrom = s.k.now + COSTS.dropPNs + s.machine.preemptedDropNs(s.uniform);
    return;
  }
}

export function anyLocalWork(s: Sched): boolean {
  return s.queued.n > 0;
}
