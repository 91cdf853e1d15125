import { sum, type Rule } from './rule.js';

/** procresize: the bracket list changes length; on shrink the removed Ps' queues go to the global head. */
export const gomaxprocsChange: Rule = {
  kind: 'gomaxprocs-change',
  severity: 'info',
  check({ prev, cur }) {
    if (prev === undefined || prev.gomaxprocs === cur.gomaxprocs) return null;
    const removedQueued = cur.gomaxprocs < prev.gomaxprocs ? sum(prev.runq.slice(cur.gomaxprocs)) : 0;
    return {
      evidence: {
        from: prev.gomaxprocs,
        to: cur.gomaxprocs,
        globalBefore: prev.runqueue,
        globalAfter: cur.runqueue,
        queuedOnRemovedPs: removedQueued,
      },
    };
  },
  explain({ evidence: e }) {
    const from = Number(e.from);
    const to = Number(e.to);
    return {
      explanation:
        to < from
          ? `GOMAXPROCS fell from ${from} to ${to}: procresize destroyed ${from - to} P(s) and moved their queued goroutines (${e.queuedOnRemovedPs} seen just before) to the head of the global queue.`
          : `GOMAXPROCS rose from ${from} to ${to}: procresize added idle Ps with empty queues.`,
      suggestion:
        'Expected after runtime.GOMAXPROCS calls; since Go 1.25 the runtime also follows container CPU limits (GODEBUG=updatemaxprocs=0 disables it).',
    };
  },
};
