import { LOCAL_RUNQ_CAPACITY } from '../../trace/snapshot.js';
import type { Rule } from './rule.js';

/** runtime.runqputslow moves the oldest half of a full ring (128) plus the new G to the global queue. */
export const OVERFLOW_BATCH = LOCAL_RUNQ_CAPACITY / 2 + 1;
const HALF = LOCAL_RUNQ_CAPACITY / 2;

export const localOverflow: Rule = {
  kind: 'local-overflow',
  severity: 'info',
  check({ prev, cur }) {
    if (prev === undefined || prev.gomaxprocs !== cur.gomaxprocs) return null;
    const growth = cur.runqueue - prev.runqueue;
    if (growth < OVERFLOW_BATCH) return null;
    let p = -1;
    let best = -1;
    for (let i = 0; i < cur.runq.length; i++) {
      const m = Math.max(cur.runq[i]!, prev.runq[i] ?? 0);
      if (m >= HALF && m > best) {
        best = m;
        p = i;
      }
    }
    if (p < 0) return null;
    return {
      p,
      evidence: {
        globalBefore: prev.runqueue,
        globalAfter: cur.runqueue,
        growth,
        atLeastOverflows: Math.floor(growth / OVERFLOW_BATCH),
        localBefore: prev.runq[p] ?? 0,
        localAfter: cur.runq[p] ?? 0,
      },
    };
  },
  explain({ p, evidence: e }) {
    const ring = Math.max(Number(e['localBefore']), Number(e['localAfter']));
    return {
      explanation: `The global queue grew by ${e['growth']} while P${p}'s ring stood at ${ring}: P${p}'s 256-slot ring filled and runqputslow moved half of it plus the new goroutine (${OVERFLOW_BATCH}) to the global queue, at least ${e['atLeastOverflows']} time(s).`,
      suggestion:
        'One goroutine is spawning (or readying) goroutines faster than its P runs them; spawn from several goroutines, bound the fan-out with a worker pool, or accept it if the burst is short.',
    };
  },
};
