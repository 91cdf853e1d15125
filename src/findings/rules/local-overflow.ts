import { LOCAL_RUNQ_CAPACITY } from '../../trace/snapshot.js';
import type { TimelinePoint } from '../../trace/timeline.js';
import type { Rule } from './rule.js';

/** runtime.runqputslow moves the oldest half of a full ring (128) plus the new G to the global queue. */
export const OVERFLOW_BATCH = LOCAL_RUNQ_CAPACITY / 2 + 1;
const HALF = LOCAL_RUNQ_CAPACITY / 2;

/** Distance from growth to the nearest positive multiple of the overflow batch. */
function offMultiple(growth: number): number {
  const k = Math.max(1, Math.round(growth / OVERFLOW_BATCH));
  return Math.abs(growth - k * OVERFLOW_BATCH);
}

/**
 * The P whose overflow explains global growth between two points, or -1. A ring at half or more at
 * either end is the signature; a sampled ring can read a little under 128 when its P ran a few Gs
 * after spilling, so growth within GOMAXPROCS of k×129 with a ring at a quarter or more also counts.
 */
export function overflowingP(prev: TimelinePoint, cur: TimelinePoint, growth: number): number {
  let p = -1;
  let best = -1;
  for (let i = 0; i < cur.runq.length; i++) {
    const m = Math.max(cur.runq[i]!, prev.runq[i] ?? 0);
    if (m > best) {
      best = m;
      p = i;
    }
  }
  if (best >= HALF) return p;
  if (best >= HALF / 2 && growth >= OVERFLOW_BATCH - 2 && offMultiple(growth) <= Math.max(2, cur.gomaxprocs)) return p;
  return -1;
}

export const localOverflow: Rule = {
  kind: 'local-overflow',
  severity: 'info',
  check({ prev, cur }) {
    if (prev === undefined || prev.gomaxprocs !== cur.gomaxprocs) return null;
    const growth = cur.runqueue - prev.runqueue;
    if (growth < OVERFLOW_BATCH - 2) return null;
    const p = overflowingP(prev, cur, growth);
    if (p < 0) return null;
    return {
      p,
      evidence: {
        globalBefore: prev.runqueue,
        globalAfter: cur.runqueue,
        growth,
        atLeastOverflows: Math.max(1, Math.round(growth / OVERFLOW_BATCH)),
        localBefore: prev.runq[p] ?? 0,
        localAfter: cur.runq[p] ?? 0,
      },
    };
  },
  explain({ p, evidence: e }) {
    const ring = Math.max(Number(e.localBefore), Number(e.localAfter));
    return {
      explanation: `The global queue grew by ${e.growth} while P${p}'s ring stood at ${ring}: P${p}'s 256-slot ring filled and runqputslow moved half of it plus the new goroutine (${OVERFLOW_BATCH}) to the global queue, about ${e.atLeastOverflows} time(s).`,
      suggestion:
        'One goroutine is spawning (or readying) goroutines faster than its P runs them; spawn from several goroutines, bound the fan-out with a worker pool, or accept it if the burst is short.',
    };
  },
};
