/**
 * The runtime-shaped calls a goroutine's code makes: gopark, goready, Gosched, goexit, LockOSThread,
 * newproc; and the wake-ups of parked Gs (timers, channels, the network poller) (proc.go, time.go).
 */
import { COSTS } from '../costs.js';
import {
  type G,
  G_RUNNABLE,
  G_SYSCALL,
  G_WAITING,
  type P,
  P_RUNNING,
  W_CHAN,
  W_FOREVER,
  W_NET,
  W_TIMER,
} from '../entities.js';
import { EV_G_WAKE } from './events.js';
import { gfput } from './gfree.js';
import { netReadyG } from './netpoll.js';
import {
  acquire,
  arriveAfter,
  handoffp,
  newM,
  pidleget,
  someRunningP,
  startm,
  startTemplateThread,
  wakep,
} from './procs.js';
import { runqput } from './runq.js';
import { schedule } from './schedule.js';
import { MS, NONE, type Sched } from './sched.js';
import { snapshot } from './snapshot.js';
import { exitsyscall } from './syscall.js';
import { WAITING_FOR_CORE, waitForTurn } from './slices.js';

/**
 * Gosched and preemption (goschedImpl): the G goes to the global queue's tail; 1.22+ also calls wakep.
 * From 1.26 a G preempted for a pending stop-the-world (`preempted`, sched.gcwaiting) goes to its P's
 * runnext instead, to run first when the world restarts (profile stwPreemptToRunnext).
 */
export function goschedImpl(s: Sched, p: P, g: G, preempted = false): void {
  const m = s.ms[p.m]!;
  m.curg = NONE;
  g.status = G_RUNNABLE;
  g.m = NONE;
  p.curG = NONE;
  if (preempted && s.gcwaiting && s.prof.stwPreemptToRunnext) runqput(s, p, g.slot, true);
  else s.global.pushTail(g.slot);
  if (s.prof.goschedWakep) wakep(s);
  if (g.lockedM !== NONE && g.lockedM === m.id) {
    // A locked G's M cannot run others: hand the P off and wait (stoplockedm).
    m.p = NONE;
    m.parked = true;
    return handoffp(s, p);
  }
  schedule(s, p);
}

/** park_m's first steps: the G waits for `reason` and leaves its M and P (casgstatus, dropg). */
export function dropg(s: Sched, p: P, g: G, reason: string): void {
  g.status = G_WAITING;
  g.waitReason = reason;
  g.m = NONE;
  const m = s.ms[p.m];
  if (m) m.curg = NONE;
  p.curG = NONE;
}

/** gopark: the G waits; its wake-up is scheduled now (the spec gives the blocked time). */
export function gopark(s: Sched, p: P, g: G, kind: number, reason: string, ns: number, timed = true): void {
  const m = s.ms[p.m]!;
  g.waitKind = kind;
  dropg(s, p, g, reason);
  if (kind === W_TIMER) {
    g.timerP = p.id;
    // addtimer / timer.maybeAdd → wakeNetPoller: with no M blocked in netpoll, wakep so that one
    // gets there to serve the timer (1.23+: only for the P's new earliest timer; a P's count of 0
    // stands in for that). With an M in netpoll it is netpollBreak: that M re-blocks, no change here.
    const wake = s.prof.timerWakeAlways || p.timers === 0;
    p.timers++;
    s.ntimers++;
    if (wake && s.netpollM === NONE) wakep(s);
  }
  if (kind === W_NET) s.netWaiters++;
  g.wakeSeq = kind === W_FOREVER || !timed ? -1 : s.k.after(ns, EV_G_WAKE, g.slot);
  if (g.lockedM !== NONE && g.lockedM === m.id) {
    // stoplockedm: the locked M parks until its G is runnable again; its P is handed off.
    m.p = NONE;
    m.parked = true;
    return handoffp(s, p);
  }
  schedule(s, p);
}

/** goexit0: the G is dead and cached on the P; its locked M, if any, exits with it (mexit, Go 1.10+). */
export function goexit0(s: Sched, p: P, g: G): void {
  const m = s.ms[p.m]!;
  m.curg = NONE;
  if (g.lockedM !== NONE) {
    // UnlockOSThread ran before exit in the sample programs: the M stays, unlocked.
    m.lockedg = NONE;
    g.lockedM = NONE;
  }
  gfput(s, p, g);
  p.curG = NONE;
  schedule(s, p);
}

export function onGWake(s: Sched, slot: number): void {
  const g = s.gs[slot]!;
  if (s.k.currentSeq !== g.wakeSeq) return;
  g.wakeSeq = -1;
  if (g.status === G_SYSCALL) {
    // A thread whose call burned no CPU needs a core to run exitsyscall (slices.ts).
    if (!g.kernelCpu && waitForTurn(s, EV_G_WAKE, slot)) {
      g.wakeSeq = WAITING_FOR_CORE;
      return;
    }
    return exitsyscall(s, g);
  }
  if (g.status !== G_WAITING) return;
  switch (g.waitKind) {
    case W_TIMER:
      return timerReady(s, g);
    case W_CHAN:
      return chanReady(s, g);
    case W_NET:
      return netReadyG(s, g);
  }
}

/**
 * A timer is due (time.Sleep → goready from the timer function). Timers live on the P that set them
 * (Go 1.14+) and run when a scheduler checks them (checkTimers at the top of findRunnable, or
 * stealWork's stealTimersOrRunNextG); nothing runs them at their exact time. An owner busy executing
 * a G runs it at its next schedule (runDueTimers), unless an M sleeping in netpoll(delay) until this
 * timer wakes and takes an idle P (it then runs the timer there). An owner that is scheduling runs it
 * now, into its runnext; with the owner idle, the netpoll M (or a started one) takes an idle P. The
 * netpoll M wakes on its millisecond grid (netpollWakeAt), so a timer it serves waits for that: the
 * G's wake-up comes again then, and a busy owner that schedules first runs it from dueTimers.
 */
export function timerReady(s: Sched, g: G): void {
  const owner = g.timerP >= 0 ? s.allp[g.timerP] : undefined;
  const ownerRuns = owner !== undefined && owner.state === P_RUNNING && !s.gcwaiting;
  const ownerBusy = ownerRuns && owner.curG !== NONE && owner.runEndSeq !== -1;
  if (ownerBusy && !(s.netpollM !== NONE && s.npidle > 0)) {
    owner.dueTimers[owner.dueCount++] = g.slot;
    return;
  }
  // The M asleep in netpoll serves it, on its millisecond grid; a busy owner may get there first.
  if (g.waitKind === W_TIMER && s.netpollM !== NONE && (ownerBusy || !ownerRuns) && s.prof.netpollMsSleep) {
    const at = netpollWakeAt(s);
    if (at > s.k.now) {
      if (ownerBusy) owner.dueTimers[owner.dueCount++] = g.slot;
      g.wakeSeq = s.k.after(at - s.k.now, EV_G_WAKE, g.slot);
      return;
    }
  }
  runTimer(s, owner, g);
}

/**
 * When the M blocked in netpoll(delay) wakes for a timer due now: epoll_wait waits whole milliseconds
 * (at least 1), and an early wake re-blocks for 1 ms more, so on the grid of milliseconds from when
 * it blocked (netpoll_epoll.go netpoll's waitms), each sleep ending past it by the timer slack.
 */
function netpollWakeAt(s: Sched): number {
  const from = s.netpollSince + s.netpollOvershootNs;
  return from + Math.max(1, Math.ceil((s.k.now - from) / MS - 1e-9)) * MS;
}

/** checkTimers on p when it schedules: every due timer runs, its G into p's runnext (the last one run ends there). */
export function runDueTimers(s: Sched, p: P): void {
  const due = p.dueTimers;
  for (let i = 0; i < p.dueCount; i++) {
    const g = s.gs[due[i]!]!;
    if (g.status === G_WAITING && g.timerP === p.id) runTimer(s, p, g);
  }
  p.dueCount = 0;
}

function runTimer(s: Sched, owner: P | undefined, g: G): void {
  if (owner && owner.timers > 0) {
    owner.timers--;
    s.ntimers--;
  }
  g.timerP = NONE;
  if (owner && owner.state === P_RUNNING && !s.gcwaiting) return goready(s, owner, g);
  readyOnIdleP(s, g);
}

/** Channel / mutex wake-up: goready() by the waker, running on some P (the G's last P when it is busy). */
export function chanReady(s: Sched, g: G): void {
  const last = s.allp[g.lastP];
  const p = last && last.state === P_RUNNING && last.curG !== NONE ? last : someRunningP(s, g.lastP);
  if (p && !s.gcwaiting) return goready(s, p, g);
  readyOnIdleP(s, g);
}

/** goready: runnext of the waker's P, then wakep. */
export function goready(s: Sched, p: P, g: G): void {
  g.status = G_RUNNABLE;
  runqput(s, p, g.slot, true);
  wakep(s);
}

/** No busy P to run the wake-up: an idle P is taken (an M woken from netpoll/timer sleep), or the G goes global. */
export function readyOnIdleP(s: Sched, g: G): void {
  g.status = G_RUNNABLE;
  const p = s.gcwaiting ? null : pidleget(s);
  if (p === null) {
    s.global.pushTail(g.slot);
    return;
  }
  runqput(s, p, g.slot, true);
  if (s.netpollM !== NONE) {
    // findRunnable after netpoll(delay) returns: pidleget, acquirep, run the woken G.
    const m = s.ms[s.netpollM]!;
    s.netpollM = NONE;
    acquire(p, m);
    arriveAfter(s, p, COSTS.wakeMNs * s.machine.loadFactor());
    return;
  }
  startm(s, p, false);
}

/** gopreempt_m: a preemption the G meets at a function call's stack check (newstack), as Gosched. */
export function gopreemptM(s: Sched, p: P, g: G): void {
  goschedImpl(s, p, g, true);
}

/** runtime.Gosched from g's code. */
export function Gosched(s: Sched, p: P, g: G): void {
  goschedImpl(s, p, g);
}

/** newproc (after newproc1 made g): the new G goes to runnext of the creating P (the old runnext is kicked to the ring), then wakep. */
export function newproc(s: Sched, p: P, g: G): void {
  runqput(s, p, g.slot, true);
  wakep(s);
}

/**
 * The G on p panics and nothing recovers. fatalpanic → startpanic_m: m.mallocing++, m.dying = 1,
 * lock(&paniclk), and with schedtrace or scheddetail set one schedtrace(true) (a detailed dump, whatever scheddetail
 * says; schedtrace's own lock(&sched.lock) makes locks=2) before freezetheworld; then the process exits.
 */
export function fatalpanic(s: Sched, p: P): void {
  s.dyingM = p.m;
  const t = s.trace;
  if (t) {
    if (s.starttime < 0) s.starttime = s.k.now;
    const snap = snapshot(s, true);
    snap.tMs = Math.floor((s.k.now - s.starttime) / MS);
    snap.crash = true;
    t.onSnapshot(snap);
  }
  s.k.stop();
}

/**
 * LockOSThread: the runtime wires the G to its current M (dolockOSThread); the model makes that M now,
 * the extra thread the P needs once the locked G blocks. From Go 1.10 the first
 * call in a process also starts the template thread (LockOSThread → startTemplateThread), so that
 * later Ms can be made from a thread in a known state.
 */
export function LockOSThread(s: Sched, g: G): void {
  if (s.prof.lockStartsTemplateThread) startTemplateThread(s);
  const m = newM(s);
  m.lockedg = g.slot;
  m.parked = true; // stoplockedm until the G is scheduled
  g.lockedM = m.id;
}
