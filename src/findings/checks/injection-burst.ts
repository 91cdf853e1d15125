import { FAIRNESS_TICK, OVERFLOW_BATCH, RUNQ_HALF } from '../../trace/runtime-constants.js';
import { type Check, sum, tickDeltas } from '../check.js';

/**
 * Goroutines reach the global queue by overflow (runqputslow: needs a full ring, 129 at a time), by
 * preemption or Gosched (goschedImpl: at most one per time slice, so one per schedtick), by a
 * dedicated mark worker's runqdrain during GC, by procresize when Ps are destroyed, by exitsyscall
 * (one per returning thread) and in bulk by injectglist when the network poller or timers ready
 * many goroutines with no P at hand (sysmon's netpoll, or a P's own poll beyond the idle Ps).
 * A jump none of the first four explains is such an injection.
 */
export const injectionBurst: Check<'injection-burst'> = {
  kind: 'injection-burst',
  basis: 'model',
  severity: 'info',
  mergeGap: { dumps: 1, ms: 0 },
  perP: false,
  create: () => ({
    step(ctx) {
      const { prev, cur } = ctx;
      if (prev === undefined || prev.gomaxprocs !== cur.gomaxprocs || cur.runq.length !== cur.gomaxprocs) return null;
      const n = cur.gomaxprocs;
      const growth = cur.runqueue - prev.runqueue;
      if (growth < Math.max(32, 4 * n)) return null;
      let maxLocal = 0;
      for (let i = 0; i < n; i++) maxLocal = Math.max(maxLocal, cur.runq[i]!, prev.runq[i] ?? 0);
      // A ring at half or more may have spilled (local-overflow decides); growth near k×129 too.
      if (maxLocal >= RUNQ_HALF) return null;
      // Growth the overflow arithmetic accepts (within GOMAXPROCS + 2 + fairness picks of k×129) is
      // left to local-overflow, which says when injection could explain it too.
      const ticks = tickDeltas(ctx);
      const picks = ticks === undefined ? 0 : Math.ceil(sum(ticks) / FAIRNESS_TICK);
      const k = Math.round(growth / OVERFLOW_BATCH);
      if (k >= 1 && Math.abs(growth - k * OVERFLOW_BATCH) <= n + 2 + picks) return null;
      if (cur.gc !== undefined) return null; // runqdrain during a GC cycle (gc-pressure counts it)
      const bound = ticks === undefined ? null : sum(ticks) + n;
      if (bound !== null ? growth <= bound : prev.idleprocs === 0) return null;
      return {
        confidence: bound !== null ? 'likely' : 'possible',
        confidenceReason:
          bound !== null
            ? `growth ${growth} exceeds the ${bound} time slices preemption could have sent there, and no ring was near full`
            : `no ring was near full and ${prev.idleprocs} P(s) were idle (busy Ps were not preempted into it); without schedticks preemption is not bounded exactly`,
        evidence: {
          gomaxprocs: n,
          globalBefore: prev.runqueue,
          globalAfter: cur.runqueue,
          growth,
          maxLocal,
          idleBefore: prev.idleprocs,
          preemptionBound: bound,
        },
        moved: growth,
        impact: growth / n,
      };
    },
  }),
  merge(e, h) {
    e.globalAfter = h.globalAfter;
    e.growth += h.growth;
    e.maxLocal = Math.max(e.maxLocal, h.maxLocal);
  },
  explain(f) {
    const e = f.evidence;
    return {
      explanation: `${e.growth} goroutines reached the global queue at once (${e.globalBefore} → ${e.globalAfter}) while no ring was near full, no GC cycle ran and ${e.preemptionBound !== null ? `the Ps started only ${e.preemptionBound - e.gomaxprocs} time slices` : `${e.idleBefore} P(s) were idle`}: neither overflow, runqdrain nor preemption explains them, so injectglist (the network poller or timers readying goroutines without a P) or syscall returns ${f.confidence === 'possible' ? 'possibly ' : ''}put them there.`,
      suggestion:
        'A wave of network readiness or expiring timers. If the wave costs latency, spread the timers (jitter) or bound concurrent connections; idle Ps pick the goroutines up within one period.',
    };
  },
};
