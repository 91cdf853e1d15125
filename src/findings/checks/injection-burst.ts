import type { Check } from '../check.js';
import { OverflowSeen, readBulkArrival } from './global-arrivals.js';

/**
 * A bulk arrival on the global queue that no P's own path explains: injectglist, when the network
 * poller or timers ready many goroutines at once. In Go 1.19 and 1.26 alike (injectglist in
 * proc.go), a poller with no P (sysmon's netpoll every 10 ms when nobody polled, findRunnable's
 * blocking netpoll when no P is free) puts the whole list on the global queue; one holding a P puts
 * one goroutine per idle P there and the rest on its own ring (runqputbatch), spilling what does
 * not fit. So a wave shows on the global queue, or only on the rings (then nothing here sees it).
 *
 * The other paths (global-arrivals.ts) are bounded: forced preemption and syscall returns by the
 * interval's time and threads, Gosched by schedticks, runqdrain by a GC cycle, overflow by ring
 * evidence. Growth past the time bound is `possible` (a Gosched storm is bounded only by
 * schedticks), past the schedtick bound too `likely`. Growth that fits k×129 within a loose
 * tolerance with no ring seen full is reported here, `possible` (such a fit happens by chance),
 * unless the run showed an overflow with ring evidence before; a tight fit is local-overflow's.
 */
export const injectionBurst: Check<'injection-burst'> = {
  kind: 'injection-burst',
  basis: 'model',
  severity: 'info',
  mergeGap: { dumps: 1, ms: 0 },
  perP: false,
  create: () => {
    const seen = new OverflowSeen();
    return {
      step(ctx) {
        const { prev, cur } = ctx;
        const r = seen.update(ctx);
        // A run that overflowed with ring evidence, ring evidence now, or a tight fit: local-overflow's.
        if (prev === undefined || seen.seen || (r !== null && (r.p >= 0 || r.tight))) return null;
        const b = readBulkArrival(ctx);
        if (b === null) return null;
        const n = cur.gomaxprocs;
        const pastTicks = b.tickBound !== null && b.growth > b.tickBound;
        const confidence = pastTicks && r === null ? 'likely' : 'possible';
        const fits =
          r !== null
            ? `; ${r.k}×129${r.remainder === 0 ? '' : r.remainder > 0 ? ` + ${r.remainder}` : ` − ${-r.remainder}`} would fit an overflow, but no ring was seen near 256 or at 128`
            : '';
        return {
          confidence,
          confidenceReason: `growth ${b.growth} exceeds the ${b.timeBound} forced preemption and syscall returns could have sent there${
            b.tickBound === null
              ? ' (no schedticks: Gosched is not bounded)'
              : pastTicks
                ? ` and the ${b.tickBound} time slices the Ps started`
                : `, but not the ${b.tickBound} time slices the Ps started (a Gosched per slice)`
          }${fits}`,
          evidence: {
            gomaxprocs: n,
            globalBefore: prev.runqueue,
            globalAfter: cur.runqueue,
            growth: b.growth,
            maxLocal: b.maxLocal,
            idleBefore: prev.idleprocs,
            preemptionBound: b.tickBound,
            timeBound: b.timeBound,
            fitsOverflow: r !== null,
          },
          moved: b.growth,
          impact: b.growth / n,
        };
      },
    };
  },
  merge(e, h) {
    e.globalAfter = h.globalAfter;
    e.growth += h.growth;
    e.maxLocal = Math.max(e.maxLocal, h.maxLocal);
    e.timeBound = Math.max(e.timeBound, h.timeBound);
    e.fitsOverflow ||= h.fitsOverflow;
  },
  explain(f) {
    const e = f.evidence;
    const bounds =
      e.preemptionBound === null
        ? `forced preemption and syscall returns could add at most ${e.timeBound} (this log prints no schedticks, so a Gosched loop is not excluded)`
        : e.growth > e.preemptionBound
          ? `forced preemption and syscall returns could add at most ${e.timeBound}, and a Gosched per time slice the Ps started at most ${e.preemptionBound}`
          : `forced preemption and syscall returns could add at most ${e.timeBound}, but a Gosched per time slice the Ps started could add ${e.preemptionBound}, so a Gosched loop is not excluded`;
    const why =
      f.confidence === 'likely'
        ? 'so injectglist (the network poller or timers readying goroutines at once) probably put them there'
        : `injectglist (the network poller or timers readying goroutines at once) possibly put them there${e.fitsOverflow ? '; the growth also fits whole overflows of 129, so a ring that filled and drained between the dumps is not excluded' : ''}`;
    return {
      explanation: `${e.growth} goroutines reached the global queue at once (${e.globalBefore} → ${e.globalAfter}) while no ring was half full and no GC cycle ended; ${bounds}; ${why}. A poller without a P (sysmon, a blocking netpoll) puts the whole wave there; one with a P puts one goroutine per idle P there and the rest on its own ring.`,
      suggestion:
        'A wave of network readiness or expiring timers. If the wave costs latency, spread the timers (jitter) or bound concurrent connections; idle Ps pick the goroutines up within one period.',
    };
  },
};
