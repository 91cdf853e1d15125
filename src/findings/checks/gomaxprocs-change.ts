import { type Check, sum, PROCS_CHANGED } from '../check.js';

/** How many changes an episode's path names; more are counted (evidence.changes), not listed. */
export const GOMAXPROCS_PATH_CAP = 12;

/**
 * Changes this close together are one episode: GOMAXPROCS set again and again (a reload loop, a
 * library re-reading a CPU quota, since Go 1.25 the runtime following a CPU limit that moves) is one
 * story, not a list of stops of the world.
 */
const EPISODE_GAP_MS = 10_000;

/** procresize: the bracket list changes length; on shrink the destroyed Ps' queues go to the global head. */
export const gomaxprocsChange: Check<'gomaxprocs-change'> = {
  kind: 'gomaxprocs-change',
  basis: 'arithmetic',
  severity: 'info',
  mergeGap: { dumps: 1, ms: EPISODE_GAP_MS },
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
          changes: 1,
          falls: cur.gomaxprocs < prev.gomaxprocs ? 1 : 0,
          path: [prev.gomaxprocs, cur.gomaxprocs],
        },
      };
    },
  }),
  merge(episode, hit) {
    episode.to = hit.to;
    episode.globalAfter = hit.globalAfter;
    episode.queuedOnRemovedPs += hit.queuedOnRemovedPs;
    episode.changes += hit.changes;
    episode.falls += hit.falls;
    // The episode may hold the first hit's array: a new one, never a push into it.
    if (episode.path.length <= GOMAXPROCS_PATH_CAP) episode.path = [...episode.path, hit.to];
  },
  explain(f) {
    const e = f.evidence;
    const suggestion =
      'Expected after runtime.GOMAXPROCS calls; since Go 1.25 the runtime also follows a container CPU limit as it changes, in programs whose main module declares go 1.25 or later (GODEBUG=updatemaxprocs=0 turns it off). Each change stops the world.';
    if (e.changes > 1) {
      const more = e.changes + 1 > e.path.length ? ' → …' : '';
      const span = f.tMs !== null && f.tEndMs !== null ? ` in ${f.tEndMs - f.tMs} ms` : '';
      const falls =
        e.falls === 0
          ? ''
          : `, and ${e.falls === 1 ? 'the fall' : `the ${e.falls} falls`} moved the destroyed Ps' queued goroutines (${e.queuedOnRemovedPs} seen just before) to the head of the global queue`;
      return {
        explanation: `GOMAXPROCS changed at least ${e.changes} times${span} (${e.path.join(' → ')}${more}; a change and its reverse between two dumps show as none): procresize stopped the world each time${falls}.`,
        suggestion: `Something sets GOMAXPROCS again and again: look for runtime.GOMAXPROCS calls (a reload loop, a library that re-reads the CPU quota) or, since Go 1.25, a CPU limit that keeps changing (GODEBUG=updatemaxprocs=0 stops the runtime's updates). Each change stops the world.`,
      };
    }
    return {
      explanation:
        e.to < e.from
          ? `GOMAXPROCS fell from ${e.from} to ${e.to}: procresize destroyed ${e.from - e.to} P(s) and moved their queued goroutines (${e.queuedOnRemovedPs} seen just before) to the head of the global queue.`
          : `GOMAXPROCS rose from ${e.from} to ${e.to}: procresize added idle Ps with empty queues.`,
      suggestion,
    };
  },
};
