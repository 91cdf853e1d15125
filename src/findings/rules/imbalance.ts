import type { Rule } from './rule.js';

/** One P's ring far longer than the others' while every P is busy: stealing takes ceil(half) per steal. */
export const imbalance: Rule = {
  kind: 'imbalance',
  severity: 'info',
  peaks: ['maxLocal'],
  check({ cur }) {
    const q = cur.runq;
    const n = q.length;
    if (n < 2) return null;
    let p = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      total += q[i]!;
      if (q[i]! > q[p]!) p = i;
    }
    const max = q[p]!;
    const othersMean = (total - max) / (n - 1);
    if (max < 32 || max < 4 * othersMean + 16) return null;
    return {
      p,
      evidence: { maxLocal: max, othersMean: Math.round(othersMean * 10) / 10, runq: q, idleprocs: cur.idleprocs },
    };
  },
  explain({ p, evidence: e }) {
    return {
      explanation: `P${p} held ${e.maxLocal} runnable goroutines (up to ${e.peakMaxLocal} over ${e.snapshots} snapshot(s)) while the other Ps averaged ${e.othersMean}: work is created on one P faster than stealing (ceil(half) of a victim's ring per steal) spreads it.`,
      suggestion:
        'Usually one goroutine spawning or waking many others; spread the producers, or ignore it if it clears within a few snapshots.',
    };
  },
};
