import type { Rule } from './rule.js';

/** One P's ring far longer than the others' while every P is busy: stealing takes ceil(half) per steal. */
export const imbalance: Rule = {
  kind: 'imbalance',
  check({ cur }) {
    const n = cur.runq.length;
    if (n < 2) return [];
    let p = 0;
    for (let i = 1; i < n; i++) if ((cur.runq[i] ?? 0) > (cur.runq[p] ?? 0)) p = i;
    const max = cur.runq[p] ?? 0;
    const othersMean = (cur.runq.reduce((a, b) => a + b, 0) - max) / (n - 1);
    if (max < 32 || max < 4 * othersMean + 16) return [];
    return [
      {
        kind: 'imbalance',
        severity: 'info',
        p,
        evidence: { maxLocal: max, othersMean: Math.round(othersMean * 10) / 10, runq: cur.runq, idleprocs: cur.idleprocs },
        explanation: `P${p} held ${max} runnable goroutines while the other Ps averaged ${othersMean.toFixed(1)}: work is created on one P faster than stealing (ceil(half) of a victim's ring per steal) spreads it.`,
        suggestion: 'Usually one goroutine spawning or waking many others; spread the producers, or ignore it if it clears within a few snapshots.',
      },
    ];
  },
};
