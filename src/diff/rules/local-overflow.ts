import { LOCAL_RUNQ_CAPACITY } from '../../trace/snapshot.js';
import type { Rule, RuleHit } from './rule.js';

/** runtime.runqputslow moves the oldest half of a full ring (128) plus the new G to the global queue. */
export const OVERFLOW_BATCH = LOCAL_RUNQ_CAPACITY / 2 + 1;
const HALF = LOCAL_RUNQ_CAPACITY / 2;

export const localOverflow: Rule = {
  kind: 'local-overflow',
  check({ prev, cur }) {
    if (prev === undefined || prev.gomaxprocs !== cur.gomaxprocs) return [];
    const growth = cur.runqueue - prev.runqueue;
    if (growth < OVERFLOW_BATCH) return [];
    let p = -1;
    let best = -1;
    cur.runq.forEach((n, i) => {
      const m = Math.max(n, prev.runq[i] ?? 0);
      if (m >= HALF && m > best) {
        best = m;
        p = i;
      }
    });
    if (p < 0) return [];
    const hit: RuleHit = {
      kind: 'local-overflow',
      severity: 'info',
      p,
      evidence: {
        globalBefore: prev.runqueue,
        globalAfter: cur.runqueue,
        growth,
        atLeastOverflows: Math.floor(growth / OVERFLOW_BATCH),
        localBefore: prev.runq[p] ?? 0,
        localAfter: cur.runq[p] ?? 0,
      },
      explanation: `The global queue grew by ${growth} while P${p}'s ring stood at ${Math.max(prev.runq[p] ?? 0, cur.runq[p] ?? 0)}: P${p}'s 256-slot ring filled and runqputslow moved half of it plus the new goroutine (129) to the global queue, at least ${Math.floor(growth / OVERFLOW_BATCH)} time(s).`,
      suggestion:
        'One goroutine is spawning (or readying) goroutines faster than its P runs them; spawn from several goroutines, bound the fan-out with a worker pool, or accept it if the burst is short.',
    };
    return [hit];
  },
};
