import { LOCAL_RUNQ_CAPACITY } from '../../trace/snapshot.js';
import { OVERFLOW_BATCH } from './local-overflow.js';
import type { Rule } from './rule.js';

/**
 * Global-queue growth that local overflow cannot explain comes from the paths that put Gs on the
 * global queue directly: Gosched and preemption (goschedImpl), syscall exits without a P
 * (exitsyscall0), sysmon's netpoll (injectglist without a P) and GOMAXPROCS shrinking (procresize).
 */
export const globalQueueGrowth: Rule = {
  kind: 'global-queue-growth',
  check({ prev, cur }) {
    if (prev === undefined || prev.gomaxprocs !== cur.gomaxprocs) return [];
    const growth = cur.runqueue - prev.runqueue;
    const threshold = Math.max(32, 4 * cur.gomaxprocs);
    if (growth < threshold) return [];
    // The most overflow can explain: each P that stood at half a ring or more may have spilled.
    let spillers = 0;
    cur.runq.forEach((n, i) => {
      if (Math.max(n, prev.runq[i] ?? 0) >= LOCAL_RUNQ_CAPACITY / 2) spillers++;
    });
    if (spillers > 0) return [];
    return [
      {
        kind: 'global-queue-growth',
        severity: 'info',
        evidence: { globalBefore: prev.runqueue, globalAfter: cur.runqueue, growth, maxLocal: Math.max(0, ...cur.runq) },
        explanation: `The global queue grew by ${growth} (to ${cur.runqueue}) while no local ring was near full, so overflow (batches of ${OVERFLOW_BATCH}) does not explain it: Gosched or preemption, syscall returns without a P, or netpoll injection put goroutines there.`,
        suggestion:
          'CPU-bound goroutines outnumbering Ps (preemption), tight Gosched loops or a wave of network readiness do this; compare with the number of busy goroutines and with GOMAXPROCS.',
      },
    ];
  },
};
