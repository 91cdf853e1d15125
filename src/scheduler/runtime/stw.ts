/** Stop-the-world and start-the-world, GC cycles and procresize (proc.go, mgc.go). */
import { COSTS } from '../costs.js';
import { P, P_GCSTOP, P_IDLE, P_RUNNING, P_SYSCALL } from '../entities.js';
import { EV_START_WORLD, EV_STW } from './events.js';
import { gcMarkStart, timePacedGapNs } from './gc.js';
import { preempt, preemptible } from './sysmon.js';
import { arriveAfter, pidleput, startm, stopm, wakep } from './procs.js';
import { finishsweep, gcSweep } from './sweep.js';
import { MS, NONE, type Sched } from './sched.js';

/** stopTheWorldWithSema: gcwaiting; idle and syscall Ps stop at once, running ones at their next schedule. Arg: new GOMAXPROCS, or 0 for a GC. */
export function onStopTheWorld(s: Sched, newprocs: number): void {
  s.gcwaiting = true;
  s.stopwait = s.gomaxprocs;
  s.stwLoad = s.machine.loadFactor();
  for (let i = 0; i < s.gomaxprocs; i++) {
    const p = s.allp[i]!;
    if (p.state === P_IDLE) {
      p.onIdleList = false;
      p.state = P_GCSTOP;
      s.stopwait--;
    } else if (p.state === P_SYSCALL) {
      p.syscalltick = (p.syscalltick + 1) >>> 0;
      p.state = P_GCSTOP;
      p.m = NONE;
      p.curG = NONE;
      s.stopwait--;
    } else if (p.state === P_RUNNING) {
      if (p.curG !== NONE && p.runEndSeq !== -1) {
        // preemptall: the running G is preempted (goschedImpl → global queue), the M then stops. A
        // loop that calls nothing (G.callFree) without async preemption runs on: stopTheWorldWithSema
        // waits for it (stopwait) until its first call (gopreempt_m).
        if (preemptible(s, p)) preempt(s, p);
        else {
          s.gs[p.curG]!.preemptAsked = true;
          p.stwHeld = true;
          s.stwHeld++;
        }
      } else if (p.startSeq !== -1) {
        // An M on its way to this P (startm, runqgrab's usleep, a locked G's hand-over) stops as soon
        // as it arrives (findRunnable's gcwaiting check), and stopTheWorldWithSema waits for it: its P
        // is neither idle nor in a syscall, so stopwait counts it. A thread that was waiting for a core
        // gets one as the threads running Go code stop, so it arrives after a wake-up at the stopped
        // world's load, not after the wait drawn on busy cores.
        const arrival = COSTS.wakeMNs * s.machine.stoppedWorldLoadFactor();
        if (p.startAt > s.k.now + arrival) arriveAfter(s, p, arrival);
      }
    }
  }
  s.idlePs.length = 0;
  // Arg: new GOMAXPROCS; 0: a GC cycle's sweep termination; -1: its mark termination.
  // A cycle placed from a gctrace line (gcDrivenStart) lasts as long as the line says.
  const driven = s.gcDriven;
  const stw =
    newprocs > 0
      ? 0.05 * MS
      : driven !== null
        ? newprocs === 0
          ? driven.stwNs
          : driven.markTermNs
        : (newprocs === 0 ? (s.gc?.stwMs ?? 0) : (s.gc?.markTermMs ?? 0.05)) * MS;
  if (newprocs === 0) {
    s.gcCycleActive = true;
    finishsweep(s);
  }
  if (s.stwHeld > 0) s.deferredStart = { arg: newprocs, ns: stw };
  else s.k.after(stw, EV_START_WORLD, newprocs);
}

/** A P whose G held the stop up has stopped: the last of them lets the stop's own time begin. */
export function heldPStopped(s: Sched, p: P): void {
  p.stwHeld = false;
  const start = s.deferredStart;
  if (--s.stwHeld > 0 || start === null) return;
  s.deferredStart = null;
  s.k.after(start.ns, EV_START_WORLD, start.arg);
}

/** startTheWorldWithSema: procresize, then Ps with work get Ms, the others go idle; wakep. */
export function onStartTheWorld(s: Sched, newprocs: number): void {
  if (newprocs > 0) procresize(s, newprocs);
  // gcMarkTermination's gcSweep readies the sweeper onto the terminating G's P before the world restarts.
  if (newprocs === -1) gcSweep(s, s.allp[s.gcTermP] ?? null);
  s.gcwaiting = false;
  s.stopwait = 0;
  // gcStart → the mark phase: set before the Ps restart, so their first findRunnable finds the workers.
  const driven = s.gcDriven;
  const markMs = newprocs !== 0 ? 0 : driven !== null ? driven.markNs / MS : (s.gc?.markMs ?? 0);
  const marking = markMs > 0;
  if (marking) gcMarkStart(s, markMs);
  for (let i = 0; i < s.gomaxprocs; i++) {
    const p = s.allp[i]!;
    if (p.state !== P_GCSTOP) continue;
    if (p.startSeq !== -1) continue;
    if (!p.q.empty) {
      s.inStartTheWorld = true;
      startm(s, p, false);
      s.inStartTheWorld = false;
    } else pidleput(s, p);
  }
  wakep(s);
  if ((newprocs === 0 && !marking) || newprocs === -1) {
    // The cycle is over: the next one is time-paced (everyMs) or allocation-paced (gc.ts noteAllocation).
    s.gcCycleActive = false;
    s.gcAllocMB = 0;
    if (driven !== null) s.gcDriven = null;
    else if (s.gc?.everyMs !== undefined) s.k.after(timePacedGapNs(s, s.gc.everyMs), EV_STW, 0);
  }
}

/** procresize: removed Ps' queues go to the global queue's head (order kept, runnext first); new Ps start stopped. */
export function procresize(s: Sched, n: number): void {
  const old = s.allp.length === 0 ? 0 : s.gomaxprocs;
  for (let i = old; i < n; i++) {
    if (!s.allp[i]) s.allp[i] = new P(i, s.queued);
    const p = s.allp[i]!;
    p.state = P_GCSTOP;
    p.q.clear();
    p.onIdleList = false;
  }
  for (let i = n; i < old; i++) {
    const p = s.allp[i]!;
    // p.destroy: pop the ring from its tail onto the global head, then runnext on top.
    for (let slot = p.q.popTail(); slot !== NONE; slot = p.q.popTail()) s.global.pushHead(slot);
    if (p.q.runnext !== NONE) s.global.pushHead(p.q.runnext);
    p.q.clear();
    for (const slot of p.gfree) s.gfreeGlobal.push(slot);
    p.gfree.length = 0;
    p.onIdleList = false;
    p.state = P_GCSTOP;
    p.m = NONE;
    p.startSeq = -1;
    p.stealVictim = NONE;
    p.stealG = NONE;
    // timers move to the P running procresize (P0 here)
    for (const g of s.gs) if (g.timerP === i) g.timerP = 0;
    s.allp[0]!.timers += p.timers;
    p.timers = 0;
    const p0 = s.allp[0]!;
    for (let j = 0; j < p.dueCount; j++) p0.dueTimers[p0.dueCount++] = p.dueTimers[j]!;
    p.dueCount = 0;
  }
  // Ms that were starting on removed Ps park again.
  for (const m of s.ms) {
    if (m.p < n) continue;
    if (m.spinning) s.nmspinning--;
    stopm(s, m);
  }
  s.allp.length = Math.max(n, s.allp.length);
  s.gomaxprocs = n;
  s.stealOrder.reset(n);
}
