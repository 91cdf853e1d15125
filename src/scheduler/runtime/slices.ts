/**
 * Whole turns on the cores (Machine.slices). The kernel does not spread a core evenly over the threads
 * that want it at a fine grain: it hands it to one thread at a time for a slice, and takes it back at
 * the tick after the slice is used (CONFIG_HZ=250: every 4 ms) or when the thread blocks. A turn here
 * is Machine.turnSliceNs, the turn measured on the 32-P captures on 2 cores (3.6 and 4.3 ms; default
 * 4 ms, one tick). What is modelled in turns is the threads burning CPU in the kernel (block.cpu): a
 * thread whose call gets a core keeps it through call after call (its Go code in between, exitsyscall's
 * fast path and the next call) until its turn ends, its call blocks without burning CPU, or its M stops;
 * at the end of a turn a call in progress waits, with the CPU it still needs, behind the other threads
 * in the kernel (round robin). A thread that wakes while every core is held for a turn (sysmon after its
 * usleep, a thread whose nanosleep ends and must run exitsyscall, an M started or woken for a P) runs
 * when a turn ends, before the next thread in the kernel gets the core; such threads get the core one
 * after another in the order they woke, and an M startm woke that is still on its way gets a core that
 * frees before the threads queued in the kernel do. The Go code of an M holding a core for a turn runs
 * on that core unshared (Machine.goCodeFactor: the turn is the thread's CPU time, user and kernel); Go
 * code outside a turn is still shared among the executing Ps by the load factor (machine.ts).
 */
import { type G, G_SYSCALL, type P } from '../entities.js';
import { EV_G_WAKE, EV_M_START, EV_SLICE, EV_SYSMON } from './events.js';
import { NONE, type Sched } from './sched.js';

/** A wake-up seq (G.wakeSeq, P.startSeq) while the thread waits for a turn to end. */
export const WAITING_FOR_CORE = -2;

/** g's thread starts a kernel call burning `ns` of CPU: on the core it holds, a free one, or in the queue. */
export function kernelCall(s: Sched, g: G, ns: number): void {
  const mc = s.machine;
  let c = mc.coreOf(g.m);
  if (c < 0) {
    c = mc.freeCore();
    if (c >= 0) grant(s, c, g.m);
  }
  if (c < 0) {
    g.kernelLeftNs = ns;
    g.wakeSeq = -1;
    mc.kernelQueue.push(g.slot);
    return;
  }
  serve(s, c, g, ns);
}

/** g's kernel call ended on its core (exitsyscall follows on the same thread, in its turn). */
export function kernelCallEnded(s: Sched, g: G): void {
  const mc = s.machine;
  const c = mc.coreOf(g.m);
  if (c >= 0 && mc.coreG[c] === g.slot) mc.coreG[c] = NONE;
}

/** M blocks without burning CPU (a call, netpoll) or stops: the core it holds goes to the next thread. */
export function releaseCore(s: Sched, m: number): void {
  const mc = s.machine;
  const c = mc.coreOf(m);
  if (c < 0 || mc.coreG[c] !== NONE) return;
  mc.coreSeq[c] = -1;
  handOn(s, c);
}

/** EV_SLICE: core c's turn is over; a call in progress goes to the back of the queue with what it still needs. */
export function onTurnEnd(s: Sched, c: number): void {
  const mc = s.machine;
  if (s.k.currentSeq !== mc.coreSeq[c]) return;
  mc.coreSeq[c] = -1;
  const slot = mc.coreG[c]!;
  if (slot !== NONE) {
    const g = s.gs[slot]!;
    g.kernelLeftNs = Math.max(0, mc.coreCallEnd[c]! - s.k.now);
    g.wakeSeq = -1;
    mc.kernelQueue.push(slot);
  }
  handOn(s, c);
}

/**
 * A thread waking now (an event of `kind` for `arg`) while every core is held for a turn waits for
 * one to end: its wake-up is queued and true returned; the caller marks it WAITING_FOR_CORE.
 */
export function waitForTurn(s: Sched, kind: number, arg: number): boolean {
  const mc = s.machine;
  if (!mc.slices || mc.turnWaitNs(s.k.now) <= 0) return false;
  mc.wakerKinds.push(kind);
  mc.wakerArgs.push(arg);
  return true;
}

function grant(s: Sched, c: number, m: number): void {
  const mc = s.machine;
  mc.coreM[c] = m;
  mc.coreG[c] = NONE;
  mc.coreTurnStart[c] = s.k.now;
  mc.coreTurnEnd[c] = s.k.now + mc.turnSliceNs;
  mc.coreSeq[c] = s.k.after(mc.turnSliceNs, EV_SLICE, c);
}

function serve(s: Sched, c: number, g: G, ns: number): void {
  const mc = s.machine;
  mc.coreG[c] = g.slot;
  mc.coreCallEnd[c] = s.k.now + ns;
  g.wakeSeq = s.k.after(ns, EV_G_WAKE, g.slot);
}

/** Core c is free: the threads that woke during the turn run, then the next thread in the kernel gets it. */
function handOn(s: Sched, c: number): void {
  const mc = s.machine;
  mc.coreM[c] = NONE;
  mc.coreG[c] = NONE;
  const woken = wakeWaiters(s);
  if (woken !== NONE) {
    grant(s, c, woken);
    return;
  }
  const starting = startingM(s);
  if (starting !== NONE) {
    grant(s, c, starting);
    return;
  }
  const q = mc.kernelQueue;
  while (q.length > 0) {
    const g = s.gs[q.shift()!];
    if (!g?.kernelCpu || g.status !== G_SYSCALL) continue;
    grant(s, c, g.m);
    serve(s, c, g, g.kernelLeftNs);
    return;
  }
}

/**
 * startm handed p to an M on its way (p.startSeq: its EV_M_START). The list is read only when a core
 * frees with no woken thread waiting, so where no thread takes turns (no kernel-CPU calls) it would
 * only grow: the entries whose M has started since, which startingM would skip, are dropped once they
 * outnumber the Ps (at most one M is on its way per P).
 */
export function noteStartingM(s: Sched, p: P): void {
  const mc = s.machine;
  if (mc.startingPs.length >= 2 * s.allp.length) {
    let kept = 0;
    for (let i = 0; i < mc.startingPs.length; i++) {
      const q = s.allp[mc.startingPs[i]!];
      if (q && q.startSeq === mc.startingSeqs[i]) {
        mc.startingPs[kept] = mc.startingPs[i]!;
        mc.startingSeqs[kept] = mc.startingSeqs[i]!;
        kept++;
      }
    }
    mc.startingPs.length = kept;
    mc.startingSeqs.length = kept;
  }
  mc.startingPs.push(p.id);
  mc.startingSeqs.push(p.startSeq);
}

/**
 * The M startm woke for a P that has not run yet (its EV_M_START still pending), first woken first;
 * NONE if none. startm's notewakeup makes the thread runnable at once: its wake-up latency is its own
 * run on the core (futex return, acquirep), so the core that frees waits for it, as it woke before the
 * threads queued in the kernel used their turns. Until it runs acquirep its P is out of reach of an
 * exitsyscall (handed over in nextp: _Pidle, not on the idle list).
 */
function startingM(s: Sched): number {
  const mc = s.machine;
  while (mc.startingPs.length > 0) {
    const p = s.allp[mc.startingPs.shift()!];
    const seq = mc.startingSeqs.shift()!;
    if (p && p.startSeq === seq && p.m !== NONE && mc.coreOf(p.m) < 0) return p.m;
  }
  return NONE;
}

/**
 * The threads that woke while the core was held run in the order they woke, one at a time on the
 * core: sysmon's wake-ups run at once (its loop takes microseconds and sleeps again); the first of
 * them that is an M (not sysmon) is handed the core for a turn and returned (NONE if none), and the
 * Ms behind it keep waiting until it gives the core up (its call blocks, it stops, its turn ends). It
 * slept while the others in the kernel ran, so EEVDF (place_entity keeps its lag; pick_eevdf takes
 * the eligible entity with the earliest virtual deadline) picks it before threads that have just used
 * their turns. So an M whose call ended during the turn runs exitsyscall only after the M woken before
 * it has run its goroutine into its next call, as on one core they cannot run at once.
 */
function wakeWaiters(s: Sched): number {
  const mc = s.machine;
  let first = NONE;
  const kinds = mc.wakerKinds;
  const args = mc.wakerArgs;
  const now = s.k.now;
  let i = 0;
  for (; i < kinds.length && first === NONE; i++) {
    const arg = args[i]!;
    switch (kinds[i]) {
      case EV_G_WAKE: {
        const g = s.gs[arg];
        if (g && g.wakeSeq === WAITING_FOR_CORE) {
          g.wakeSeq = s.k.after(0, EV_G_WAKE, arg);
          first = g.m;
        }
        break;
      }
      case EV_M_START: {
        const p = s.allp[arg];
        if (p && p.startSeq === WAITING_FOR_CORE) {
          p.startAt = now;
          p.startSeq = s.k.after(0, EV_M_START, arg);
          first = p.m;
        }
        break;
      }
      case EV_SYSMON:
        s.counters.sysmonWaitedTurn(s.sysmonDelayUs, now - s.sysmonWaitFrom);
        s.k.after(0, EV_SYSMON, 0, 0);
        break;
    }
  }
  kinds.splice(0, i);
  args.splice(0, i);
  return first;
}
