/**
 * How one dump's backlog looks, read the same way by saturation and imbalance so that one backlog
 * is one finding.
 */
import { type CheckContext, sum } from '../check.js';

/** Waiting goroutines per P at or above which the Ps count as oversubscribed. */
export const SATURATION_BACKLOG = 1;
/** A ring at least a quarter full (64 of 256), far above the others' mean (lopsidedRing). */
export const IMBALANCE_MIN = 64;

/**
 * Whether the dump shows saturation's backlog (saturation.ts): every P busy (idleprocs=0, read under
 * sched.lock) with at least one runnable goroutine waiting per P, or Ps idle beside the backlog while
 * an M spins (the CPUs ran out); null when neither, or when the dump is not comparable with the one
 * before (P count changed, the world stopping).
 */
export function saturatedDump(ctx: CheckContext): 'ps-busy' | 'cpu-starved' | null {
  const { prev, cur } = ctx;
  if (prev === undefined || prev.gomaxprocs !== cur.gomaxprocs || cur.gcwaiting === true) return null;
  const waiting = cur.runqueue + sum(cur.runq);
  if (cur.idleprocs === 0) return waiting >= SATURATION_BACKLOG * cur.gomaxprocs ? 'ps-busy' : null;
  const running = cur.gomaxprocs - cur.idleprocs;
  return running > 0 &&
    (cur.spinningthreads ?? 0) > 0 &&
    waiting >= cur.idleprocs &&
    waiting >= SATURATION_BACKLOG * running
    ? 'cpu-starved'
    : null;
}

/** The longest ring when it holds at least 64 and 4× the others' mean + 32; null otherwise. */
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
  const othersMean = (total - max) / (n - 1);
  return max >= IMBALANCE_MIN && max >= 4 * othersMean + 32 ? { p, max, othersMean } : null;
}
