/**
 * Lock contention, read from the wait reasons of a scheddetail dump's G lines. sync.Mutex.Lock's
 * slow path (lockSlow; internal/sync's from Go 1.24), RWMutex.Lock and RWMutex.RLock park the goroutine in semacquire1
 * (runtime/sema.go) until Unlock or RUnlock hands the semaphore over (semrelease1 → readyWithTime).
 * From Go 1.20 the reason names the lock: waitReasonSyncMutexLock "sync.Mutex.Lock",
 * waitReasonSyncRWMutexLock "sync.RWMutex.Lock", waitReasonSyncRWMutexRLock "sync.RWMutex.RLock"
 * (runtime2.go). Before 1.20 every sync semaphore parked with waitReasonSemacquire "semacquire":
 * Mutex, RWMutex and WaitGroup.Wait alike, and sync.Cond.Wait too before Go 1.11 (syncsemacquire
 * on 1.5–1.6, notifyListWait on 1.7–1.10, until the waitReason enum gave it "sync.Cond.Wait").
 */
import { datesBefore120 } from '../../trace/release-facts.js';
import { G_RUNNABLE } from '../../trace/runtime-constants.js';
import { gStatusName, type TimelinePoint } from '../../trace/timeline.js';
import { type Check, hedgeCap, intervalMs, LOCK_WAITERS, round1 } from '../check.js';
import type { LockContentionEvidence } from '../evidence.js';

export const MUTEX_LOCK = 'sync.Mutex.Lock';
export const RWMUTEX_LOCK = 'sync.RWMutex.Lock';
export const RWMUTEX_RLOCK = 'sync.RWMutex.RLock';
export const SEMACQUIRE = 'semacquire';

const RUNNABLE = gStatusName(G_RUNNABLE);

/** Fewest goroutines parked for locks at one dump that make contention. */
export const LOCK_WAITERS_MIN = 8;

/**
 * Goroutines parked for locks that make contention at GOMAXPROCS n with `idleprocs` idle Ps: more
 * than a handful, and as many as the Ps running goroutines (at most one per P). A goroutine parked in
 * semacquire1 runs again only when the holder's Unlock hands it the semaphore, so an idle P cannot
 * help it: once more goroutines wait for locks than the Ps run, the locks, not the CPUs, bound the
 * work. One per P alone missed the convoy that leaves most of many Ps idle (64 waiters, 126 of 128
 * Ps idle).
 */
export function lockWaitersThreshold(n: number, idleprocs: number): number {
  return Math.max(LOCK_WAITERS_MIN, n - idleprocs);
}

/** Goroutines parked on a named lock (Go 1.20+ reasons) in a dump's wait-reason counts. */
export function namedLockWaiters(byReason: Record<string, number>): number {
  return (byReason[MUTEX_LOCK] ?? 0) + (byReason[RWMUTEX_LOCK] ?? 0) + (byReason[RWMUTEX_RLOCK] ?? 0);
}

/**
 * Whether a dump's lock waiters are its "semacquire" ones: before Go 1.20 every sync semaphore parks
 * with that reason, all there is to count (WaitGroups among them), but not once a dump names a lock.
 * From Go 1.20 "semacquire" is a WaitGroup (through Go 1.23), internal/poll's descriptor locks
 * (fdMutex, FD.Close) or the runtime's own semaphores (gcStart's work.startSema, worldsema,
 * gcsema): only the named reasons count.
 */
export function semacquireCounts(namedWaiters: number, before120: boolean): boolean {
  return namedWaiters === 0 && before120;
}

/** Whether a dump's G lines may show contention: the signal dump-signals.ts sets (LOCK_WAITERS). */
export function mayShowLockContention(cur: TimelinePoint): boolean {
  const r = cur.gByReason;
  if (r === undefined) return false;
  const least = lockWaitersThreshold(cur.gomaxprocs, cur.idleprocs);
  return namedLockWaiters(r) >= least || (r[SEMACQUIRE] ?? 0) >= least;
}

export const lockContention: Check<'lock-contention'> = {
  kind: 'lock-contention',
  basis: 'threshold',
  severity: 'warning',
  // One dump without the waiters does not end the contention: at such a dump of a lock convoy the
  // G lines show them runnable on the rings (an Unlock woke them: semrelease1 → readyWithTime), and
  // a woken waiter competes with new arrivals for the lock and mostly parks again (sync.Mutex's
  // normal mode), so the dump after shows them parked once more.
  mergeGap: { dumps: 2, ms: 0 },
  perP: false,
  quietUnless: { wakesOn: LOCK_WAITERS, settlesAfter: 0 },
  create(run) {
    /** The index of the run's dump of the last hit (-1: none yet in this run). */
    let lastHit = -1;
    return {
      reset() {
        lastHit = -1;
      },
      step(ctx) {
        const { cur } = ctx;
        const r = cur.gByReason;
        const statuses = cur.gByStatus;
        if (r === undefined || statuses === undefined) return null;
        const least = lockWaitersThreshold(cur.gomaxprocs, cur.idleprocs);
        const named = namedLockWaiters(r);
        const semacquire = r[SEMACQUIRE] ?? 0;
        const old = semacquireCounts(named, datesBefore120(run));
        const waiters = old ? semacquire : named;
        if (waiters < least) return null;
        // A hit two dumps after the last one continues its episode (mergeGap) across one dump without.
        const gapDumps = lastHit >= 0 && ctx.index - lastHit === 2 ? 1 : 0;
        lastHit = ctx.index;
        let goroutines = 0;
        for (const k in statuses) goroutines += statuses[k]!;
        const dt = intervalMs(ctx) ?? 0;
        const evidence: LockContentionEvidence = {
          gomaxprocs: cur.gomaxprocs,
          named: !old,
          waitersPeak: waiters,
          waitersSum: waiters,
          mutex: r[MUTEX_LOCK] ?? 0,
          rwLock: r[RWMUTEX_LOCK] ?? 0,
          rwRLock: r[RWMUTEX_RLOCK] ?? 0,
          semacquire,
          goroutines,
          idleprocs: cur.idleprocs,
          runnable: statuses[RUNNABLE] ?? 0,
          dumps: 1,
          gapDumps,
        };
        return {
          confidence: old ? 'possible' : 'certain',
          confidenceReason: waitersReason(!old, `${waiters}`),
          evidence,
          // Goroutine-time spent waiting for locks, per P, as saturation counts its backlog.
          impact: (waiters / cur.gomaxprocs) * dt,
        };
      },
    };
  },
  closingReason: (f) =>
    waitersReason(
      f.evidence.named,
      f.evidence.dumps > 1 ? `up to ${f.evidence.waitersPeak}` : `${f.evidence.waitersPeak}`,
    ),
  merge(ep, hit) {
    ep.waitersSum += hit.waitersSum;
    ep.dumps += hit.dumps;
    ep.gapDumps += hit.gapDumps;
    if (hit.waitersPeak > ep.waitersPeak) {
      ep.waitersPeak = hit.waitersPeak;
      ep.mutex = hit.mutex;
      ep.rwLock = hit.rwLock;
      ep.rwRLock = hit.rwRLock;
      ep.semacquire = hit.semacquire;
      ep.goroutines = hit.goroutines;
      ep.idleprocs = hit.idleprocs;
      ep.runnable = hit.runnable;
      ep.gomaxprocs = hit.gomaxprocs;
    }
  },
  explain(f) {
    const e = f.evidence;
    const mean = round1(e.waitersSum / e.dumps);
    const dumps =
      e.dumps === 1
        ? 'one dump'
        : e.gapDumps === 0
          ? `${e.dumps} consecutive dumps`
          : `${e.dumps} of ${e.dumps + e.gapDumps} consecutive dumps`;
    const share = e.goroutines > 0 ? ` of ${e.goroutines} goroutines` : '';
    // At the peak dump: beyond every P, or beyond the Ps then running goroutines.
    const busy = e.gomaxprocs - e.idleprocs;
    const beyond =
      e.waitersPeak > e.gomaxprocs
        ? `more than the ${e.gomaxprocs} Ps`
        : `${e.waitersPeak > busy ? 'more than' : 'as many as'} the ${busy} of ${e.gomaxprocs} Ps that were running goroutines`;
    const byReason = (
      [
        [e.mutex, MUTEX_LOCK],
        [e.rwLock, RWMUTEX_LOCK],
        [e.rwRLock, RWMUTEX_RLOCK],
      ] as const
    ).flatMap(([n, reason]) => (n > 0 ? [`${n} in ${reason}`] : []));
    const ps = !e.named
      ? e.idleprocs > 0
        ? `${e.idleprocs} of ${e.gomaxprocs} Ps were idle at that dump.`
        : 'Every P was busy at that dump as well.'
      : e.idleprocs > 0
        ? `${e.idleprocs} of ${e.gomaxprocs} Ps were idle at that dump: an idle P cannot run a goroutine parked for a lock, which waits for the holder's Unlock however many Ps or CPUs are free.`
        : `Every P was busy at that dump as well (${e.runnable} runnable), so the wait for the lock comes on top of the wait for a P.`;
    const head = e.named
      ? `Lock contention: goroutines were parked waiting for a lock in ${dumps}, up to ${e.waitersPeak}${share} (${byReason.join(', ')}; ${mean} on average), ${beyond}. A goroutine waits with that reason only in semacquire1 (sema.go), from the slow path of sync.Mutex.Lock or RWMutex.Lock/RLock: another goroutine held the lock, and it runs again only when Unlock hands it the semaphore (semrelease1 → readyWithTime).`
      : `${hedgeCap(f.confidence)} lock contention: goroutines were parked in semacquire in ${dumps}, up to ${e.waitersPeak}${share} (${mean} on average), ${beyond}. Before Go 1.20 every sync semaphore waits with that reason: sync.Mutex and sync.RWMutex, but also sync.WaitGroup.Wait, and so do the runtime's own semaphores (a goroutine that allocates when a GC cycle is due waits in gcStart for work.startSema, one stopping the world for worldsema), so some or all of them may be waiting for WaitGroups or for the GC, which no lock holds (Go 1.20+ names the lock).`;
    return {
      explanation: `${head} ${ps}`,
      suggestion: !e.named
        ? 'See which: a goroutine profile (/debug/pprof/goroutine?debug=1) shows where they wait, a build with Go 1.20+ names the lock in these lines, and GODEBUG=gctrace=1 shows whether GC cycles come back to back. If it is a lock, the mutex profile (runtime.SetMutexProfileFraction) finds it; shorten or split what is done while holding it.'
        : 'Find the lock with the mutex profile (runtime.SetMutexProfileFraction, then go tool pprof on /debug/pprof/mutex) and shorten what is done while holding it, or split it: shard the data, keep per-goroutine state and merge it, use atomics, or an RWMutex where reads dominate.',
    };
  },
};

/** Why the confidence: the lock named in the G lines (Go 1.20+), or only semacquire; `waiters` as said. */
function waitersReason(named: boolean, waiters: string): string {
  return named
    ? `the G lines name the lock: ${waiters} goroutines parked by semacquire1 for a sync.Mutex or sync.RWMutex`
    : `${waiters} goroutines were parked in semacquire, which before Go 1.20 every sync semaphore prints: sync.Mutex and sync.RWMutex, but also sync.WaitGroup.Wait and the runtime's own (gcStart's work.startSema)`;
}
