import { LOCAL_RUNQ_CAPACITY } from '../../trace/snapshot.js';
import { sum, tickDeltas, type DetectorDef } from './detector.js';

/**
 * Gs reach the global queue by overflow (runqputslow, needs a full ring), by preemption or Gosched
 * (goschedImpl: at most one per time slice, so at most one per schedtick), by exitsyscall0 (one per
 * returning thread) and in bulk by injectglist when sysmon's or the blocking netpoll, or a GC phase,
 * readies many Gs with no P at hand. A jump that the first two cannot explain is such an injection.
 */
export const injectionBurst: DetectorDef = {
  kind: 'injection-burst',
  merge: true,
  create: () => ({
    check(ctx) {
      const { prev, cur } = ctx;
      if (prev === undefined || prev.gomaxprocs !== cur.gomaxprocs) return [];
      const growth = cur.runqueue - prev.runqueue;
      if (growth < Math.max(32, 4 * cur.gomaxprocs)) return [];
      const spill = cur.runq.some((n, i) => Math.max(n, prev.runq[i] ?? 0) >= LOCAL_RUNQ_CAPACITY / 2);
      if (spill) return [];
      const ticks = tickDeltas(ctx);
      const preemptions = ticks === undefined ? null : sum(ticks) + cur.gomaxprocs;
      if (preemptions !== null ? growth <= preemptions : prev.idleprocs === 0) return [];
      return [
        {
          kind: 'injection-burst',
          severity: 'info',
          evidence: {
            globalBefore: prev.runqueue,
            globalAfter: cur.runqueue,
            growth,
            maxLocal: Math.max(0, ...cur.runq),
            idleBefore: prev.idleprocs,
            idleAfter: cur.idleprocs,
            ...(preemptions !== null ? { preemptionBound: preemptions } : {}),
          },
          explanation:
            preemptions !== null
              ? `${growth} goroutines reached the global queue while no ring was near full and the Ps started only ${preemptions - cur.gomaxprocs} time slices, so neither overflow nor preemption/Gosched explains them: injectglist (netpoll, timers or a GC phase readying Gs without a P) or syscall returns put them there.`
              : `${growth} goroutines reached the global queue while no ring was near full and ${prev.idleprocs} P(s) were idle (so busy Ps were not being preempted into it): injectglist (netpoll or timers readying Gs without a P) or syscall returns put them there.`,
          suggestion:
            'A wave of network readiness or expiring timers; if the wave causes latency, spread the timers (jitter) or bound concurrent connections. Idle Ps should pick the Gs up within one period.',
        },
      ];
    },
  }),
};
