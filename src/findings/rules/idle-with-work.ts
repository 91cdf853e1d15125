import { sum, type Rule } from './rule.js';

/**
 * Idle Ps while runnable goroutines wait. wakep/startm should hand work to idle Ps within
 * microseconds, so one racy snapshot proves nothing; two consecutive ones do.
 */
export const idleWithWork: Rule = {
  kind: 'idle-with-work',
  severity: 'warning',
  peaks: ['idleprocs'],
  check({ prev, cur }) {
    if (prev === undefined || prev.gomaxprocs !== cur.gomaxprocs) return null;
    if (cur.idleprocs === 0 || prev.idleprocs === 0) return null;
    const local = sum(cur.runq);
    const w = cur.runqueue + local;
    const wPrev = prev.runqueue + sum(prev.runq);
    if (w < cur.idleprocs || wPrev < prev.idleprocs) return null;
    return {
      evidence: {
        idleprocs: cur.idleprocs,
        gomaxprocs: cur.gomaxprocs,
        runqueue: cur.runqueue,
        localTotal: local,
        previousIdle: prev.idleprocs,
        previousWaiting: wPrev,
      },
    };
  },
  explain({ evidence: e }) {
    const waiting = Number(e.runqueue) + Number(e.localTotal);
    return {
      explanation: `${e.idleprocs} of ${e.gomaxprocs} Ps were idle in two consecutive snapshots while ${waiting} runnable goroutines waited in run queues: work was not spread to idle Ps (wakep starts one spinning M at a time, and a spinning M needs an idle P).`,
      suggestion:
        'Look for Ms stuck in syscalls or cgo holding threads, LockOSThread, or a GC stop; if it persists, take a runtime/trace to see why idle Ps are not woken.',
    };
  },
};
