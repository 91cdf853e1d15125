/** sysmon: the network poll, retake (syscall hand-off, 10 ms preemption) and schedtrace (proc.go). */
import { spinningAsPrinted } from './wakep-in-flight.js';
import { COSTS, longSleepOvershootNs } from '../costs.js';
import { type P, P_RUNNING, P_SYSCALL } from '../entities.js';
import { EV_SYSMON, EV_TURN } from './events.js';
import { GC_WORKER, gcWorkerPreempted, noteAllocation } from './gc.js';
import { injectglist } from './netpoll.js';
import { schedule } from './schedule.js';
import { goschedImpl } from './park.js';
import { handoffp } from './procs.js';
import { MS, NONE, type Sched } from './sched.js';
import { snapshot } from './snapshot.js';
import { waitForTurn } from './slices.js';

export function onSysmon(s: Sched): void {
  const now = s.k.now;
  // sysmon's thread needs a core: with every core held for a turn, it runs when one ends (slices.ts).
  if (waitForTurn(s, EV_SYSMON, 0)) {
    s.sysmonWaitFrom = now;
    return;
  }
  // Network poll if nobody polled for 10 ms: injectglist without a P (everything global).
  if (s.netReady.length > 0 && now - s.lastpoll > COSTS.sysmonNetpollNs) {
    s.lastpoll = now;
    injectglist(s, s.netReady.splice(0), null);
  }
  const retaken = retake(s, now);
  // sysmon's delay: 20 µs while retaking; after 50 idle rounds it doubles up to 10 ms.
  if (retaken > 0) s.sysmonIdle = 0;
  else s.sysmonIdle++;
  if (s.sysmonIdle === 0) s.sysmonDelayUs = 20;
  else if (s.sysmonIdle > 50) s.sysmonDelayUs *= 2;
  if (s.sysmonDelayUs > 10_000) s.sysmonDelayUs = 10_000;
  // schedtrace is the last step of an iteration, at the first wake at or after lasttrace + period.
  const t = s.trace;
  if (t && (s.lasttrace < 0 || s.lasttrace + t.periodMs * MS <= now)) {
    const since = s.lasttrace < 0 ? 0 : now - s.lasttrace;
    s.lasttrace = now;
    if (s.starttime < 0) s.starttime = now;
    const snap = snapshot(s, t.detail);
    snap.spinningthreads = spinningAsPrinted(s, since);
    snap.tMs = Math.floor((now - s.starttime) / MS);
    t.onSnapshot(snap);
  }
  // sysmon is a thread too: a long usleep overshoots, and on busy cores its wake-up sometimes gets a
  // core only when the running thread's slice ends (machine.ts lateWakeNs).
  const over = s.sysmonDelayUs >= 1000 ? longSleepOvershootNs(s.rng.float()) : 0;
  const sleep = s.sysmonDelayUs * 1000 + over + s.machine.lateWakeNs(s.uniform);
  s.counters.sysmonSlept(s.sysmonDelayUs, sleep);
  s.k.after(sleep, EV_SYSMON, 0, 0);
}

/**
 * retake (proc.go): preempt a G running 10 ms on one schedtick (preemptone → goschedImpl → global
 * queue); take a P from a syscall seen in two rounds, or on one schedtick for 10 ms, unless its queue
 * is empty, someone spins or idles, and < 10 ms passed.
 */
export function retake(s: Sched, now: number): number {
  let n = 0;
  for (let i = 0; i < s.gomaxprocs; i++) {
    const p = s.allp[i]!;
    const inSyscall = p.state === P_SYSCALL;
    if (!inSyscall && !(p.state === P_RUNNING && p.curG !== NONE && p.runEndSeq !== -1)) continue;
    // A P on one schedtick for forcePreemptNS, running or in a syscall: preemptone. For a G in a
    // syscall that cannot work (no M runs Go code on the P), so retake takes the P whatever its
    // syscalltick did (sysretake): a G keeping its P through syscall after syscall (exitsyscallfast)
    // would otherwise hold it for ever.
    let due = false;
    if (p.sysmonSchedtick !== p.schedtick) {
      p.sysmonSchedtick = p.schedtick;
      p.schedwhen = now;
    } else due = p.schedwhen + COSTS.forcePreemptNs <= now;
    if (!inSyscall) {
      if (!due) continue;
      if (!preemptible(s, p)) {
        s.gs[p.curG]!.preemptAsked = true;
        continue;
      }
      // preemptone signals the thread; one waiting for a core acts on it at its next turn
      if (p.turnAt <= now) preempt(s, p);
      else if (p.turnSeq === -1) p.turnSeq = s.k.after(p.turnAt - now, EV_TURN, p.id);
      continue;
    }
    if (!due && p.sysmonSyscalltick !== p.syscalltick) {
      p.sysmonSyscalltick = p.syscalltick;
      p.syscallwhen = now;
      continue;
    }
    if (p.q.empty && s.nmspinning + s.npidle > 0 && p.syscallwhen + 10 * MS > now) continue;
    p.syscalltick = (p.syscalltick + 1) >>> 0;
    const g = s.gs[p.curG];
    if (g) g.syscallP = p.id; // exitsyscall compares p.m with its M: now cleared
    s.counters.retakes++;
    s.inRetake = true;
    handoffp(s, p);
    s.inRetake = false;
    n++;
  }
  return n;
}

/** EV_TURN: P's thread has a core again and acts on the preemption sysmon asked for meanwhile. */
export function onTurn(s: Sched, pid: number): void {
  const p = s.allp[pid];
  if (!p || s.k.currentSeq !== p.turnSeq) return;
  p.turnSeq = -1;
  const stillDue = p.sysmonSchedtick === p.schedtick && p.schedwhen + COSTS.forcePreemptNs <= s.k.now;
  if (stillDue && p.state === P_RUNNING && p.curG !== NONE && p.runEndSeq !== -1 && preemptible(s, p)) preempt(s, p);
}

/**
 * Whether preemptone's request stops p's running G: it sets gp.stackguard0 = stackPreempt, which the
 * G meets at its next function call, and from 1.14 also signals its thread (preemptM). A loop that
 * calls nothing meets only the signal; without it the G runs on, asked again at every retake, until
 * its work ends.
 */
export function preemptible(s: Sched, p: P): boolean {
  return s.asyncPreempt || !s.gs[p.curG]!.callFree;
}

export function preempt(s: Sched, p: P): void {
  s.machine.tookTurn(p, s.k.now, s.uniform);
  const g = s.gs[p.curG]!;
  if (g.group === GC_WORKER) {
    if (!gcWorkerPreempted(s, p, g)) schedule(s, p);
    return;
  }
  if (g.allocMBps !== 0) noteAllocation(s, g, (s.k.now - p.runStartAt) / p.runFactor);
  if (g.assistPark) {
    g.assistPark = false;
    g.cpuLeftNs = Math.max(0, p.runEndAt - s.k.now) / p.runFactor + g.assistRestNs;
  } else if (g.spawnLeft === 0) g.cpuLeftNs = Math.max(0, p.runEndAt - s.k.now) / p.runFactor;
  p.runEndSeq = -1;
  s.machine.stopExecuting(p);
  goschedImpl(s, p, g, true);
}
