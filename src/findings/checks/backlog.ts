/**
 * How one dump's backlog looks, read the same way by saturation, imbalance and the runner's dump
 * signals (dump-signals.ts) so that one backlog is one finding.
 */
import { type BacklogKind, backlogOfPoint } from '../../trace/backlog.js';
import { mayBeStopped } from '../../trace/stopped-world.js';
import { type CheckContext, sum } from '../check.js';

/** A ring at least a quarter full (64 of 256), far above the others' mean (lopsidedRing). */
export const IMBALANCE_MIN = 64;

/**
 * Whether the dump shows saturation's backlog (saturation.ts, trace/backlog.ts backlogOfPoint); null also when the dump
 * is not comparable with the one before (P count changed) or inside a stop-the-world (gcwaiting, or
 * the counts of trace/stopped-world.ts): every goroutine its Ps ran waits, backlog or not, for the
 * world to start again, on the global queue (goschedImpl; from Go 1.26 in its P's runnext). `waiting` may be
 * passed by a caller that summed the queues already.
 */
export function saturatedDump(ctx: CheckContext, waiting = ctx.cur.runqueue + sum(ctx.cur.runq)): BacklogKind | null {
  const { prev, cur } = ctx;
  if (prev === undefined || prev.gomaxprocs !== cur.gomaxprocs || mayBeStopped(cur)) return null;
  return backlogOfPoint(cur, waiting);
}

/** Whether the longest of n rings (`max`, the rings holding `queued` in all) holds at least 64 and 4× the others' mean + 32. */
export function isLopsided(max: number, queued: number, n: number): boolean {
  return n >= 2 && max >= IMBALANCE_MIN && max >= 4 * ((queued - max) / (n - 1)) + 32;
}

/** The longest ring when it is lopsided (isLopsided); null otherwise. */
export function lopsidedRing(runq: readonly number[]): LopsidedRing | null {
  return lopsidedRingIn(runq, 0, runq.length);
}

export interface LopsidedRing {
  p: number;
  max: number;
  othersMean: number;
}

/** lopsidedRing of the n rings q[from, from + n) (a batch's flat rings, or a point's). */
export function lopsidedRingIn(q: ArrayLike<number>, from: number, n: number): LopsidedRing | null {
  if (n < 2) return null;
  let p = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += q[from + i]!;
    if (q[from + i]! > q[from + p]!) p = i;
  }
  const max = q[from + p]!;
  return isLopsided(max, total, n) ? { p, max, othersMean: (total - max) / (n - 1) } : null;
}
