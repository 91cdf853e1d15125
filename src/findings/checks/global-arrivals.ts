/**
 * Where a jump of the global run queue between two dumps can have come from, read the same way by
 * local-overflow and injection-burst so that one jump is one finding.
 *
 * Paths onto the global queue (runtime/proc.go, the same in Go 1.19 and 1.26):
 * - runqputslow: a full 256-slot ring moves its oldest 128 plus the G being put, 129 at a time;
 * - injectglist (netpoll from sysmon, findRunnable or start-the-world; timers ready with goready,
 *   onto the running P's ring, not here): with no P, the whole list (netpoll's: at most 128 events
 *   a call, each readying the reader and the writer parked on its descriptor, so a wave of
 *   descriptors with one waiter each arrives in steps of 128); with a P, one G per idle P, the rest
 *   onto its own ring and what does not fit to the global queue, any number (from Go 1.15, the
 *   leftover put there by runqputbatch, by injectglist itself from Go 1.25; up to 1.14 the whole
 *   list went to the global queue with a P too: injectglistSplits);
 * - goschedImpl (Gosched, sysmon's preemption after forcePreemptNS): the running G, at most one per
 *   schedtick; forced preemption at most one per running P per 10 ms;
 * - exitsyscall without a P: the returning G, one per thread at a time (a thread repeats it only
 *   after sysmon retook its P again, and the P's next M counts a schedtick);
 * - runqdrain (a preempted dedicated mark worker, GC only) and procresize (P count changes).
 * Between two dumps findRunnable also takes batches (globrunqget, up to 128 per dispatch), which
 * can hide the 129-steps; only ring evidence pins an overflow on a P.
 */
import { injectglistSplits, type RunFacts } from '../../trace/release-facts.js';
import type { TimelinePoint } from '../../trace/timeline.js';
import {
  FAIRNESS_TICK,
  FORCE_PREEMPT_MS,
  GLOBRUNQ_BATCH_MAX,
  LOCAL_RUNQ_CAPACITY,
  NETPOLL_BATCH,
  OVERFLOW_BATCH,
  RUNQ_HALF,
  SYSMON_NETPOLL_MS,
} from '../../trace/runtime-constants.js';
import { type CheckContext, intervalMs, sum, tickDeltas } from '../check.js';

/** The arithmetic of k overflows in one interval, and the ring that shows it (p = -1: none). */
export interface OverflowReading {
  growth: number;
  k: number;
  remainder: number;
  tolerance: number;
  /** The queue now holds whole batches only: what it held before was taken first. */
  drainedFirst: boolean;
  /** Whether the fit alone is evidence: the tolerance is narrow (chanceFit ≤ ARITHMETIC_CHANCE_MAX) and the jump is no whole netpoll batches. */
  tight: boolean;
  /** The jump fits j full netpoll batches (j×128) at least as well: injectglist without a P. */
  netpollBatches: number | null;
  /** The P whose ring shows the overflow, or -1 when no ring does. */
  p: number;
  /** That ring was near 256 before (certain); otherwise at about 128 after, or fell by k×128 (likely). */
  certain: boolean;
}

/**
 * The arithmetic alone counts as evidence of an unseen overflow only when a jump would land as close
 * to a multiple of 129 by chance at most this often ((2×|remainder|+1)/129, a remainder within 9).
 */
export const ARITHMETIC_CHANCE_MAX = 0.15;

/** How often a jump lands within |remainder| of some k×129 by chance. */
export function chanceFit(remainder: number): number {
  return Math.min(1, (2 * Math.abs(remainder) + 1) / OVERFLOW_BATCH);
}

/**
 * j when the jump lands at least as close to j×128 as to the k×129 it fits (remainder): j full
 * netpoll batches that injectglist put on the global queue without a P. k×128 and k×129 lie only
 * k apart, and a wave of readiness lands on j×128 by construction, not by chance: such a fit is no
 * evidence of an overflow.
 */
export function netpollFit(jump: number, remainder: number, allowance = 0): number | null {
  const j = Math.round(jump / NETPOLL_BATCH);
  return j >= 1 && Math.abs(jump - j * NETPOLL_BATCH) <= Math.max(Math.abs(remainder), allowance) ? j : null;
}

/**
 * A ring within this many of 256 counts as full (racy reads, a few Gs run since the spill), and
 * never a ring at most three quarters full: with many Ps the slack would otherwise reach down to
 * rings that are nowhere near a spill (at 124 Ps, to 0).
 */
function nearFull(gomaxprocs: number): number {
  return LOCAL_RUNQ_CAPACITY - Math.min(2 * gomaxprocs + 8, LOCAL_RUNQ_CAPACITY / 4);
}

/**
 * Whether a tolerance leaves the arithmetic any information: once it covers half a batch, every
 * growth lies within it of some k×129 (GOMAXPROCS of about 62 and more, or fewer Ps with thousands
 * of dispatches whose fairness picks add up).
 */
export function fitInformative(tolerance: number): boolean {
  return 2 * tolerance + 1 < OVERFLOW_BATCH;
}

/** Whether prev and cur are comparable dumps of one P count with every ring printed. */
export function comparable(prev: TimelinePoint | undefined, cur: TimelinePoint): prev is TimelinePoint {
  const n = cur.gomaxprocs;
  return prev !== undefined && prev.gomaxprocs === n && prev.runq.length === n && cur.runq.length === n;
}

/**
 * What may add to the global queue beside spills between two dumps: a Gosched or preemption per P,
 * and a stray one. Everything else that moves meanwhile takes from it (fairness picks, batches).
 */
export function addsBesideSpills(gomaxprocs: number): number {
  return gomaxprocs + 2;
}

/** The few Gs other paths move meanwhile: the 1-in-61 fairness picks and a Gosched or preemption per P. */
export function overflowTolerance(ctx: CheckContext): number {
  const ticks = tickDeltas(ctx);
  const picks = ticks === undefined ? 0 : Math.ceil(sum(ticks) / FAIRNESS_TICK);
  return addsBesideSpills(ctx.cur.gomaxprocs) + picks;
}

/**
 * Global growth within a tolerance of k×129 (the few Gs other paths moved meanwhile: the 1-in-61
 * fairness pick and a Gosched or preemption per P), with the ring evidence if any; null when the
 * arithmetic does not fit.
 */
export function readOverflow(ctx: CheckContext, netpollWavesSeen = false): OverflowReading | null {
  const { prev, cur } = ctx;
  if (!comparable(prev, cur)) return null;
  const n = cur.gomaxprocs;
  const growth = cur.runqueue - prev.runqueue;
  const adds = addsBesideSpills(n);
  if (growth < OVERFLOW_BATCH - adds) return null;
  const tolerance = overflowTolerance(ctx);
  if (!fitInformative(tolerance)) return ringOnlyReading(prev, cur, growth, tolerance);
  let k = Math.max(1, Math.round(growth / OVERFLOW_BATCH));
  let remainder = growth - k * OVERFLOW_BATCH;
  // Growth past k×129 by more than what adds beside spills was one spill more, the rest taken
  // meanwhile: when the picks alone allow it, that is the reading.
  if (remainder > adds && OVERFLOW_BATCH - remainder <= tolerance) {
    k++;
    remainder -= OVERFLOW_BATCH;
  }
  // Or the queue now holds whole batches only: what it held before was taken first (a
  // globrunqget batch when a ring ran dry), then k overflows refilled it. Needs ring evidence, and
  // a queue the Ps could have emptied: a batch (at most 128) lands in an empty ring, so a P takes
  // another only after dispatching the last, and what all Ps take is at most 128 each plus their
  // schedules (one batch each when the log prints no schedticks: the reading's own premise).
  // Otherwise a fit of the whole queue is chance: 200,000 queued fit k×129 within 6 one time in 10.
  let drainedFirst = false;
  const ticks = tickDeltas(ctx);
  const takeable = n * GLOBRUNQ_BATCH_MAX + (ticks === undefined ? 0 : sum(ticks));
  if (Math.abs(remainder) > tolerance && prev.runqueue <= takeable) {
    k = Math.round(cur.runqueue / OVERFLOW_BATCH);
    remainder = cur.runqueue - k * OVERFLOW_BATCH;
    if (k < 1 || Math.abs(remainder) > tolerance) return null;
    drainedFirst = true;
  } else if (Math.abs(remainder) > tolerance) return null;
  // Ring evidence: the P whose ring was near full before, else the one at about 128 after.
  let p = -1;
  let certain = false;
  const full = nearFull(n);
  for (let i = 0; i < n; i++) {
    if (prev.runq[i]! >= full && (p < 0 || prev.runq[i]! > prev.runq[p]!)) {
      p = i;
      certain = true;
    }
  }
  // Once the run has shown a wave of whole netpoll batches out of an idle program, a jump within the
  // tolerance of j×128 is as much the next wave, with the same few Gs beside it, as k overflows.
  const netpollBatches = netpollFit(drainedFirst ? cur.runqueue : growth, remainder, netpollWavesSeen ? tolerance : 0);
  const tight = netpollBatches === null && chanceFit(remainder) <= ARITHMETIC_CHANCE_MAX;
  if (p < 0) {
    // Right after a spill the ring holds exactly 128, or it fell by about k×128: both only an
    // overflow does. A ring that rose to about 128 or more is also what injectglist's runqputbatch
    // does (fills the poller's ring; at start-the-world it may spill the rest): evidence only beside
    // a tight fit, or past 128 beside a fit that whole netpoll batches do not match as well.
    for (let i = 0; i < n; i++) {
      const after = cur.runq[i]!;
      // A ring past 128 was filled by its own P (runqput, runqputbatch): a globrunqget batch or a
      // runqsteal lands only in an empty ring and leaves at most 127 there (one is run at once).
      const ownPuts = netpollBatches === null && after > RUNQ_HALF;
      const rose = (tight || ownPuts) && after >= RUNQ_HALF - tolerance - 8 && after > prev.runq[i]! + 1;
      // During GC a preempted dedicated mark worker drains a whole ring (runqdrain): a fall is no evidence then.
      const fell = cur.gc === undefined && prev.runq[i]! - after >= k * RUNQ_HALF - tolerance - 8;
      if ((rose || fell || after === RUNQ_HALF) && (p < 0 || after > cur.runq[p]!)) p = i;
    }
  }
  if (p < 0 && drainedFirst) return null;
  return {
    growth,
    k,
    remainder,
    tolerance,
    drainedFirst,
    p,
    certain,
    tight: netpollBatches === null && chanceFit(tolerance) <= ARITHMETIC_CHANCE_MAX,
    netpollBatches,
  };
}

/**
 * The reading when the arithmetic says nothing (fitInformative): only ring evidence points at a
 * spill while the global queue grew. A ring that was near full and fell by about half (runqputslow
 * leaves 128 of 256), or one that rose past 128 (only its own P's puts leave more than 128 there;
 * a globrunqget batch or a steal lands in an empty ring and leaves less). A thief's runqgrab also
 * takes half a ring, and injectglist's runqputbatch also fills a ring and spills the rest, so the
 * reading is never certain, and its k is only the growth over 129, rounded up.
 */
function ringOnlyReading(
  prev: TimelinePoint,
  cur: TimelinePoint,
  growth: number,
  tolerance: number,
): OverflowReading | null {
  if (growth <= 0) return null;
  const full = nearFull(cur.gomaxprocs);
  let p = -1;
  for (let i = 0; i < cur.runq.length; i++) {
    const before = prev.runq[i]!;
    if (before >= full && before - cur.runq[i]! >= RUNQ_HALF - 8 && (p < 0 || before > prev.runq[p]!)) p = i;
  }
  if (p < 0) {
    for (let i = 0; i < cur.runq.length; i++) {
      const after = cur.runq[i]!;
      if (after > RUNQ_HALF && after > prev.runq[i]! + 1 && (p < 0 || after > cur.runq[p]!)) p = i;
    }
  }
  if (p < 0) return null;
  const k = Math.ceil(growth / OVERFLOW_BATCH);
  return {
    growth,
    k,
    remainder: growth - k * OVERFLOW_BATCH,
    tolerance,
    drainedFirst: false,
    p,
    certain: false,
    tight: false,
    netpollBatches: null,
  };
}

/**
 * What the rings that were empty in the earlier dump hold now: the Gs Ps woken meanwhile took from
 * the global queue in globrunqget batches (findRunnable tries the global queue before stealing), or
 * stole, or put there themselves. Added to the global growth it bounds the arrivals from below
 * only: the Gs those Ps already ran are not seen.
 */
export function heldByWoken(prev: TimelinePoint, cur: TimelinePoint): number {
  let held = 0;
  for (let i = 0; i < cur.runq.length; i++) if (prev.runq[i] === 0) held += cur.runq[i]!;
  return held;
}

/**
 * The most goroutines the network poller can have put on the global queue between two dumps
 * (findRunnable, sysmon and pollWork in proc.go; the same in Go 1.19 and 1.26). Without a P, a
 * poll's whole list goes there, at most 128 with one goroutine waiting per descriptor (an event
 * readies a reader and a writer where both wait: up to 256, which this bound leaves out, as the
 * words say): sysmon polls only when nobody has for 10 ms, so at most
 * once per 10 ms; a blocking netpoll is made by one M at a time and only once the global queue is
 * empty (findRunnable takes from it first), so it adds one list to what the queue holds. Holding a
 * P, a poller polls only when the global queue is empty, and from Go 1.15 puts one goroutine per
 * idle P there and the rest on its own ring (injectglist): about GOMAXPROCS, twice for racing
 * pollers; up to Go 1.14 injectglist put its whole list there, up to 128 a poller as above. `run` says which
 * (injectglistSplits); where its layout does not tell, the larger. The other
 * injectglist callers ready a few goroutines (forcegc, the scavenger; from Go 1.25 the cleanup
 * queue's wake, up to GOMAXPROCS/4, one per idle P to the global queue) or belong to a GC cycle (assists,
 * sweep waiters: during the stop-the-world no P is idle, so the list goes to the caller's ring and
 * only past a full ring to the global queue). Infinite without dump times.
 */
export function netpollGlobalBound(ctx: CheckContext, run: Readonly<RunFacts> | undefined): number {
  const dt = intervalMs(ctx);
  if (dt === null) return Number.POSITIVE_INFINITY;
  // Printed times are truncated to the millisecond: the interval may be up to 1 ms longer.
  const sysmonPolls = Math.floor((dt + 1) / SYSMON_NETPOLL_MS) + 1;
  const perPoller = injectglistSplits(run) === true ? ctx.cur.gomaxprocs : Math.max(ctx.cur.gomaxprocs, NETPOLL_BATCH);
  return NETPOLL_BATCH * (sysmonPolls + 1) + 2 * perPoller;
}

/**
 * Global growth past what the network poller and a P's own paths (otherPathsBound) together can
 * have put there, outside a GC cycle the log shows: only a ring spilling (runqputslow, or a batch
 * put past a full ring) or a GC mark worker draining its ring (runqdrain, in a cycle whose gctrace
 * line is not in the log) puts more there. The excess, or null. `pollerExcluded`: the G lines show
 * no network waiting in the run (NetworkWaitSeen), so the poller readied nobody.
 */
export function readBeyondPoller(
  ctx: CheckContext,
  run: Readonly<RunFacts> | undefined,
  pollerExcluded = false,
): number | null {
  const { prev, cur } = ctx;
  if (!comparable(prev, cur) || cur.gc !== undefined) return null;
  const growth = cur.runqueue - prev.runqueue;
  // With no goroutine in IO wait to ready (NetworkWaitSeen), only injectglist's other callers are
  // left: forcegc and the scavenger one each, the cleanup queue's wake (Go 1.25) up to GOMAXPROCS/4.
  const injected = pollerExcluded ? cur.gomaxprocs : netpollGlobalBound(ctx, run);
  const excess = growth - injected - otherPathsBound(ctx, prev).timeBound;
  return excess > 0 ? excess : null;
}

/** A bulk arrival on the global queue that no P's own path explains. */
export interface BulkArrival {
  growth: number;
  maxLocal: number;
  /** Most Gs preemption, Gosched and syscall returns could have added, from schedticks; null without them. */
  tickBound: number | null;
  /** Most Gs forced preemption and syscall returns could have added in the interval's time. */
  timeBound: number;
}

/**
 * Global growth of at least max(32, 4×GOMAXPROCS) outside a GC cycle, with no ring at half or more
 * (a ring that may have spilled is local-overflow's), beyond what forced preemption (one per
 * running P per 10 ms) and syscall returns (one per thread not idle) could have sent there.
 */
export function readBulkArrival(ctx: CheckContext): BulkArrival | null {
  const { prev, cur } = ctx;
  if (!comparable(prev, cur)) return null;
  const n = cur.gomaxprocs;
  const growth = cur.runqueue - prev.runqueue;
  if (growth < Math.max(32, 4 * n)) return null;
  if (cur.gc !== undefined) return null; // runqdrain during a GC cycle (gc-pressure counts it)
  let maxLocal = 0;
  for (let i = 0; i < n; i++) maxLocal = Math.max(maxLocal, cur.runq[i]!, prev.runq[i]!);
  if (maxLocal >= RUNQ_HALF) return null;
  const { timeBound, tickBound } = otherPathsBound(ctx, prev);
  if (growth <= timeBound) return null;
  return { growth, maxLocal, tickBound, timeBound };
}

/**
 * The most Gs a P's own paths could have put on the global queue in the interval: forced
 * preemption (one per running P per 10 ms) and syscall returns (one per thread not idle); and,
 * from schedticks, preemption and Gosched at one per dispatch (null without schedticks). Gosched
 * only moves a running G there, and the P then runs one from its ring: without schedticks it is
 * bounded only when some P was idle before (no ring backlog to cycle through).
 */
export function otherPathsBound(
  ctx: CheckContext,
  prev: TimelinePoint,
): { timeBound: number; tickBound: number | null; forcedBound: number } {
  const { cur } = ctx;
  const n = cur.gomaxprocs;
  const dt = intervalMs(ctx);
  const running = n - Math.min(prev.idleprocs, cur.idleprocs);
  const syscallReturns = Math.max(0, Math.max(prev.threads, cur.threads) - Math.min(prev.idlethreads, cur.idlethreads));
  // Without times a dump is at least a period apart: allow one slice per running P.
  const timeBound = running * (Math.floor((dt ?? 0) / FORCE_PREEMPT_MS) + 1) + syscallReturns;
  const ticks = tickDeltas(ctx);
  const tickBound = ticks === undefined ? null : sum(ticks) + n + syscallReturns;
  // Without schedticks and with every P running before, Gosched loops could have moved any number
  // of the Gs the rings held there: nothing bounds them.
  // `forcedBound`: forced preemption and syscall returns alone, Gosched left out.
  if (tickBound === null && prev.idleprocs === 0)
    return { timeBound: Number.POSITIVE_INFINITY, tickBound, forcedBound: timeBound };
  return { timeBound, tickBound, forcedBound: timeBound };
}

/** A jump of exactly j×128 (and no k×129) on the global queue of a program whose every P was idle with nothing queued. */
function wholeBatchesFromIdle(prev: TimelinePoint, cur: TimelinePoint): boolean {
  const growth = cur.runqueue - prev.runqueue;
  if (growth < NETPOLL_BATCH || growth % NETPOLL_BATCH !== 0 || growth % OVERFLOW_BATCH === 0) return false;
  if (prev.idleprocs !== prev.gomaxprocs || prev.runqueue !== 0) return false;
  return prev.runq.every((x) => x === 0);
}

/** runqueue = k×129 beside one ring at exactly 128 and nothing else queued: k overflows of that ring, just done. */
export function readSingleDumpOverflow(runqueue: number, runq: readonly number[]): { p: number; k: number } | null {
  if (runqueue < OVERFLOW_BATCH || runqueue % OVERFLOW_BATCH !== 0) return null;
  let p = -1;
  for (let i = 0; i < runq.length; i++) {
    if (runq[i] === RUNQ_HALF) {
      if (p >= 0) return null;
      p = i;
    } else if (runq[i] !== 0) return null;
  }
  return p < 0 ? null : { p, k: runqueue / OVERFLOW_BATCH };
}

/**
 * Per run: whether some interval so far showed an overflow with ring evidence. A later jump without
 * ring evidence is then possibly the same program overflowing again (taken batches hide the
 * 129-steps); without it, only a tight fit makes the jump a possible overflow, and any other is a
 * bulk arrival (injection-burst). Both checks keep one.
 */
export class OverflowSeen {
  atMs: number | null = null;
  seen = false;
  /**
   * The run's global queue jumped by exactly j×128 while every P had been idle with nothing queued
   * and no ring showed a spill: whole netpoll batches (netpoll returns at most 128 events a call)
   * put there without a P, the shape of a wave of network readiness.
   */
  netpollWaves = false;

  reset(): void {
    this.atMs = null;
    this.seen = false;
    this.netpollWaves = false;
  }

  /** Reads the interval; returns the overflow reading for the caller. */
  update(ctx: CheckContext): OverflowReading | null {
    const { prev, cur } = ctx;
    if (!comparable(prev, cur)) {
      if (cur.runq.length === cur.gomaxprocs && readSingleDumpOverflow(cur.runqueue, cur.runq) !== null) this.mark(cur);
      return null;
    }
    const r = readOverflow(ctx, this.netpollWaves);
    if (r !== null && r.p >= 0) this.mark(cur);
    else if (wholeBatchesFromIdle(prev, cur)) this.netpollWaves = true;
    return r;
  }

  private mark(cur: TimelinePoint): void {
    if (this.seen) return;
    this.seen = true;
    this.atMs = cur.tMs;
  }
}
