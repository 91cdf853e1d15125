import type { TimelinePoint } from '../../trace/timeline.js';
import type { DetectorDef } from './detector.js';

/** Consecutive snapshots, and milliseconds, before idle Ps beside work count as stalled. */
export const STALL_SNAPSHOTS = 3;
export const STALL_MS = 20;

function busyRing(pt: TimelinePoint): number {
  let p = -1;
  pt.runq.forEach((n, i) => {
    if (n > 0 && (p < 0 || n > (pt.runq[p] ?? 0))) p = i;
  });
  return p;
}

/**
 * Every runqput of a new or readied G is followed by wakep (newproc, ready), which starts a spinning M
 * on an idle P; that M steals ceil(n/2) of a victim's ring within microseconds (stealWork →
 * runqgrab). Idle Ps beside a non-empty ring across several snapshots, tens of milliseconds apart,
 * mean no M could be started: threads exhausted or blocked, a stop-the-world, or locked goroutines.
 */
export const stealingStalled: DetectorDef = {
  kind: 'stealing-stalled',
  merge: true,
  create: () => {
    let streak = 0;
    let since: TimelinePoint | undefined;
    return {
      check({ prev, cur }) {
        const p = busyRing(cur);
        const stalled = cur.idleprocs > 0 && p >= 0 && cur.runq.length === cur.gomaxprocs && cur.gcwaiting !== true;
        if (!stalled || (prev !== undefined && prev.gomaxprocs !== cur.gomaxprocs)) {
          streak = stalled ? 1 : 0;
          since = stalled ? cur : undefined;
          return [];
        }
        streak++;
        since ??= cur;
        const span = since.tMs !== null && cur.tMs !== null ? cur.tMs - since.tMs : null;
        if (streak < STALL_SNAPSHOTS || (span !== null && span < STALL_MS)) return [];
        return [
          {
            kind: 'stealing-stalled',
            severity: 'warning',
            p,
            evidence: {
              idleprocs: cur.idleprocs,
              local: cur.runq[p] ?? 0,
              runq: cur.runq,
              snapshots: streak,
              sinceLine: since.line,
              ...(span !== null ? { spanMs: span } : {}),
            },
            explanation: `${cur.idleprocs} P(s) stayed idle for ${streak} snapshots${span !== null ? ` (${span} ms)` : ''} while P${p}'s ring held ${cur.runq[p] ?? 0} runnable goroutines; a spinning M would have stolen half of them within microseconds (stealWork/runqgrab), so none was started (wakep found no M to run, or every M was blocked).`,
            suggestion:
              'Look for threads stuck in cgo or blocking syscalls (the thread limit), LockOSThread goroutines, or long stop-the-world pauses; a runtime/trace of the window shows which Ms were busy.',
          },
        ];
      },
    };
  },
};
