/**
 * How one dump's backlog looks, read the same way by saturation, imbalance and the runner's dump
 * signals (dump-signals.ts) so that one backlog is one finding.
 */
import { GC_BACKGROUND_RUNNABLE } from '../../trace/runtime-constants.js';
import type { TimelinePoint } from '../../trace/timeline.js';
import { type CheckContext, sum } from '../check.js';

/** Waiting goroutines per P at or above which the Ps count as oversubscribed. */
export const SATURATION_BACKLOG = 1;
/** A ring at least a quarter full (64 of 256), far above the others' mean (lopsidedRing). */
export const IMBALANCE_MIN = 64;

/**
 * The backlog's kind from the dump's counts, `waiting` its runqueue plus rings: every P busy
 * (idleprocs=0, read under sched.lock) with at least one runnable goroutine waiting per P, or Ps
 * idle beside the backlog while an M spins (the CPUs ran out); null when neither. For the second,
 * however many Ps are idle: a spinning M that runs steals within microseconds (stealWork), so one
 * spinning beside stealable work is waiting for a CPU whether or not the work could fill every idle P.
 */
export function backlogKind(cur: TimelinePoint, waiting: number): BacklogKind | null {
  return backlogOf(cur.gomaxprocs, cur.idleprocs, cur.spinningthreads ?? 0, waiting, cur.gc !== undefined);
}

export type BacklogKind = 'ps-busy' | 'cpu-starved';

/**
 * backlogKind of the counts themselves (`spinning` 0 when not printed). `gcEnded`: GC cycles ended in
 * the interval before the dump (its gctrace lines), so the sweeper and the scavenger may be among the
 * waiting (GC_BACKGROUND_RUNNABLE) without any goroutine of the program waiting: only the rest count.
 * At one P they alone made a one-P allocator under 650-690 cycles a second read as saturation (the
 * labelled p1 split).
 */
export function backlogOf(
  gomaxprocs: number,
  idleprocs: number,
  spinning: number,
  waiting: number,
  gcEnded: boolean,
): BacklogKind | null {
  const program = gcEnded ? Math.max(0, waiting - GC_BACKGROUND_RUNNABLE) : waiting;
  if (idleprocs === 0) return program >= SATURATION_BACKLOG * gomaxprocs ? 'ps-busy' : null;
  const running = gomaxprocs - idleprocs;
  return running > 0 && spinning > 0 && program >= SATURATION_BACKLOG * running ? 'cpu-starved' : null;
}

/**
 * Whether the dump shows saturation's backlog (saturation.ts, backlogKind); null also when the dump
 * is not comparable with the one before (P count changed, the world stopping). `waiting` may be
 * passed by a caller that summed the queues already.
 */
export function saturatedDump(ctx: CheckContext, waiting = ctx.cur.runqueue + sum(ctx.cur.runq)): BacklogKind | null {
  const { prev, cur } = ctx;
  if (prev === undefined || prev.gomaxprocs !== cur.gomaxprocs || cur.gcwaiting === true) return null;
  return backlogKind(cur, waiting);
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
