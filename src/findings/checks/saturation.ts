import { FORCE_PREEMPT_MS } from '../../trace/runtime-constants.js';
import { type Check, fmtMs, intervalMs, round1, round3, sum, tickDeltas } from '../check.js';

/** Dumps, and milliseconds, a backlog must last to be saturation rather than a burst. */
export const SATURATION_DUMPS = 4;
export const SATURATION_MS = 500;
/** Waiting goroutines per P at or above which the Ps count as oversubscribed. */
export const SATURATION_BACKLOG = 1;

/**
 * Saturation: idleprocs=0 (exact: read under sched.lock) and at least one runnable goroutine
 * waiting per P, dump after dump. Every P runs a goroutine; each waiting one runs only when a
 * running one blocks or is preempted (sysmon retake → preemptone after forcePreemptNS), so it
 * queues for about backlog-per-P time slices. The slice is measured from schedtick deltas
 * (execute counts one per dispatch) when the log prints them.
 */
export const saturation: Check<'saturation'> = {
  kind: 'saturation',
  basis: 'threshold',
  severity: 'warning',
  mergeGap: { dumps: 1, ms: 0 },
  perP: false,
  create() {
    let streak = 0;
    let sinceT: number | null = null;
    let sinceLine = 0;
    return {
      step(ctx) {
        const { prev, cur } = ctx;
        const waiting = cur.runqueue + sum(cur.runq);
        const backlog = cur.gomaxprocs > 0 ? waiting / cur.gomaxprocs : 0;
        const busy =
          prev !== undefined &&
          prev.gomaxprocs === cur.gomaxprocs &&
          cur.idleprocs === 0 &&
          cur.gcwaiting !== true &&
          backlog >= SATURATION_BACKLOG;
        if (!busy) {
          streak = 0;
          return null;
        }
        if (streak === 0) {
          sinceT = cur.tMs;
          sinceLine = cur.line;
        }
        streak++;
        const span = sinceT !== null && cur.tMs !== null ? cur.tMs - sinceT : null;
        if (streak < SATURATION_DUMPS || (span !== null && span < SATURATION_MS)) return null;
        const dt = intervalMs(ctx);
        const ticks = tickDeltas(ctx);
        const dispatched = ticks !== undefined ? sum(ticks) : 0;
        const sliceMs = dt !== null && dt > 0 && dispatched > 0 ? (dt * cur.gomaxprocs) / dispatched : null;
        const queueingMs = backlog * (sliceMs ?? FORCE_PREEMPT_MS);
        const first = streak === SATURATION_DUMPS || (span !== null && span - (dt ?? 0) < SATURATION_MS);
        return {
          confidence: streak >= 10 ? 'certain' : 'likely',
          confidenceReason:
            streak >= 10
              ? `no idle P and a backlog in ${streak} consecutive dumps`
              : `no idle P and a backlog in ${streak} consecutive dumps; between dumps it is not seen`,
          evidence: {
            gomaxprocs: cur.gomaxprocs,
            waitingMean: waiting,
            waitingPeak: waiting,
            backlogPerP: round1(backlog),
            backlogPerPPeak: round1(backlog),
            sliceMs: sliceMs === null ? null : round3(sliceMs),
            dispatches: sliceMs === null ? 0 : dispatched,
            dispatchMs: sliceMs === null ? 0 : (dt ?? 0),
            queueingMs: round3(queueingMs),
            globalPeak: cur.runqueue,
            dumps: first ? streak : 1,
          },
          // Backlog per P over the interval (the whole streak at first), scaled by how long a slice
          // is: a backlog of goroutines that run for microseconds costs little latency.
          impact:
            backlog *
            (first && span !== null ? span : (dt ?? 0)) *
            Math.min(1, (sliceMs ?? FORCE_PREEMPT_MS) / FORCE_PREEMPT_MS),
          ...(first ? { since: { tMs: sinceT, line: sinceLine }, dumps: streak } : {}),
        };
      },
    };
  },
  merge(e, h) {
    const n = e.dumps + h.dumps;
    e.waitingMean = round1((e.waitingMean * e.dumps + h.waitingMean * h.dumps) / n);
    e.waitingPeak = Math.max(e.waitingPeak, h.waitingPeak);
    e.backlogPerP = round1(e.waitingMean / e.gomaxprocs);
    e.backlogPerPPeak = Math.max(e.backlogPerPPeak, h.backlogPerPPeak);
    if (h.dispatches > 0) {
      e.dispatches += h.dispatches;
      e.dispatchMs += h.dispatchMs;
      e.sliceMs = round3((e.dispatchMs * e.gomaxprocs) / e.dispatches);
    }
    e.queueingMs = round3(e.backlogPerP * (e.sliceMs ?? FORCE_PREEMPT_MS));
    e.globalPeak = Math.max(e.globalPeak, h.globalPeak);
    e.dumps = n;
  },
  explain(f) {
    const e = f.evidence;
    const slice =
      e.sliceMs !== null
        ? `at the observed ${fmtMs(e.sliceMs)} per time slice (schedtick deltas)`
        : `at up to ${FORCE_PREEMPT_MS} ms per time slice (sysmon preempts after forcePreemptNS; this log prints no schedticks)`;
    return {
      explanation: `CPU saturation: no P was idle in ${e.dumps} consecutive dumps while on average ${e.waitingMean} runnable goroutines waited (${e.backlogPerP} per P, peak ${e.backlogPerPPeak}; global queue up to ${e.globalPeak}). Every P was running a goroutine, so nothing could steal; a runnable goroutine waited about ${fmtMs(e.queueingMs)} before it ran, ${slice}.`,
      suggestion:
        'More goroutines want CPU than GOMAXPROCS Ps can run. Add CPU (raise the CPU limit and GOMAXPROCS together), do less work per request, or bound concurrency (worker pool) so latency does not grow with the backlog.',
    };
  },
};
