/**
 * How one dump's backlog looks, read the same way by saturation, imbalance and the runner's dump
 * signals (dump-signals.ts) so that one backlog is one finding.
 */
import type { TimelinePoint } from '../../trace/timeline.js';
import { type CheckContext, sum } from '../check.js';

/** Waiting goroutines per P at or above which the Ps count as oversubscribed. */
export const SATURATION_BACKLOG = 1;
/** A ring at least a quarter full (64 of 256), far above the others' mean (lopsidedRing). */
export const IMBALANCE_MIN = 64;

/**
 * The backlog's kind from the dump's counts, `waiting` its runqueue plus rings: every P busy
 * (idleprocs=0, read under sched.lock) with at least one runnable goroutine waiting per P, or Ps
 * idle beside the backlog while an M spins (the CPUs ran out); null when neither.
 */
export function backlogKind(cur: TimelinePoint, waiting: number): 'ps-busy' | 'cpu-starved' | null {
  if (cur.idleprocs === 0) return waiting >= SATURATION_BACKLOG * cur.gomaxprocs ? 'ps-busy' : null;
  const running = cur.gomaxprocs - cur.idleprocs;
  return running > 0 &&
    (cur.spinningthreads ?? 0) > 0 &&
    waiting >= cur.idleprocs &&
    waiting >= SATURATION_BACKLOG * running
    ? 'cpu-starved'
    : null;
}

/**
 * Whether the dump shows saturation's backlog (saturation.ts, backlogKind); null also when the dump
 * is not comparable with the one before (P count changed, the world stopping). `waiting` may be
 * passed by a caller that summed the queues already.
 */
export function saturatedDump(
  ctx: CheckContext,
  waiting = ctx.cur.runqueue + sum(ctx.cur.runq),
): 'ps-busy' | 'cpu-starved' | null {
  const { prev, cur } = ctx;
  if (prev === undefined || prev.gomaxprocs !== cur.gomaxprocs || cur.gcwaiting === true) return null;
  return backlogKind(cur, waiting);
}

/** Whether the longest of n rings (`max`, the rings holding `queued` in all) holds at least 64 and 4× the others' mean + 32. */
export function isLopsided(max: number, queued: number, n: number): boolean {
  return n >= 2 && max >= IMBALANCE_MIN && max >= 4 * ((queued - max) / (n - 1)) + 32;
}

/** The longest ring when it is lopsided (isLopsided); null otherwise. */
export function lopsidedRing(runq: readonly number[]): { p: number; max: number; othersMean: number } | null {
  const n = runq.length;
  if (n < 2) return null;
  let p = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += runq[i]!;
    if (runq[i]! > runq[p]!) p = i;
  }
  const max = runq[p]!;
  return isLopsided(max, total, n) ? { p, max, othersMean: (total - max) / (n - 1) } : null;
}
