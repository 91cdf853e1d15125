/** Ps and Ms: the idle lists (pidleput/pidleget, mput/mget), startm, wakep, handoffp (proc.go). */
import { noteWakepWithoutP } from './wakep-in-flight.js';
import { COSTS } from '../costs.js';
import { type G, M, type P, P_GCSTOP, P_IDLE, P_RUNNING } from '../entities.js';
import { EV_M_START } from './events.js';
import { NONE, type Sched } from './sched.js';
import { noteStartingM, releaseCore } from './slices.js';

export function pidleput(s: Sched, p: P): void {
  p.state = P_IDLE;
  p.m = NONE;
  p.curG = NONE;
  if (!p.onIdleList) {
    p.onIdleList = true;
    s.idlePs.push(p.id);
  }
}

/** pidleget: the idle list is LIFO (pidleput pushes on its head). */
export function pidleget(s: Sched): P | null {
  while (s.idlePs.length > 0) {
    const p = s.allp[s.idlePs.pop()!];
    if (p?.onIdleList) {
      p.onIdleList = false;
      return p;
    }
  }
  return null;
}

export function pidlegetSpecific(s: Sched, id: number): P {
  const p = s.allp[id]!;
  p.onIdleList = false;
  const i = s.idlePs.lastIndexOf(id);
  if (i >= 0) s.idlePs.splice(i, 1);
  return p;
}

export function newM(s: Sched): M {
  const m = new M(s.ms.length);
  s.ms.push(m);
  return m;
}

/**
 * startTemplateThread: once per process, newm(templateThread), a thread that sleeps on
 * newmHandoff.wake until a locked or C-entered M needs a thread made for it (one more in `threads`).
 */
export function startTemplateThread(s: Sched): void {
  if (s.templateThread !== NONE) return;
  const m = newM(s);
  m.template = true;
  s.templateThread = m.id;
}

export function acquire(p: P, m: M): void {
  p.state = P_RUNNING;
  p.m = m.id;
  p.curG = NONE;
  m.p = p.id;
  m.parked = false;
}

/** stopm: the M parks on the idle list (nmidle++). */
export function stopm(s: Sched, m: M): void {
  m.p = NONE;
  m.curg = NONE;
  m.spinning = false;
  m.parked = true;
  releaseCore(s, m.id);
  // A locked M waits for its G (stoplockedm), not on the idle list.
  if (m.lockedg === NONE) s.idleMs.push(m.id);
}

/** mget: the most recently parked idle M that has finished parking (see idleFrom). */
export function mget(s: Sched): M | null {
  const list = s.idleMs;
  const now = s.k.now;
  for (let i = list.length - 1; i >= 0; i--) {
    const m = s.ms[list[i]!]!;
    if (m.idleFrom > now) continue;
    list[i] = list[list.length - 1]!;
    list.pop();
    return m;
  }
  if (s.spareMs > 0) {
    s.spareMs--;
    return newM(s);
  }
  return null;
}

/** The M taking p (or asleep in runqgrab on it) reaches findRunnable after `delayNs` (EV_M_START). */
export function arriveAfter(s: Sched, p: P, delayNs: number): void {
  p.startAt = s.k.now + delayNs;
  p.startSeq = s.k.after(delayNs, EV_M_START, p.id);
}

/** startm: an idle M (mget) or a new thread (newm) takes p; it starts looking for work after the wake-up latency. */
export function startm(s: Sched, p: P, spinning: boolean): void {
  const idle = mget(s);
  const m = idle ?? newM(s);
  // The thread waits for a core when every core is busy (the OS run queue); a new one longer. A parked
  // M woken on busy cores is sometimes late, as sysmon's own wake-ups are (Machine.lateWakeNs; the
  // runtime counters measure both). Retake's hand-offs are left out: with them late too, the syscalls
  // scenarios leave their real variance (README, fidelity: the gcheavy item).
  // With turns on the cores (slices.ts), threads whose kernel calls wait for a turn are not in this
  // load: the M waits for a turn to end instead (onMStart, startingM).
  const load = s.machine.startLoadFactor();
  const late = idle !== null && !s.inRetake ? s.machine.lateWakeNs(s.uniform) : 0;
  const latency = idle !== null ? COSTS.wakeMNs * load + late : COSTS.newMNs * load + s.machine.newThreadWaitNs(load);
  const wait = Math.max(latency, s.machine.startWaitNs);
  const c = s.counters;
  if (s.inStartTheWorld) {
    if (idle === null) c.stwNewm++;
  } else if (idle === null) {
    if (s.inRetake) c.newmRetake++;
    else if (spinning) c.newmSpin++;
    else c.newmOther++;
  } else if (spinning) {
    c.spinWakes++;
    c.spinWakeNs += wait;
  } else {
    c.wakes++;
    c.wakeNs += wait;
  }
  acquire(p, m);
  m.spinning = spinning;
  m.spinFrom = s.k.now;
  arriveAfter(s, p, wait);
  if (s.machine.slices) noteStartingM(s, p);
}

/** wakep: start one spinning M on an idle P unless some M is already spinning. */
export function wakep(s: Sched): void {
  if (s.nmspinning !== 0 || s.gcwaiting) return;
  const p = pidleget(s);
  if (p === null) {
    // pidlegetSpinning (1.20+): no idle P, so ask a non-spinning M that is about to park to spin instead.
    if (s.prof.needspinning) s.needspinning = 1;
    noteWakepWithoutP(s);
    return;
  }
  s.nmspinning++;
  startm(s, p, true);
}

/** handoffp: a P leaving a syscalling or locked M. */
export function handoffp(s: Sched, p: P): void {
  p.m = NONE;
  p.curG = NONE;
  if (!p.q.empty || s.global.size > 0) return startm(s, p, false);
  if (s.gcwaiting) {
    p.state = P_GCSTOP;
    s.stopwait--;
    return;
  }
  if (s.nmspinning + s.npidle === 0) {
    s.needspinning = 0;
    s.nmspinning++;
    return startm(s, p, true);
  }
  // The last running P keeps an M so that someone polls the network (handoffp's netpoll check).
  if (s.npidle === s.gomaxprocs - 1 && s.netWaiters > 0) return startm(s, p, false);
  pidleput(s, p);
}

/** The first P from `from` on (wrapping around) that runs a G. */
export function someRunningP(s: Sched, start: number): P | null {
  const n = s.gomaxprocs;
  const allp = s.allp;
  const from = start % n;
  for (let i = from; i < n; i++) {
    const p = allp[i]!;
    if (p.state === P_RUNNING && p.curG !== NONE) return p;
  }
  for (let i = 0; i < from; i++) {
    const p = allp[i]!;
    if (p.state === P_RUNNING && p.curG !== NONE) return p;
  }
  return null;
}

/** startlockedm: hand the P to the G's locked M; this M parks (stopm). */
export function startlockedm(s: Sched, p: P, m: M, g: G): void {
  stopm(s, m);
  const lm = s.ms[g.lockedM]!;
  acquire(p, lm);
  p.curG = g.slot;
  arriveAfter(s, p, COSTS.wakeMNs * s.machine.loadFactor());
}
