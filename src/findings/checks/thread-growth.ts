import { G_SYSCALL } from '../../trace/runtime-constants.js';
import { gStatusNames, type TimelinePoint } from '../../trace/timeline.js';
import { type Check, intervalMs, BUSY_THREADS } from '../check.js';

/**
 * Busy threads above which thread growth is reported: the Ms that can hold a P, GOMAXPROCS − idleprocs
 * (an idle P has no M: releasep before pidleput), then as many again as GOMAXPROCS and 8 (sysmon, the
 * template thread, Ms between a hand-off and the idle list) outside the scheduler. With every P busy
 * that is 2 × GOMAXPROCS + 8; with the Ps idle while threads wait in the kernel it is GOMAXPROCS + 8.
 */
export function threadLimit(gomaxprocs: number, idleprocs = 0): number {
  const holdingPs = Math.max(0, Math.min(gomaxprocs, gomaxprocs - idleprocs));
  return holdingPs + gomaxprocs + 8;
}

/** Ms held by LockOSThread: M lines with lockedg set, or nmidlelocked, whichever says more. */
function lockedThreads(pt: TimelinePoint): number | null {
  const fromM = pt.mCounts?.locked;
  const idleLocked = pt.nmidlelocked;
  if (fromM === undefined && idleLocked === undefined) return null;
  return Math.max(fromM ?? 0, idleLocked ?? 0);
}

/**
 * Thread growth: Ms beyond GOMAXPROCS that are neither idle (idlethreads, sched.nmidle) nor held by
 * LockOSThread. A goroutine in a blocking syscall or cgo call keeps its M; sysmon's retake hands its
 * P to another M when there is work for it (handoffp → startm), creating one when none is idle
 * (newm); with nothing to run the P goes idle. Ms are never freed
 * (except when a locked goroutine exits), so the count ratchets to the peak of concurrent calls.
 * Without scheddetail, Ms locked by LockOSThread cannot be told apart: the claim is then possible.
 */
export const threadGrowth: Check<'thread-growth'> = {
  kind: 'thread-growth',
  basis: 'threshold',
  severity: 'warning',
  mergeGap: { dumps: 5, ms: 500 },
  perP: false,
  quietUnless: { wakesOn: BUSY_THREADS, settlesAfter: 1 },
  create() {
    let before = -1;
    return {
      reset() {
        before = -1;
      },
      step(ctx) {
        const { prev, cur } = ctx;
        const locked = lockedThreads(cur);
        const busy = cur.threads - cur.idlethreads - (locked ?? 0);
        const limit = threadLimit(cur.gomaxprocs, cur.idleprocs);
        if (busy <= limit) {
          before = -1;
          return null;
        }
        if (before < 0) before = prev?.threads ?? cur.threads;
        const inSyscall = cur.gByStatus?.[gStatusNames[G_SYSCALL]!] ?? null;
        const detail = locked !== null;
        const confidence = !detail
          ? 'possible'
          : inSyscall !== null && inSyscall >= (busy - limit) / 2
            ? 'certain'
            : 'likely';
        return {
          confidence,
          confidenceReason: !detail
            ? 'without scheddetail, threads blocked in syscalls or cgo cannot be told from threads held by LockOSThread'
            : confidence === 'certain'
              ? `${inSyscall} goroutines in syscalls hold the extra threads`
              : 'locked and idle threads are excluded; the rest are busy, but the dump does not show what blocks them',
          evidence: {
            gomaxprocs: cur.gomaxprocs,
            threadsBefore: before,
            threads: cur.threads,
            threadsPeak: cur.threads,
            idlethreads: cur.idlethreads,
            lockedThreads: locked,
            busyThreads: busy,
            busyThreadsPeak: busy,
            limit,
            inSyscall,
          },
          // Threads, unlike Ps, cost memory and scheduling, not throughput directly: a tenth of a P per extra thread.
          impact: (0.1 * (busy - cur.gomaxprocs) * (intervalMs(ctx) ?? 0)) / cur.gomaxprocs,
        };
      },
    };
  },
  merge(e, h) {
    e.threadsPeak = Math.max(e.threadsPeak, h.threadsPeak);
    // threads, idle and locked are the busy peak's dump, so that they add up to it in the words.
    if (h.busyThreadsPeak >= e.busyThreadsPeak) {
      e.threads = h.threads;
      e.idlethreads = h.idlethreads;
      e.lockedThreads = h.lockedThreads;
      e.busyThreads = h.busyThreads;
      e.busyThreadsPeak = h.busyThreadsPeak;
    }
    if (h.inSyscall !== null) e.inSyscall = Math.max(e.inSyscall ?? 0, h.inSyscall);
  },
  explain(f) {
    const e = f.evidence;
    // Without the M lines a thread held by a locked goroutine (LockOSThread) looks like one in a
    // syscall: the words keep both, and the Ps' handoff is the syscalls' only.
    const unknown = f.confidence === 'possible' || e.lockedThreads === null;
    const held =
      f.confidence === 'possible'
        ? 'goroutines blocked in syscalls or cgo calls, or locked to their threads by LockOSThread (without scheddetail the two look the same), hold them'
        : e.inSyscall !== null && e.inSyscall > 0
          ? `${e.inSyscall} goroutines in syscalls hold them`
          : 'goroutines blocked in syscalls or cgo calls probably hold them';
    const handoff = unknown
      ? 'a P whose goroutine blocks in a syscall is handed to another thread by sysmon when there is work for it (retake → handoffp → startm), and each locked goroutine runs only on its own thread, so either way new threads are made'
      : "sysmon's retake handed their Ps to other threads (handoffp → startm), creating new ones";
    return {
      explanation: `${e.busyThreadsPeak} busy OS threads at the peak for GOMAXPROCS=${e.gomaxprocs} (threads ${e.threadsBefore} → ${e.threads} at that dump, ${e.idlethreads} of them idle${e.lockedThreads !== null ? `, ${e.lockedThreads} locked by LockOSThread` : ''}${e.threadsPeak > e.threads ? `; ${e.threadsPeak} threads at most` : ''}): ${held}; ${handoff}.`,
      suggestion: unknown
        ? 'Capture with GODEBUG=scheddetail=1 to tell them apart (M lines with lockedg= are locked threads, G lines with status=3 are in syscalls). For syscalls or cgo calls (file I/O, DNS via cgo, C libraries), bound their concurrency with a semaphore; for locked goroutines, run fewer at once. An idle thread is kept for reuse, not returned to the OS, so the count stays at its peak; only a goroutine that exits while locked to its thread takes the thread with it (mexit, Go 1.10 and later).'
        : 'Find the blocking syscalls or cgo calls (file I/O, DNS via cgo, C libraries) and bound their concurrency with a semaphore; an idle thread is kept for reuse, not returned to the OS, so the count stays at its peak.',
    };
  },
};
