import { OVERFLOW_BATCH, overflowingP } from './local-overflow.js';
import type { Rule } from './rule.js';

/**
 * Global-queue growth that local overflow cannot explain comes from the paths that put Gs on the
 * global queue directly: Gosched and preemption (goschedImpl), syscall exits without a P
 * (exitsyscall0), sysmon's netpoll (injectglist without a P) and GOMAXPROCS shrinking (procresize).
 */
export const globalQueueGrowth: Rule = {
  kind: 'global-queue-growth',
  severity: 'info',
  peaks: ['globalAfter'],
  check({ prev, cur }) {
    if (prev === undefined || prev.gomaxprocs !== cur.gomaxprocs) return null;
    const growth = cur.runqueue - prev.runqueue;
    if (growth < Math.max(32, 4 * cur.gomaxprocs)) return null;
    if (overflowingP(prev, cur, growth) >= 0) return null;
    let maxLocal = 0;
    for (let i = 0; i < cur.runq.length; i++) maxLocal = Math.max(maxLocal, cur.runq[i]!, prev.runq[i] ?? 0);
    return { evidence: { globalBefore: prev.runqueue, globalAfter: cur.runqueue, growth, maxLocal } };
  },
  explain({ evidence: e }) {
    return {
      explanation: `The global queue grew by ${e.growth} (to ${e.globalAfter}, peaking at ${e.peakGlobalAfter}) while no local ring was near full, so overflow (batches of ${OVERFLOW_BATCH}) does not explain it: Gosched or preemption, syscall returns without a P, or netpoll injection put goroutines there.`,
      suggestion:
        'CPU-bound goroutines outnumbering Ps (preemption), tight Gosched loops or a wave of network readiness do this; compare with the number of busy goroutines and with GOMAXPROCS.',
    };
  },
};
