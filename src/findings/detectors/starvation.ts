import { sum, intervalMs, tickDeltas, type DetectorDef } from './detector.js';

/** findRunnable takes one G from the global queue when schedtick % 61 == 0 (proc.go). */
export const FAIRNESS_TICK = 61;
/** Worst-case time slice: sysmon preempts after forcePreemptNS (10 ms), seen up to ~20 ms (retake). */
const SLICE_MS = 20;
/** Estimated wait in the global queue above which goroutines count as starved. */
export const STARVATION_WAIT_MS = 1000;

/**
 * With every P busy and every ring non-empty, a P takes from the global queue only at the fairness
 * tick, one G per 61 schedticks. So the global queue drains at least Σ ticks/61 per interval; when
 * it shrinks no faster than that, the G at its tail waits about runqueue × 61 / (ticks per ms).
 */
export const starvation: DetectorDef = {
  kind: 'starvation',
  merge: true,
  create: () => {
    let since: number | null = null;
    return {
      check(ctx) {
        const { prev, cur } = ctx;
        const dt = intervalMs(ctx);
        const busy =
          prev !== undefined &&
          prev.gomaxprocs === cur.gomaxprocs &&
          cur.idleprocs === 0 &&
          prev.idleprocs === 0 &&
          cur.runqueue > 0 &&
          prev.runqueue > 0 &&
          cur.runq.length === cur.gomaxprocs &&
          !cur.runq.some((n) => n === 0) &&
          !prev.runq.some((n) => n === 0) &&
          dt !== null &&
          dt > 0;
        if (!busy || prev === undefined || dt === null) {
          since = null;
          return [];
        }
        since ??= prev.tMs;
        // Starvation is a sustained state: the episode must itself last as long as the wait it implies.
        if (since === null || cur.tMs === null || cur.tMs - since < STARVATION_WAIT_MS) return [];
        const ticks = tickDeltas(ctx);
        const slices = ticks !== undefined ? sum(ticks) : (cur.gomaxprocs * dt) / SLICE_MS;
        const guaranteed = slices / FAIRNESS_TICK;
        const drained = prev.runqueue - cur.runqueue;
        if (drained > guaranteed) {
          since = null;
          return [];
        }
        const waitMs = guaranteed > 0 ? (cur.runqueue * dt) / guaranteed : Infinity;
        if (waitMs < STARVATION_WAIT_MS) return [];
        return [
          {
            kind: 'starvation',
            severity: 'warning',
            evidence: {
              runqueue: cur.runqueue,
              netDrain: drained,
              fairnessTakes: Math.round(guaranteed * 10) / 10,
              estimatedWaitMs: Number.isFinite(waitMs) ? Math.round(waitMs) : -1,
              schedticksKnown: ticks !== undefined,
              busySinceMs: since,
            },
            explanation: `Every P was busy with a non-empty ring, so the ${cur.runqueue} goroutines in the global queue were served only by the 1-in-61 fairness pick (about ${guaranteed.toFixed(1)} in ${dt} ms) and the queue did not shrink faster than that: a goroutine at its tail waits about ${Number.isFinite(waitMs) ? `${Math.round(waitMs)} ms` : 'indefinitely'}.`,
            suggestion:
              'Goroutines preempted or Gosched-ed into the global queue wait behind local work. Reduce runnable goroutines per P (worker pool, fewer CPU-bound goroutines), or raise GOMAXPROCS if CPUs are available.',
          },
        ];
      },
    };
  },
};
