/**
 * Seeding the model with an observed dump: replay sets the model's queues, Ps and threads to what a
 * schedtrace line showed, then lets it run. Queues are seeded as counts (SEEDED entries and a counted
 * block in the global queue); a G is made only when a P is about to run it, so an observed
 * `runqueue=4294967295` or 100 000 Ps cost no more memory than the Ps themselves.
 */
import type { SchedulerModel } from '../scheduler/model.js';
import { G_RUNNABLE, G_RUNNING, G_SYSCALL } from '../scheduler/entities.js';
import { gdestroy } from '../scheduler/runtime/gfree.js';
import { acquire, newM, pidleput } from '../scheduler/runtime/procs.js';
import { RUNQ_SIZE } from '../scheduler/run-queue.js';
import { execute } from '../scheduler/runtime/schedule.js';
import { NONE, SEEDED } from '../scheduler/runtime/sched.js';
import { procresize } from '../scheduler/runtime/stw.js';
import type { BehaviourSpec, GroupSpec } from '../workload/spec.js';

/** A snapshot's queue state, as replay seeds it. */
export interface ObservedState {
  gomaxprocs: number;
  runqueue: number;
  runq: number[];
  idleprocs: number;
  threads?: number;
}

/** A non-negative integer count from an observed value (NaN, negatives and fractions are not counts). */
function count(v: number | undefined): number {
  return v !== undefined && v > 0 && Number.isFinite(v) ? Math.floor(v) : 0;
}

/**
 * Replace the model's state with an observed one: runq[i] runnable Gs in P i's ring, runqueue Gs in the
 * global queue, `idleprocs` Ps idle (Ps with empty queues first), every other P running one G. Seeded Gs
 * behave like `behaviour`; the workload's future arrivals are replaced by `arrivals` (times relative to now).
 */
export function loadState(
  model: SchedulerModel,
  state: ObservedState,
  behaviour: BehaviourSpec,
  arrivals: GroupSpec[],
): void {
  const s = model.sched;
  if (!Number.isInteger(state.gomaxprocs) || state.gomaxprocs < 1)
    throw new RangeError(`gomaxprocs must be a positive integer, got ${state.gomaxprocs}`);
  // Forget every queued and running G (they are superseded by the observed state).
  for (let i = 0; i < s.gomaxprocs; i++) {
    const p = s.allp[i]!;
    p.runEndSeq = -1;
    p.startSeq = -1;
    p.turnSeq = -1;
    p.turnAt = 0;
    p.stwHeld = false;
    p.q.clear();
    s.machine.stopExecuting(p);
  }
  s.global.clear();
  // Cycles placed for the last interval have all run (replay starts a fresh model while one is under way).
  s.gcPlan.length = 0;
  s.netReady.length = 0;
  // The superseded Gs die and go to the global free list (gfput/gfpurge), so the next seeding reuses them.
  for (const g of s.gs) {
    if (g.status === G_RUNNABLE || g.status === G_RUNNING || g.status === G_SYSCALL) {
      if (g.lockedM !== NONE) {
        const lm = s.ms[g.lockedM];
        if (lm && lm.lockedg === g.slot) lm.lockedg = NONE;
        g.lockedM = NONE;
      }
      if (g.slot === s.mainG) s.mainG = NONE;
      gdestroy(s, g);
      s.gfreeGlobal.push(g.slot);
    }
  }
  model.program.supersede(behaviour);
  s.gcwaiting = false;
  s.stopwait = 0;
  s.stwHeld = 0;
  s.deferredStart = null;
  if (state.gomaxprocs !== s.gomaxprocs) procresize(s, state.gomaxprocs);
  const n = s.gomaxprocs;
  // Ms: everyone parks, then the running Ps take one each.
  s.idleMs.length = 0;
  s.idlePs.length = 0;
  s.nmspinning = 0;
  s.netpollM = NONE;
  s.spareMs = 0;
  for (const m of s.ms) {
    if (m.sysmon || m.extra || m.template) continue;
    m.p = NONE;
    m.curg = NONE;
    m.spinning = false;
    m.idleFrom = 0;
    m.parked = true;
    if (m.lockedg === NONE) s.idleMs.push(m.id);
  }
  const runq = (i: number): number => count(state.runq[i]);
  const order = [...Array(n).keys()].sort((a, b) => runq(a) - runq(b) || a - b);
  const idle = new Set(order.slice(0, Math.min(count(state.idleprocs), n)));
  let global = count(state.runqueue);
  for (let i = 0; i < n; i++) {
    const p = s.allp[i]!;
    p.onIdleList = false;
    if (idle.has(i)) {
      pidleput(s, p);
      // Observed Ps counted idle may still show queued Gs in a racy dump; those go to the global queue.
      global += runq(i);
      continue;
    }
    const m = s.idleMs.length > 0 ? s.ms[s.idleMs.pop()!]! : newM(s);
    acquire(p, m);
    for (let j = Math.min(runq(i), RUNQ_SIZE); j > 0; j--) p.q.pushTail(SEEDED);
    execute(s, p, model.program.seededG(p), false);
  }
  s.global.pushSeeded(global);
  s.spareMs = Math.max(0, count(state.threads) - s.ms.length);
  for (const a of arrivals) model.program.addGroup(a, s.k.now);
}
