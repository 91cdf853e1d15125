/** System calls: entersyscall, exitsyscall (proc.go). */
import { COSTS } from '../costs.js';
import { type G, G_RUNNABLE, G_RUNNING, G_SYSCALL, type P, P_RUNNING, P_SYSCALL } from '../entities.js';
import { EV_G_WAKE } from './events.js';
import { acquire, pidleget, stopm } from './procs.js';
import { runFor } from './schedule.js';
import { NONE, type Sched } from './sched.js';
import { kernelCallEnded, kernelCall, releaseCore } from './slices.js';

/** entersyscall: the M keeps its P, which sysmon may retake; the G is _Gsyscall. */
export function entersyscall(s: Sched, p: P, g: G, ns: number, kernelCpu: boolean): void {
  g.status = G_SYSCALL;
  g.syscallP = p.id;
  p.state = P_SYSCALL;
  p.syscallwhen = s.k.now;
  p.sysmonSyscalltick = p.syscalltick - 1; // sysmon has not seen this syscall yet
  if (kernelCpu) {
    // The thread keeps a core busy in the kernel: it shares the cores with the executing Ps.
    g.kernelCpu = true;
    s.machine.nkernel++;
    // With turns on the cores, the call burns its CPU in whole turns (slices.ts).
    if (s.machine.slices) return kernelCall(s, g, ns);
    ns *= s.machine.loadFactor();
  }
  g.wakeSeq = s.k.after(ns, EV_G_WAKE, g.slot);
  // A thread blocking in a call that burns no CPU gives up the core it held for a turn.
  if (!kernelCpu) releaseCore(s, g.m);
}

/**
 * exitsyscall: fast path if the P is still ours (syscalltick++); else exitsyscallfast takes the old P
 * while it is still in a syscall (back from the M now in a syscall on it), or else the idle list's
 * head, the P idled last, whichever it is (exitsyscallfast_pidle → pidleget), and counts a syscall on
 * it; else exitsyscall0 puts the G on the global queue and parks the M (stopm).
 */
export function exitsyscall(s: Sched, g: G): void {
  const m = s.ms[g.m]!;
  if (g.kernelCpu) {
    g.kernelCpu = false;
    s.machine.nkernel--;
    kernelCallEnded(s, g);
  }
  const old = s.allp[g.syscallP];
  g.syscallP = NONE;
  if (old && old.state === P_SYSCALL && old.m === m.id && !s.gcwaiting) {
    s.counters.exitFast++;
    old.state = P_RUNNING;
    old.syscalltick = (old.syscalltick + 1) >>> 0;
    g.status = G_RUNNING;
    return runFor(s, old, g, COSTS.switchNs);
  }
  if (old && old.state === P_SYSCALL && !s.gcwaiting) {
    // The old P went to another M that is now in a syscall itself: take it back from that M, with no
    // schedule (Go 1.19 exitsyscallfast: CAS _Psyscall → _Pidle, exitsyscallfast_reacquired; Go 1.26
    // exitsyscallTryGetP: setBlockOnExitSyscall(oldp), takeP). That M's G, when its own syscall
    // ends, finds the P gone and tries the same.
    s.counters.exitOldP++;
    const holder = s.ms[old.m];
    if (holder) holder.p = NONE;
    old.syscalltick = (old.syscalltick + 2) >>> 0; // releaseP's increment and exitsyscall's own
    acquire(old, m);
    g.status = G_RUNNING;
    g.lastP = old.id;
    old.curG = g.slot;
    return runFor(s, old, g, COSTS.switchNs);
  }
  const p = s.gcwaiting ? null : pidleget(s);
  if (p) {
    p.syscalltick = (p.syscalltick + 1) >>> 0;
    s.counters.exitIdleP++;
    acquire(p, m);
    g.status = G_RUNNING;
    g.lastP = p.id;
    p.curG = g.slot;
    return runFor(s, p, g, COSTS.wakeMNs);
  }
  s.counters.exitNoP++;
  g.status = G_RUNNABLE;
  g.m = NONE;
  s.global.pushTail(g.slot);
  if (g.lockedM === m.id) {
    m.curg = NONE;
    m.parked = true;
  } else stopm(s, m);
}
