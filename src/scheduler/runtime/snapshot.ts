/** The runtime's state as schedtrace prints it (proc.go schedtrace). */
import type { GDetail, MDetail, PDetail, Snapshot } from '../../trace/snapshot.js';
import { G_RUNNING, G_SYSCALL, G_WAITING, P_GCSTOP, P_IDLE, P_SYSCALL } from '../entities.js';
import { GC_WORKER } from './gc.js';
import { MS, NONE, type Sched } from './sched.js';

/** The state as schedtrace would print it now (tMs = floor(now in ms), stream '', run 0, line 0). */
export function snapshot(sc: Sched, detail: boolean): Snapshot {
  const ps = sc.allp.slice(0, sc.gomaxprocs);
  let idlethreads = 0;
  let nmidlelocked = 0;
  for (const m of sc.ms) {
    // The template thread sleeps in notesleep off the idle list: blocked, not idle.
    if (!m.parked) continue;
    if (m.lockedg !== NONE) nmidlelocked++;
    else idlethreads++;
  }
  // Idle threads a replay seeded as a count (spareMs) are parked Ms too.
  idlethreads += sc.spareMs;
  const s: Snapshot = {
    stream: '',
    run: 0,
    line: 0,
    tMs: Math.floor(sc.k.now / MS),
    era: sc.prof.summaryEra,
    gomaxprocs: sc.gomaxprocs,
    idleprocs: sc.npidle,
    threads: sc.ms.length + sc.spareMs,
    spinningthreads: sc.nmspinning,
    idlethreads,
    runqueue: sc.global.size,
    runq: ps.map((p) => p.q.length),
  };
  if (sc.prof.needspinning) s.needspinning = sc.needspinning;
  if (sc.prof.schedticks && !detail) s.schedticks = ps.map((p) => p.schedtick);
  if (!detail) return s;
  s.gcwaiting = sc.gcwaiting;
  s.nmidlelocked = nmidlelocked;
  s.stopwait = sc.stopwait;
  s.sysmonwait = false;
  s.era = sc.prof.detailEra;
  const pd: PDetail[] = ps.map((p) => {
    const status = p.state === P_SYSCALL ? (sc.prof.psyscallStatus ? 2 : 1) : p.state;
    // ≤1.25: entersyscall clears p.m, so a P in a syscall prints no M.
    const m =
      p.state === P_IDLE || p.state === P_GCSTOP || (p.state === P_SYSCALL && sc.prof.psyscallStatus) ? null : p.m;
    return {
      id: p.id,
      status,
      schedtick: p.schedtick,
      syscalltick: p.syscalltick,
      m: m === NONE ? null : m,
      runqsize: p.q.length,
      gfreecnt: p.gfree.length,
      timerslen: p.timers,
    };
  });
  const md: MDetail[] = [];
  for (let i = sc.ms.length - 1; i >= 0; i--) {
    const m = sc.ms[i]!;
    const g = m.curg === NONE ? null : sc.gs[m.curg]!;
    const dying = m.id === sc.dyingM;
    md.push({
      id: m.id,
      p: m.p === NONE ? null : m.p,
      curg: g ? g.goid : null,
      mallocing: dying ? 1 : 0,
      throwing: 0,
      preemptoff: '',
      // The printing M holds sched.lock (and, dying, paniclk): sysmon normally (with sched.sysmonlock
      // from Go 1.15), the dying M at a crash.
      locks: dying ? 2 : m.sysmon && sc.dyingM === NONE ? (sc.prof.sysmonLock ? 2 : 1) : 0,
      dying: dying ? 1 : 0,
      spinning: m.spinning,
      blocked: m.parked || m.template,
      lockedg: m.lockedg === NONE ? null : sc.gs[m.lockedg]!.goid,
    });
  }
  const gd: GDetail[] = sc.gs.map((g) => {
    // A marking worker is _Gwaiting on its M (gcBgMarkWorker's casGToWaiting while it drains).
    const marking = g.status === G_RUNNING && g.group === GC_WORKER;
    const status = marking ? G_WAITING : g.status;
    return {
      id: g.goid,
      rawStatus: status,
      status,
      scan: false,
      waitReason: marking ? sc.prof.gcWorkerActiveReason : g.waitReason,
      // oneNewExtraM sets the extra G's m (gp.m = mp) and it keeps it while dead.
      m: g.m === NONE || (g.status !== G_RUNNING && g.status !== G_SYSCALL && g.slot !== sc.extraG) ? null : g.m,
      lockedm: g.lockedM === NONE ? null : g.lockedM,
    };
  });
  s.detail = { p: pd, m: md, g: gd };
  return s;
}
