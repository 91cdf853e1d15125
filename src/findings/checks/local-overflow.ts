import { FAIRNESS_TICK, LOCAL_RUNQ_CAPACITY, OVERFLOW_BATCH, RUNQ_HALF } from '../../trace/runtime-constants.js';
import { type Check, hedgeCap, sum, tickDeltas } from '../check.js';
import type { LocalOverflowEvidence } from '../evidence.js';

/** A ring within this many of 256 counts as full (racy reads, a few Gs run since the spill). */
function nearFull(gomaxprocs: number): number {
  return LOCAL_RUNQ_CAPACITY - 2 * gomaxprocs - 8;
}

/**
 * Overflow of a P's local ring (runqput → runqputslow): when the 256-slot ring is full, the oldest
 * 128 Gs plus the G being put (129) go to the global queue in one batch, and the ring keeps 128.
 *
 * Global growth within a tolerance of k×129 is the arithmetic; the tolerance is the few Gs other
 * paths moved meanwhile (the 1-in-61 fairness pick and a Gosched or preemption per P). Blame needs
 * ring evidence: a ring near 256 before (certain); or (likely) a ring that rose to about 128 or more,
 * sits at exactly 128 (the single-dump signature runqueue=129 beside a ring at 128), or fell by
 * about k×128. Without either, global
 * growth of k×129 is at most a possible overflow of some P, never pinned on one, and not reported
 * at all when another path explains it: a GC cycle in the interval (a dedicated mark worker's
 * runqdrain), or growth no larger than the time slices preemption could have sent there.
 * A globrunqget batch (at most 128) moves Gs from the global queue into a ring, never the other way,
 * so a ring that grew while the global queue shrank is no overflow.
 */
export const localOverflow: Check<'local-overflow'> = {
  kind: 'local-overflow',
  basis: 'arithmetic',
  severity: 'info',
  mergeGap: { dumps: 3, ms: 250 },
  perP: false,
  create: () => ({
    step(ctx) {
      const { prev, cur } = ctx;
      const n = cur.gomaxprocs;
      if (cur.runq.length !== n) return null;
      if (prev === undefined || prev.gomaxprocs !== n || prev.runq.length !== n) {
        // The first dump of a run: only the single-dump signature can show an overflow.
        return singleDump(cur.runqueue, cur.runq, n);
      }
      const growth = cur.runqueue - prev.runqueue;
      if (growth < OVERFLOW_BATCH - n - 2) return null;
      const ticks = tickDeltas(ctx);
      const picks = ticks === undefined ? 0 : Math.ceil(sum(ticks) / FAIRNESS_TICK);
      const tolerance = n + 2 + picks;
      let k = Math.max(1, Math.round(growth / OVERFLOW_BATCH));
      let remainder = growth - k * OVERFLOW_BATCH;
      // Or the queue now holds whole batches only: what it held before was taken first (a
      // globrunqget batch when a ring ran dry), then k overflows refilled it. Needs ring evidence.
      let drainedFirst = false;
      if (Math.abs(remainder) > tolerance) {
        k = Math.round(cur.runqueue / OVERFLOW_BATCH);
        remainder = cur.runqueue - k * OVERFLOW_BATCH;
        if (k < 1 || Math.abs(remainder) > tolerance) return null;
        drainedFirst = true;
      }
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
      if (p < 0) {
        // Right after a spill the ring holds 128 and its producer may keep filling it: a ring at
        // 128 or more now that was lower before. A ring that stayed put shows nothing new.
        // Or exactly 128 now (the single-dump signature), or a ring that fell by about k×128.
        for (let i = 0; i < n; i++) {
          const after = cur.runq[i]!;
          const rose = after >= RUNQ_HALF - tolerance - 8 && after > prev.runq[i]! + 1;
          // During GC a preempted dedicated mark worker drains a whole ring (runqdrain): a fall is no evidence then.
          const fell = cur.gc === undefined && prev.runq[i]! - after >= k * RUNQ_HALF - tolerance - 8;
          if ((rose || fell || after === RUNQ_HALF) && (p < 0 || after > cur.runq[p]!)) p = i;
        }
      }
      if (p < 0 && drainedFirst) return null;
      if (p < 0) {
        // No ring evidence. Other paths put Gs on the global queue directly.
        if (cur.gc !== undefined) return null; // runqdrain by a preempted dedicated mark worker
        if (ticks !== undefined && growth <= sum(ticks) + n) return null; // preemption/Gosched, one per slice
        if (ticks === undefined && prev.idleprocs === 0) return null;
      }
      const confidence = certain ? 'certain' : p >= 0 ? 'likely' : 'possible';
      return {
        ...(p >= 0 ? { p } : {}),
        confidence,
        confidenceReason: certain
          ? `global ${drainedFirst ? `queue now ${cur.runqueue}` : `growth ${growth}`} = ${k}×129${fmt(remainder)} with P${p}'s ring near 256 before`
          : p >= 0
            ? `global ${drainedFirst ? `queue now ${cur.runqueue}` : `growth ${growth}`} = ${k}×129${fmt(remainder)} and P${p}'s ring at about 128 after; consistent with overflow, but the ring was not seen full`
            : `global growth ${growth} = ${k}×129${fmt(remainder)}, but no ring was seen near 256 or at 128: some P may have overflowed between the dumps, or injectglist put them there`,
        evidence: {
          gomaxprocs: n,
          globalBefore: prev.runqueue,
          globalAfter: cur.runqueue,
          growth,
          overflows: k,
          remainder,
          tolerance,
          ringBefore: p >= 0 ? prev.runq[p]! : null,
          ringAfter: p >= 0 ? cur.runq[p]! : null,
          singleDump: false,
          drainedFirst,
        },
        moved: k * OVERFLOW_BATCH,
        impact: (k * OVERFLOW_BATCH) / n,
      };
    },
  }),
  merge(e, h) {
    e.globalAfter = h.globalAfter;
    e.growth += h.growth;
    e.overflows += h.overflows;
    e.remainder += h.remainder;
    e.tolerance = Math.max(e.tolerance, h.tolerance);
    e.drainedFirst ||= h.drainedFirst;
    if (h.ringBefore !== null) {
      e.ringBefore = Math.max(e.ringBefore ?? 0, h.ringBefore);
      e.ringAfter = h.ringAfter;
    }
  },
  explain(f) {
    const e = f.evidence;
    const ps = f.episode.ps;
    const who =
      f.p !== undefined || ps.length === 1
        ? `P${f.p ?? ps[0]}'s 256-slot ring`
        : ps.length > 0
          ? `the rings of P${ps.join(', P')}`
          : "some P's ring (no ring was seen full, so it is not pinned on one; injectglist could also have put them there)";
    const span = f.episode.hits > 1 ? ` over ${f.episode.hits} dumps` : '';
    return {
      explanation: `${hedgeCap(f.confidence)} ${e.overflows} overflow(s)${span}: ${who} filled and runqputslow moved its oldest 128 goroutines plus the one being put (129 each, ${f.episode.moved} in all) to the global queue, which went from ${e.globalBefore} to ${e.globalAfter} (${arithmetic(f.episode.hits, e)})${e.ringBefore !== null ? `; the ring stood at ${e.ringBefore} before and ${e.ringAfter} after` : ''}.`,
      suggestion:
        'One goroutine created or readied goroutines faster than its P could run them and idle Ps could steal them. Spawn from several goroutines or bound the fan-out with a worker pool; a short burst is harmless.',
    };
  },
};

function arithmetic(hits: number, e: LocalOverflowEvidence): string {
  if (hits > 1) return `${e.overflows}×129 over the episode, each step within ${e.tolerance} of a multiple of 129`;
  if (e.drainedFirst)
    return `it now holds ${e.globalAfter} = ${e.overflows}×129${fmt(e.remainder)}: its earlier goroutines were taken first`;
  return `growth ${e.growth} = ${e.overflows}×129${fmt(e.remainder)}, within ${e.tolerance} of the exact figure`;
}

function fmt(r: number): string {
  return r === 0 ? '' : r > 0 ? ` + ${r}` : ` − ${-r}`;
}

/** runqueue = k×129 beside one ring at 128 and nothing else queued: k overflows of that ring, just done. */
function singleDump(runqueue: number, runq: readonly number[], n: number) {
  if (runqueue < OVERFLOW_BATCH || runqueue % OVERFLOW_BATCH !== 0) return null;
  let p = -1;
  for (let i = 0; i < runq.length; i++) {
    if (runq[i] === RUNQ_HALF) {
      if (p >= 0) return null;
      p = i;
    } else if (runq[i] !== 0) return null;
  }
  if (p < 0) return null;
  const k = runqueue / OVERFLOW_BATCH;
  return {
    p,
    confidence: 'likely' as const,
    confidenceReason: `a single dump: runqueue=${runqueue} = ${k}×129 beside P${p}'s ring at exactly 128 with nothing else queued`,
    evidence: {
      gomaxprocs: n,
      globalBefore: 0,
      globalAfter: runqueue,
      growth: runqueue,
      overflows: k,
      remainder: 0,
      tolerance: 0,
      ringBefore: null,
      ringAfter: RUNQ_HALF,
      singleDump: true,
      drainedFirst: false,
    },
    moved: runqueue,
    impact: runqueue / n,
  };
}
