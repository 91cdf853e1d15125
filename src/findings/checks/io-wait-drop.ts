/**
 * Goroutines woken from network waits between two scheddetail dumps, read from the wait reasons of
 * the G lines. A G parks in `IO wait` only in netpollblock (runtime/netpoll.go: gopark with
 * waitReasonIOWait, printed "IO wait" in every release) and leaves it only through netpollunblock:
 * - the poller's readiness: netpoll → netpollready, the list then handed to injectglist (findRunnable,
 *   sysmon, startTheWorldWithSema), findRunnable running the first G itself;
 * - a deadline timer: netpolldeadlineimpl → netpollgoready → goready;
 * - another goroutine closing the descriptor or setting a past deadline: poll_runtime_pollUnblock,
 *   poll_runtime_pollSetDeadline → netpollgoready → goready.
 * So a fall of the count by D means at least D such wake-ups (others may have parked meanwhile).
 */
import { G_RUNNABLE } from '../../trace/runtime-constants.js';
import { gStatusName, type TimelinePoint } from '../../trace/timeline.js';
import { namedLockWaiters, SEMACQUIRE, semacquireCounts } from './lock-contention.js';

/** The wait reason netpollblock parks with (waitReasonIOWait in runtime2.go). */
export const IO_WAIT_REASON = 'IO wait';

const RUNNABLE = gStatusName(G_RUNNABLE);

export interface IoWaitDrop {
  /** Gs in IO wait at the earlier and at the later dump. */
  before: number;
  after: number;
  /** before − after: the fewest Gs woken from IO wait in the interval. */
  woken: number;
  /** Runnable Gs at the earlier and at the later dump. */
  runnableBefore: number;
  runnable: number;
  /**
   * Gs parked on a sync lock (sync.Mutex, sync.RWMutex) at the earlier and at the later dump: woken
   * goroutines that ran into a lock they share wait there instead of on a queue.
   */
  lockWaitersBefore: number;
  lockWaiters: number;
}

/** The lock waiters of a dump, as lock-contention counts them (semacquireCounts). */
function lockWaitersOf(byReason: Record<string, number>, before120: boolean): number {
  const named = namedLockWaiters(byReason);
  return semacquireCounts(named, before120) ? (byReason[SEMACQUIRE] ?? 0) : named;
}

function total(byStatus: Record<string, number>): number {
  let n = 0;
  for (const k in byStatus) n += byStatus[k]!;
  return n;
}

/**
 * Whether a run shows no network waiting, from the scheddetail dumps a check reads (the two of every
 * interval it is woken for). injectglist readies only goroutines the poller found ready, and those
 * parked in netpollblock (gopark with waitReasonIOWait, printed "IO wait"): where neither dump of an
 * interval, nor any read before in the run, shows a G in IO wait, the dumps name no goroutine the
 * poller could have readied, and a jump of the global queue is not its wave.
 */
export class NetworkWaitSeen {
  private seen = false;

  reset(): void {
    this.seen = false;
  }

  /** Notes the interval's two dumps; true when both carry G lines and the run has shown no IO wait. */
  pollerExcluded(prev: TimelinePoint | undefined, cur: TimelinePoint): boolean {
    if ((cur.gByReason?.[IO_WAIT_REASON] ?? 0) > 0 || (prev?.gByReason?.[IO_WAIT_REASON] ?? 0) > 0) this.seen = true;
    return prev?.gByReason !== undefined && cur.gByReason !== undefined && !this.seen;
  }
}

/**
 * The IO wait counts of two scheddetail dumps; null when either lacks G lines or the later one was cut.
 * `before120`: the run dates from before Go 1.20 (datesBefore120).
 */
export function readIoWaitDrop(prev: TimelinePoint, cur: TimelinePoint, before120: boolean): IoWaitDrop | null {
  const a = prev.gByReason;
  const b = cur.gByReason;
  const sa = prev.gByStatus;
  const sb = cur.gByStatus;
  if (a === undefined || b === undefined || sa === undefined || sb === undefined) return null;
  // A dump prints every G of allgs, which never shrinks (proc.go): fewer G lines than the dump
  // before means the later one was cut (a log cut mid-dump), and its counts prove nothing.
  if (total(sb) < total(sa)) return null;
  const before = a[IO_WAIT_REASON] ?? 0;
  const after = b[IO_WAIT_REASON] ?? 0;
  return {
    before,
    after,
    woken: before - after,
    runnableBefore: sa[RUNNABLE] ?? 0,
    runnable: sb[RUNNABLE] ?? 0,
    lockWaitersBefore: lockWaitersOf(a, before120),
    lockWaiters: lockWaitersOf(b, before120),
  };
}
