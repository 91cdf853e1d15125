import { sum, type Rule } from './rule.js';

function waiting(pt: { runqueue: number; runq: number[] }): number {
  return pt.runqueue + sum(pt.runq);
}

/**
 * Idle Ps while runnable goroutines wait. wakep/startm should hand work to idle Ps within
 * microseconds, so one racy snapshot proves nothing; two consecutive ones do.
 */
export const idleWithWork: Rule = {
  kind: 'idle-with-work',
  check({ prev, cur }) {
    if (prev === undefined || prev.gomaxprocs !== cur.gomaxprocs) return [];
    if (cur.idleprocs === 0 || prev.idleprocs === 0) return [];
    const w = waiting(cur);
    const wPrev = waiting(prev);
    if (w < cur.idleprocs || wPrev < prev.idleprocs) return [];
    return [
      {
        kind: 'idle-with-work',
        severity: 'warning',
        evidence: { idleprocs: cur.idleprocs, gomaxprocs: cur.gomaxprocs, runqueue: cur.runqueue, localTotal: sum(cur.runq), previousIdle: prev.idleprocs, previousWaiting: wPrev },
        explanation: `${cur.idleprocs} of ${cur.gomaxprocs} Ps were idle in two consecutive snapshots while ${w} runnable goroutines waited in run queues: work was not spread to idle Ps (wakep starts one spinning M at a time, and a spinning M needs an idle P).`,
        suggestion:
          'Look for Ms stuck in syscalls or cgo holding threads, LockOSThread, or a GC stop; if it persists, take a runtime/trace to see why idle Ps are not woken.',
      },
    ];
  },
};
