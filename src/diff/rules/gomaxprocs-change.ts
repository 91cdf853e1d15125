import { sum, type Rule } from './rule.js';

/** procresize: the bracket list changes length; on shrink the removed Ps' queues go to the global head. */
export const gomaxprocsChange: Rule = {
  kind: 'gomaxprocs-change',
  check({ prev, cur }) {
    if (prev === undefined || prev.gomaxprocs === cur.gomaxprocs) return [];
    const removedQueued = cur.gomaxprocs < prev.gomaxprocs ? sum(prev.runq.slice(cur.gomaxprocs)) : 0;
    return [
      {
        kind: 'gomaxprocs-change',
        severity: 'info',
        evidence: { from: prev.gomaxprocs, to: cur.gomaxprocs, globalBefore: prev.runqueue, globalAfter: cur.runqueue, queuedOnRemovedPs: removedQueued },
        explanation:
          cur.gomaxprocs < prev.gomaxprocs
            ? `GOMAXPROCS fell from ${prev.gomaxprocs} to ${cur.gomaxprocs}: procresize destroyed ${prev.gomaxprocs - cur.gomaxprocs} P(s) and moved their queued goroutines (${removedQueued} seen just before) to the head of the global queue.`
            : `GOMAXPROCS rose from ${prev.gomaxprocs} to ${cur.gomaxprocs}: procresize added idle Ps with empty queues.`,
        suggestion:
          'Expected after runtime.GOMAXPROCS calls; since Go 1.25 the runtime also follows container CPU limits (GODEBUG=updatemaxprocs=0 disables it).',
      },
    ];
  },
};
