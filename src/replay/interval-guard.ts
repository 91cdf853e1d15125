import { FREEZE_STOP_WAIT } from '../trace/runtime-constants.js';
import { LOCAL_RUNQ_CAPACITY } from '../trace/snapshot.js';
import type { TimelinePoint } from '../trace/timeline.js';

/**
 * Intervals the model is not run over, because no running Go program prints them and simulating
 * them would cost time or memory out of all proportion (the model's time is linear in the gap and
 * it holds one object per runnable G):
 * - a gap above an hour between two dumps (sysmon prints every schedtrace period; a longer gap is a
 *   stopped process or a corrupt time, e.g. `SCHED 99999999999ms`);
 * - more Ps than the model takes (1024, the same bound as `simulate --gomaxprocs`);
 * - a local queue above the 256-slot ring (`runqput`, proc.go): a racy head/tail read, or the
 *   4294967295 of a wrapped uint32;
 * - a global queue above 10^6 Gs;
 * - more than 10^5 threads (the runtime dies at sched.maxmcount, 10000 unless SetMaxThreads raised it;
 *   the model holds one object per M, and a wrapped 4294967295 ran it out of memory).
 */
export const REPLAY_LIMITS = {
  maxGapMs: 3_600_000,
  maxPs: 1024,
  maxLocal: LOCAL_RUNQ_CAPACITY,
  maxGlobal: 1_000_000,
  maxThreads: 100_000,
} as const;

export interface SkippedInterval {
  /** Input lines of the two dumps that bound the interval. */
  fromLine: number;
  toLine: number;
  reason: string;
}

function pointProblem(p: TimelinePoint): string | undefined {
  if (p.gomaxprocs > REPLAY_LIMITS.maxPs)
    return `gomaxprocs=${p.gomaxprocs} is above the ${REPLAY_LIMITS.maxPs} Ps the model takes`;
  if (p.runqueue > REPLAY_LIMITS.maxGlobal) return `runqueue=${p.runqueue} is above ${REPLAY_LIMITS.maxGlobal}`;
  if (p.threads > REPLAY_LIMITS.maxThreads || p.idlethreads > REPLAY_LIMITS.maxThreads)
    return `threads=${p.threads} idlethreads=${p.idlethreads}: above ${REPLAY_LIMITS.maxThreads}`;
  for (let i = 0; i < p.runq.length; i++)
    if ((p.runq[i] as number) > REPLAY_LIMITS.maxLocal)
      return `P${i} queue ${p.runq[i]} is above the ${REPLAY_LIMITS.maxLocal}-slot ring`;
  return undefined;
}

/** Why the interval prev → cur is not replayed, or undefined when it is. */
export function unreplayable(prev: TimelinePoint, cur: TimelinePoint): SkippedInterval | undefined {
  const gap = prev.tMs !== null && cur.tMs !== null ? cur.tMs - prev.tMs : 0;
  const reason =
    gap > REPLAY_LIMITS.maxGapMs
      ? `a gap of ${gap} ms between two dumps (above an hour)`
      : (pointProblem(prev) ?? pointProblem(cur));
  return reason === undefined ? undefined : { fromLine: prev.line, toLine: cur.line, reason };
}

/**
 * Why the interval prev → cur is not replayed because the process was dying (undefined when it was
 * not): `frozen` says an earlier dump of the run was its crash dump. A panic or fatal error prints
 * the crash dump (startpanic_m: schedtrace(true)) and then calls freezetheworld, which sets
 * sched.stopwait to freezeStopWait and preempts every P for good; what the dumps after it show (the
 * traceback being printed, the Ps stopping) is no scheduling the model replays. The interval that
 * ends at the crash dump is replayed: up to the panic the scheduler ran as usual.
 */
export function dyingInterval(prev: TimelinePoint, cur: TimelinePoint, frozen: boolean): SkippedInterval | undefined {
  const reason =
    frozen || prev.crash === true
      ? 'after the crash dump: the world was frozen (freezetheworld) while the process died'
      : prev.stopwait === FREEZE_STOP_WAIT || cur.stopwait === FREEZE_STOP_WAIT
        ? `stopwait=${FREEZE_STOP_WAIT}: the world was frozen (freezetheworld) while the process died`
        : undefined;
  return reason === undefined ? undefined : { fromLine: prev.line, toLine: cur.line, reason };
}
