import { LOCAL_RUNQ_CAPACITY } from '../../trace/snapshot.js';
import { sum, tickDeltas, type DetectorDef, type RuleHit } from './detector.js';

const HALF = LOCAL_RUNQ_CAPACITY / 2;
/** runqputslow (proc.go) moves the oldest half of a full ring plus the G being put: 129 per overflow. */
export const OVERFLOW_GS = HALF + 1;

/**
 * The exact arithmetic of runqputslow: between two snapshots the global queue grew by k×129, less the
 * few Gs the 1-in-61 fairness pick (findRunnable) took meanwhile; or it now holds exactly k×129 after
 * its earlier contents drained. The P whose ring spilled put k×128 Gs more than its count shows.
 */
export const overflowSignature: DetectorDef = {
  kind: 'overflow-signature',
  merge: false,
  create: () => ({
    check(ctx) {
      const { prev, cur } = ctx;
      if (prev === undefined || prev.gomaxprocs !== cur.gomaxprocs || cur.runq.length !== cur.gomaxprocs) return [];
      const growth = cur.runqueue - prev.runqueue;
      if (growth <= 0) return [];
      const ticks = tickDeltas(ctx);
      const tolerance = Math.max(2, ticks === undefined ? 0 : Math.ceil(sum(ticks) / 61));
      // Nearest whole number of overflows; the remainder is what other paths did meanwhile: the
      // fairness pick took a G or two (findRunnable), or a preempted G joined (goschedImpl).
      let k = Math.round(growth / OVERFLOW_GS);
      let drained = k * OVERFLOW_GS - growth;
      let exactTotal = false;
      if (Math.abs(drained) > tolerance) {
        if (cur.runqueue % OVERFLOW_GS !== 0) return [];
        // The queue holds whole batches only: what it held before drained first.
        k = cur.runqueue / OVERFLOW_GS;
        drained = prev.runqueue;
        exactTotal = true;
      }
      if (k < 1) return [];
      let p = 0;
      let peak = -1;
      cur.runq.forEach((n, i) => {
        const m = Math.max(n, prev.runq[i] ?? 0);
        if (m > peak) {
          peak = m;
          p = i;
        }
      });
      if (cur.gomaxprocs > 1 && peak < HALF / 2) return [];
      const before = prev.runq[p] ?? 0;
      const after = cur.runq[p] ?? 0;
      const hit: RuleHit = {
        kind: 'overflow-signature',
        severity: 'info',
        p,
        evidence: {
          globalBefore: prev.runqueue,
          globalAfter: cur.runqueue,
          growth,
          overflows: k,
          movedFromRing: k * HALF,
          otherPaths: -drained,
          localBefore: before,
          localAfter: after,
          ringPutsAtLeast: Math.max(0, after - before + k * HALF),
        },
        explanation: exactTotal
          ? `The global queue went from ${prev.runqueue} to ${cur.runqueue} = ${k}×129: its earlier contents drained and P${p}'s ring overflowed ${k} time(s), runqputslow moving 128 ring Gs plus the new G each time.`
          : `The global queue grew by ${growth} = ${k}×129${drained > 0 ? ` − ${drained} taken by the fairness pick` : drained < 0 ? ` + ${-drained} preempted` : ''}: P${p}'s 256-slot ring overflowed ${k} time(s), runqputslow moving its oldest 128 Gs plus the new G each time (${k * HALF} Gs left the ring, which went from ${before} to ${after}).`,
        suggestion:
          'One goroutine created or readied goroutines faster than its P could run them. Spawn from several goroutines or bound the fan-out with a worker pool; a short burst is harmless.',
      };
      return [hit];
    },
  }),
};
