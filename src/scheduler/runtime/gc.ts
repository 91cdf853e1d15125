/**
 * The GC's mark phase as the scheduler sees it (mgc.go, mgcpacer.go):
 * - gcControllerState.startCycle: dedicated mark workers = int(GOMAXPROCS × 0.25 + 0.5); when that
 *   rounding is more than 30 % off the 25 % goal (GOMAXPROCS ≤ 3 or 6) one fewer if too many, and a
 *   per-P fractional utilization goal covers the rest.
 * - findRunnableGCWorker (findRunnable step 4): a P takes a dedicated worker while some are needed,
 *   else a fractional one while its own fractional time is under the goal. A dedicated worker keeps
 *   its P for the whole mark phase; the first time sysmon preempts it, gcBgMarkWorker moves the P's
 *   whole local queue to the global queue (runqdrain + globrunqputbatch) and marks on unpreemptible.
 * - Idle workers (findRunnable step 11): a P with nothing to run marks instead of going idle, up to
 *   GOMAXPROCS − dedicated of them (setMaxIdleMarkWorkers, from Go 1.19; 0 or 1 in sysmon's
 *   periodic cycle; no cap before), until work appears (modelled as short slices).
 * - Assists: while marking, an allocating G does scan work in proportion to what it allocates.
 *   Where the cycle has dedicated workers, they hold the work and make the credit, and an assist that
 *   runs out of both parks (gcParkAssist) until their credit is flushed, often (assistQuantumMs);
 *   without them (GOMAXPROCS 1 to 3) the assists drain the work list themselves (gcDrainN) and park
 *   only when they find it empty, far less often (assistDrainQuantumMs). Either way, when the work
 *   runs out the allocators end up on the mark-done semaphore (blockQueuedAllocators).
 */
import { markWorkers } from '../../trace/runtime-constants.js';
import { type G, G_RUNNABLE, G_RUNNING, G_WAITING, type P, W_FOREVER } from '../entities.js';
import { EV_GC_DRIVEN, EV_GC_FLUSH, EV_GC_MARK_DONE, EV_STW } from './events.js';
import { newproc1 } from './gfree.js';
import { semacquireMarkDone, semreleaseMarkDone, waitOnMarkDone } from './mark-done-sema.js';
import { injectglist } from './netpoll.js';
import { dropg } from './park.js';
import { wakep } from './procs.js';
import { runqput } from './runq.js';
import { onStopTheWorld } from './stw.js';
import { schedule } from './schedule.js';
import { type GcCyclePlan, MS, NONE, type Sched } from './sched.js';

/** G.group of the GC's background mark workers (gcBgMarkWorker). */
export const GC_WORKER = -3;

export const WORKER_NONE = 0;
export const WORKER_DEDICATED = 1;
export const WORKER_FRACTIONAL = 2;
export const WORKER_IDLE = 3;

/** How long an idle worker marks before it checks for work again (gcDrainIdle's pollWork), ns. */
const IDLE_SLICE_NS = 100_000;
/** Least a fractional worker runs once started, ns. */
const FRACTIONAL_MIN_NS = 100_000;
export { markWorkers };

/**
 * A cycle at absolute time atNs whose phases last as `plan` says: replay places the cycles a log's
 * gctrace lines report (`gc N @t s …: a+b+c ms clock`), since what starts a cycle (the pacer's heap
 * goal, mgcpacer.go) is not in schedtrace. The workers, runqdrain and the stop-the-worlds then follow
 * the runtime's rules as in a paced cycle.
 */
export function gcCycleAt(s: Sched, atNs: number, plan: GcCyclePlan): void {
  s.gcPlan.push(plan);
  s.k.at(atNs, EV_GC_DRIVEN, s.gcPlan.length - 1);
}

/** gcStart for a placed cycle: none starts while one is under way (gcStart's gcTrigger.test fails). */
export function gcDrivenStart(s: Sched, idx: number): void {
  const plan = s.gcPlan[idx];
  if (plan === undefined || s.gcCycleActive || s.gcwaiting) return;
  s.gcDriven = plan;
  onStopTheWorld(s, 0);
}

/**
 * The time from the end of one time-paced cycle to the start of the next: exponential with mean
 * `everyMs`. The pacer starts a cycle when the heap reaches its trigger, and how fast the heap gets
 * there depends on which goroutines ran: the gcheavy captures' gctrace lines put 11-15 ms between
 * cycles with a coefficient of variation of 0.24-0.42 (this gap gives the modelled cycle about 0.3).
 * A fixed gap made the cycle strictly periodic, and sysmon's 10 ms wake-ups (whose length depends on
 * the load, so on the GC phase) locked onto it: every dump of a run landed in the same phase.
 */
export function timePacedGapNs(s: Sched, everyMs: number): number {
  return -everyMs * MS * Math.log(1 - s.rng.float());
}

/** gcStart's mark phase begins (after sweep termination's stop-the-world). */
export function gcMarkStart(s: Sched, markMs: number): void {
  const w = markWorkers(s.gomaxprocs);
  s.gcMarking = true;
  s.gcMarkStartNs = s.k.now;
  s.gcDedicatedLeft = w.dedicated;
  s.gcFractionalGoal = w.fractional;
  const quantumMs = w.dedicated > 0 ? s.gc?.assistQuantumMs : s.gc?.assistDrainQuantumMs;
  s.gcAssistQuantumNs = quantumMs === undefined ? 0 : quantumMs * MS;
  s.gcMaxIdle = Math.min(s.gomaxprocs - w.dedicated, s.gc?.maxIdleWorkers ?? Number.POSITIVE_INFINITY);
  s.gcIdleWorkers = 0;
  for (let i = 0; i < s.gomaxprocs; i++) s.allp[i]!.gcFractionalNs = 0;
  s.k.after(markMs * MS, EV_GC_MARK_DONE, 0);
}

/** P p's mark worker G (gcBgMarkStartWorkers makes one per P), parked while it does not mark. */
function workerG(s: Sched, p: P): G {
  if (p.gcWorkerG === NONE) {
    const g = newproc1(s, null, GC_WORKER);
    g.status = G_WAITING;
    g.waitKind = W_FOREVER;
    g.waitReason = 'GC worker (idle)';
    p.gcWorkerG = g.slot;
  }
  return s.gs[p.gcWorkerG]!;
}

/** findRunnableGCWorker, or the idle worker when idle is set: the worker G to run on p, or NONE. */
export function findGCWorker(s: Sched, p: P, idle: boolean): number {
  let mode = WORKER_NONE;
  let ns = 0;
  if (idle) {
    if (s.gcIdleWorkers >= s.gcMaxIdle) return NONE;
    s.gcIdleWorkers++;
    mode = WORKER_IDLE;
    ns = IDLE_SLICE_NS;
  } else if (s.gcDedicatedLeft > 0) {
    s.gcDedicatedLeft--;
    mode = WORKER_DEDICATED;
    ns = Number.MAX_SAFE_INTEGER;
  } else if (s.gcFractionalGoal > 0) {
    // pollFractionalWorkerExit: run while this P's fractional time is under 1.2 × the goal.
    const g = s.gcFractionalGoal;
    const elapsed = s.k.now - s.gcMarkStartNs;
    if (elapsed > 0 && p.gcFractionalNs / elapsed > g) return NONE;
    mode = WORKER_FRACTIONAL;
    ns = Math.max(FRACTIONAL_MIN_NS, (1.2 * g * elapsed - p.gcFractionalNs) / (1 - 1.2 * g));
  } else return NONE;
  const w = workerG(s, p);
  w.cpuLeftNs = ns;
  w.spawnLeft = 0;
  p.gcWorkerMode = mode;
  p.gcWorkerFrom = s.k.now;
  p.gcPreempted = false;
  return w.slot;
}

/** The worker G on p stops marking (its slice ended, or the mark phase did): it parks again. */
function parkWorker(s: Sched, p: P, g: G): void {
  const ran = s.k.now - p.gcWorkerFrom;
  s.counters.workerRuns[p.gcWorkerMode - 1]!++;
  s.counters.workerNs[p.gcWorkerMode - 1]! += ran;
  if (p.gcWorkerMode === WORKER_IDLE) s.gcIdleWorkers--;
  else if (p.gcWorkerMode === WORKER_FRACTIONAL) p.gcFractionalNs += ran;
  p.gcWorkerMode = WORKER_NONE;
  dropg(s, p, g, 'GC worker (idle)');
}

/** A worker's slice ended (idle and fractional workers): it parks and the M schedules again. */
export function gcWorkerRunEnd(s: Sched, p: P, g: G): void {
  parkWorker(s, p, g);
  schedule(s, p);
}

/**
 * sysmon (or a stop-the-world) preempts the worker on p. A dedicated worker preempted for the first
 * time kicks its P's local queue to the global queue (runqdrain → globrunqputbatch: runnext first,
 * then the ring in order; a runqget → globrunqput loop, the same order, up to Go 1.16) and goes on marking; a fractional or idle worker stops (gcDrainUntilPreempt).
 * Returns true when the worker keeps running.
 */
export function gcWorkerPreempted(s: Sched, p: P, g: G): boolean {
  if (p.gcWorkerMode === WORKER_DEDICATED && s.gcMarking && !s.gcwaiting) {
    if (!p.gcPreempted) {
      p.gcPreempted = true;
      runqdrain(s, p);
    }
    // The worker goes on marking without preemption: sysmon sees a new schedtick... never; it just keeps the P.
    p.sysmonSchedtick = p.schedtick;
    p.schedwhen = Number.POSITIVE_INFINITY;
    return true;
  }
  p.runEndSeq = -1;
  s.machine.stopExecuting(p);
  parkWorker(s, p, g);
  return false;
}

/** runqdrain: every G of p's local queue (runnext first, then the ring in order) to the global queue's tail. */
function runqdrain(s: Sched, p: P): void {
  if (p.q.runnext !== NONE) {
    s.global.pushTail(p.q.runnext);
    p.q.runnext = NONE;
  }
  for (let slot = p.q.popHead(); slot !== NONE; slot = p.q.popHead()) s.global.pushTail(slot);
}

/**
 * gcMarkDone: the workers stop; the allocators running when the mark work runs out end their assists
 * in gcMarkDone and block on its semaphore (mark-done-sema.ts); the parked assists are woken, the
 * semaphore released (both inside the stop-the-world), and mark termination stops the world.
 */
export function gcMarkDone(s: Sched): void {
  s.gcMarking = false;
  const stopped: P[] = [];
  for (let i = 0; i < s.gomaxprocs; i++) {
    const p = s.allp[i]!;
    if (p.gcWorkerMode === WORKER_NONE || p.curG !== p.gcWorkerG) continue;
    p.runEndSeq = -1;
    s.machine.stopExecuting(p);
    parkWorker(s, p, s.gs[p.curG]!);
    stopped.push(p);
  }
  // The holder: a worker when one was marking, else the first allocator's assist.
  let holder = stopped[0] ?? null;
  for (let i = 0; i < s.gomaxprocs; i++) {
    const p = s.allp[i]!;
    const g = s.gs[p.curG];
    if (g === undefined || g.allocMBps === 0 || g.spawnLeft > 0 || p.runEndSeq === -1) continue;
    if (holder === null) {
      holder = p;
      continue;
    }
    semacquireMarkDone(s, p, g);
    stopped.push(p);
  }
  if (markWorkers(s.gomaxprocs).dedicated > 0) parkedAssistsToMarkDone(s);
  blockQueuedAllocators(s);
  onStopTheWorld(s, -1);
  s.gcTermP = holder === null ? NONE : holder.id;
  gcWakeAllAssists(s, holder);
  if (holder !== null) semreleaseMarkDone(s, holder);
  // Their Ms reach findRunnable's gcwaiting check and stop (gcstopm).
  for (const p of stopped) schedule(s, p);
}

/**
 * An allocating G starts workNs of CPU work while the GC marks: the work it does before it next
 * stops. Its assists add CPU in proportion to what it allocates (assistMsPerMB); it runs at most the
 * cycle's assist quantum (gcMarkStart: assistQuantumMs with dedicated workers, assistDrainQuantumMs
 * without) before an assist finds no credit and no work and parks it (gcParkAssist).
 */
export function assistWork(s: Sched, g: G, workNs: number): number {
  const gc = s.gc;
  if (gc === undefined || g.spawnLeft > 0 || !(workNs < 1e12)) return workNs;
  if (gc.assistMsPerMB !== undefined) workNs += (workNs / 1e9) * g.allocMBps * gc.assistMsPerMB * MS;
  const q = s.gcAssistQuantumNs;
  if (q > 0 && workNs > q) {
    g.assistPark = true;
    g.assistRestNs = workNs - q;
    return q;
  }
  return workNs;
}

/** gcParkAssist: g's assist found no credit: it waits in the assist queue ("GC assist wait"). */
export function gcParkAssist(s: Sched, p: P, g: G): void {
  g.assistPark = false;
  g.cpuLeftNs = g.assistRestNs;
  g.waitKind = W_FOREVER;
  dropg(s, p, g, 'GC assist wait');
  s.counters.assistParks++;
  s.assistQueue.push(g.slot);
  if (s.gc?.flushMs !== undefined && s.assistQueue.length === 1) s.k.after(s.gc.flushMs * MS, EV_GC_FLUSH, 0);
  schedule(s, p);
}

/**
 * gcFlushBgCredit: a background worker's credit satisfies the queued assists, which are readied
 * (ready → runqput, not runnext) onto the worker's P; without a worker running, onto any running P.
 */
export function gcFlushBgCredit(s: Sched): void {
  if (!s.gcMarking || s.assistQueue.length === 0) return;
  let p: P | null = null;
  for (let i = 0; i < s.gomaxprocs && p === null; i++) {
    const q = s.allp[i]!;
    if (q.gcWorkerMode !== WORKER_NONE && q.curG === q.gcWorkerG) p = q;
  }
  const list = s.assistQueue.splice(0);
  s.counters.assistReadies += list.length;
  if (p === null) return injectglist(s, list, null);
  for (const slot of list) {
    s.gs[slot]!.status = G_RUNNABLE;
    runqput(s, p, slot, false);
  }
  wakep(s);
}

/**
 * The ragged barrier's cascade (gcMarkDone → forEachP): every P is preempted to flush its work
 * buffers and schedules its next G; an allocating G allocates at once, its assist finds the mark
 * work gone and it blocks on markDoneSema, and the P takes the next, down its queue and the global
 * one. The allocators queued at the end of the mark phase end up waiting on the semaphore, in the
 * order the Ps would have run them.
 */
function blockQueuedAllocators(s: Sched): void {
  if (!s.allocators) return;
  const blocks = (slot: number): boolean => {
    const g = s.gs[slot];
    if (g === undefined || g.allocMBps === 0 || g.spawnLeft > 0) return false;
    waitOnMarkDone(s, g);
    return true;
  };
  const keep: number[] = [];
  for (let i = 0; i < s.gomaxprocs; i++) {
    const q = s.allp[i]!.q;
    keep.length = 0;
    if (q.runnext !== NONE && blocks(q.runnext)) q.runnext = NONE;
    for (let slot = q.popHead(); slot !== NONE; slot = q.popHead()) if (!blocks(slot)) keep.push(slot);
    for (const slot of keep) q.pushTail(slot);
  }
  keep.length = 0;
  for (let slot = s.global.popHead(); slot !== NONE; slot = s.global.popHead()) if (!blocks(slot)) keep.push(slot);
  for (const slot of keep) s.global.pushTail(slot);
}

/**
 * The assists parked when the mark work runs out, in a cycle with dedicated workers: the workers'
 * last credit flushes (gcFlushBgCredit) pay their debts and ready them, and each, back in
 * gcAssistAlloc with the cycle still on, finds neither credit nor work (gcDrainN: nwait == nproc),
 * calls gcMarkDone and blocks on markDoneSema behind the holder. Scheddetail at 8 Ps (Go 1.26.8, 2 s,
 * one dump per 10 ms) shows 7.2 allocators per dump on the semaphore and 1.6 in the assist queue; at
 * 2 Ps, whose assists park seldom (assistDrainQuantumMs), gcWakeAllAssists readies the few left
 * (0.32 per dump in the queue, 5.2 runnable after it).
 */
function parkedAssistsToMarkDone(s: Sched): void {
  for (const slot of s.assistQueue.splice(0)) waitOnMarkDone(s, s.gs[slot]!);
}

/**
 * gcWakeAllAssists (gcMarkDone, the world stopped): every parked assist is runnable again. injectglist
 * runs on the terminating G's M, which keeps its P through the stop-the-world, and finds no idle P
 * (stopTheWorldWithSema took them all): from Go 1.15 the assists go to that P's local ring, what
 * does not fit to the global queue (before, injectglist put them all on the global queue).
 */
function gcWakeAllAssists(s: Sched, p: P | null): void {
  if (s.assistQueue.length > 0) injectglist(s, s.assistQueue.splice(0), p);
}

/** Allocation-paced GC: g is about to run workNs of CPU work; start a cycle once triggerMB is reached. */
export function noteAllocation(s: Sched, g: G, workNs: number): void {
  const gc = s.gc;
  if (gc?.triggerMB === undefined || g.allocMBps === 0 || !(workNs < 1e12)) return;
  s.gcAllocMB += (workNs / 1e9) * g.allocMBps;
  if (!s.gcCycleActive && s.gcAllocMB >= gc.triggerMB) {
    s.gcCycleActive = true;
    s.k.after(0, EV_STW, 0);
  }
}

export { G_RUNNING };
