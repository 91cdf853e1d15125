import { type Check, sum, PROCS_CHANGED } from '../check.js';

/** procresize: the bracket list changes length; on shrink the destroyed Ps' queues go to the global head. */
export const gomaxprocsChange: Check<'gomaxprocs-change'> = {
  kind: 'gomaxprocs-change',
  basis: 'arithmetic',
  severity: 'info',
  mergeGap: { dumps: 0, ms: -1 },
  perP: false,
  quietUnless: { wakesOn: PROCS_CHANGED, settlesAfter: 0 },
  create: () => ({
    reset() {},
    step({ prev, cur }) {
      if (prev === undefined || prev.gomaxprocs === cur.gomaxprocs) return null;
      return {
        confidence: 'certain',
        confidenceReason: 'the number of Ps printed changed',
        evidence: {
          from: prev.gomaxprocs,
          to: cur.gomaxprocs,
          globalBefore: prev.runqueue,
          globalAfter: cur.runqueue,
          queuedOnRemovedPs: cur.gomaxprocs < prev.gomaxprocs ? sum(prev.runq.slice(cur.gomaxprocs)) : 0,
        },
      };
    },
  }),
  merge() {},
  explain(f) {
    const e = f.evidence;
    return {
      explanation:
        e.to < e.from
          ? `GOMAXPROCS fell from ${e.from} to ${e.to}: procresize destroyed ${e.from - e.to} P(s) and moved their queued goroutines (${e.queuedOnRemovedPs} seen just before) to the head of the global queue.`
          : `GOMAXPROCS rose from ${e.from} to ${e.to}: procresize added idle Ps with empty queues.`,
      suggestion:
        'Expected after runtime.GOMAXPROCS calls; since Go 1.25 the runtime also follows container CPU limits (GODEBUG=updatemaxprocs=0 disables it). Each change stops the world.',
    };
  },
};
