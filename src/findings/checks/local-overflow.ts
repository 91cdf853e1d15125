import { FAIRNESS_TICK, OVERFLOW_BATCH, RUNQ_HALF } from '../../trace/runtime-constants.js';
import { type Check, GLOBAL_JUMP, type Hit, hedgeCap, intervalMs } from '../check.js';
import { spinnerAtWork } from '../../trace/backlog.js';
import type { TimelinePoint } from '../../trace/timeline.js';
import type { LocalOverflowEvidence } from '../evidence.js';
import { NetworkWaitSeen } from './io-wait-drop.js';
import {
  addsBesideSpills,
  chanceFit,
  heldByWoken,
  OverflowSeen,
  otherPathsBound,
  overflowTolerance,
  readBeyondPoller,
  readBulkArrival,
  readSingleDumpOverflow,
} from './global-arrivals.js';

/**
 * Overflow of a P's local ring (runqput → runqputslow): when the 256-slot ring is full, the oldest
 * 128 Gs plus the G being put (129) go to the global queue in one batch, and the ring keeps 128.
 *
 * Global growth within a tolerance of k×129 is the arithmetic (global-arrivals.ts); blame needs
 * ring evidence: a ring near 256 before (certain); or (likely) a ring at exactly 128 after (the
 * single-dump signature runqueue=129 beside a ring at 128), one that fell by about k×128, or, beside
 * a tight fit, one that rose to about 128 or more (injectglist fills a ring that way too), or past
 * 128 beside any fit (only its own P's puts leave more than 128 on a ring). The arithmetic alone is
 * weak evidence: a jump lands within r of some k×129 by chance (2r+1)/129 of the time, injectglist
 * puts any number there, and a netpoll wave arrives in steps of 128 (a fit those match as well
 * counts for nothing). So a jump without ring evidence is reported here only as `possible`, on no
 * P, and only when the fit is tight (that chance at most 15%), the run showed an overflow with
 * ring evidence earlier (the same program overflowing again, its steps hidden by the batches
 * findRunnable took), or the growth is more than the network poller can deliver in the interval
 * (netpollGlobalBound: outside a GC cycle only a spill puts more there); otherwise injection-burst
 * reports it. With no fit, the rings empty before may
 * hold the batches woken Ps took (heldByWoken): a fit of the sum is given as consistent, never as
 * evidence.
 * A globrunqget batch (at most 128) moves Gs from the global queue into a ring, never the other way,
 * so a ring that grew while the global queue shrank is no overflow.
 */
export const localOverflow: Check<'local-overflow'> = {
  kind: 'local-overflow',
  basis: 'arithmetic',
  severity: 'info',
  mergeGap: { dumps: 3, ms: 250 },
  perP: false,
  quietUnless: { wakesOn: GLOBAL_JUMP, settlesAfter: 0 },
  create: (run) => {
    const seen = new OverflowSeen();
    const network = new NetworkWaitSeen();
    return {
      reset() {
        seen.reset();
        network.reset();
      },
      step(ctx) {
        const { prev, cur } = ctx;
        const n = cur.gomaxprocs;
        const earlierMs = seen.seen ? seen.atMs : null;
        const earlier = seen.seen;
        const r = seen.update(ctx);
        const pollerExcluded = network.pollerExcluded(prev, cur);
        if (cur.runq.length !== n) return null;
        if (prev === undefined || prev.gomaxprocs !== n || prev.runq.length !== n) {
          // The first dump of a run: only the single-dump signature can show an overflow.
          return singleDump(cur, n);
        }
        // Growth the network poller cannot have delivered in the interval: only a spill puts more there.
        const beyondPoller = r === null || r.p < 0 ? readBeyondPoller(ctx, run, pollerExcluded) : null;
        if ((r === null || r.p < 0) && beyondPoller === null) {
          // No ring evidence now: a tight fit, or a run that overflowed with ring evidence before.
          if (!earlier && (r === null || !r.tight)) return null;
          if (r !== null) {
            if (cur.gc !== undefined) return null; // runqdrain by a preempted dedicated mark worker
            // Preemption, Gosched or syscall returns could have put them there.
            if (r.growth <= otherPathsBound(ctx, prev).timeBound) return null;
          } else if (readBulkArrival(ctx) === null) return null;
        }
        const growth = cur.runqueue - prev.runqueue;
        // A ring past 128 or at 128 that was not near full before shows its own P's puts, not a
        // spill: the spill's evidence is then the global growth alone, and sysmon's forced
        // preemption (retake → globrunqput, once per running P per 10 ms) and syscall returns put
        // goroutines there too. Over a long interval they can account for all of it (a second
        // between dumps, 96 busy Ps: thousands), and then nothing shows a spill.
        if (r !== null && r.p >= 0 && !r.certain && growth <= otherPathsBound(ctx, prev).forcedBound) return null;
        const woken = r === null ? wokenFit(growth, heldByWoken(prev, cur), overflowTolerance(ctx)) : null;
        const k = r?.k ?? woken?.k ?? Math.ceil(growth / OVERFLOW_BATCH);
        const remainder = r?.remainder ?? woken?.remainder ?? growth - k * OVERFLOW_BATCH;
        const certain = r?.certain ?? false;
        const drainedFirst = r?.drainedFirst ?? false;
        const confidence = certain ? 'certain' : (r?.p ?? -1) >= 0 ? 'likely' : 'possible';
        // With one P there is one ring: if this was an overflow, it was P0's (the confidence stays
        // what the arithmetic gives; only the blame needs no ring evidence).
        const p = r !== null && r.p >= 0 ? r.p : n === 1 ? 0 : -1;
        const at = earlierMs === null ? 'earlier' : `at ${earlierMs} ms`;
        // p added after: a literal that starts with a spread is built property by property, hit by hit.
        const hit: Hit<'local-overflow'> = {
          confidence,
          confidenceReason: certain
            ? `global ${drainedFirst ? `queue now ${cur.runqueue}` : `growth ${growth}`} = ${k}×129${fmt(remainder)} with P${p}'s ring near 256 before`
            : confidence === 'likely'
              ? `global ${drainedFirst ? `queue now ${cur.runqueue}` : `growth ${growth}`} = ${k}×129${fmt(remainder)} and P${p}'s ring ${cur.runq[p]! > RUNQ_HALF && cur.runq[p]! > prev.runq[p]! ? `at ${cur.runq[p]} after, more than a globrunqget batch or a steal leaves (its own P put them there)` : 'at about 128 after'}; consistent with overflow, but the ring was not seen full`
              : r !== null
                ? `global growth ${growth} = ${k}×129${fmt(remainder)}, but no ring was seen near 256 or at 128; ${earlier ? `this run overflowed with ring evidence ${at}` : `a jump lands this close to a multiple of 129 by chance ${Math.round(chanceFit(r.remainder) * 100)}% of the time`}, and injectglist could also have put them there`
                : beyondPoller !== null
                  ? `global growth ${growth} is more than the ${growth - beyondPoller} ${pollerExcluded ? `that injectglist's callers other than the network poller (forcegc, the scavenger, the cleanup queue; the poller readied none: no G was in IO wait at either dump or at any read before in the run, and it readies only goroutines parked in netpollblock)` : "the network poller (at most 128 a poll where one goroutine waits on each descriptor, as on a server's connections: sysmon once per 10 ms, one blocking poll, one per idle P from a poller holding a P)"}, preemption and syscall returns could have put there in ${intervalMs(ctx)} ms: only a ring spilling (runqputslow, or a batch put past a full ring) or a GC mark worker draining its ring (runqdrain, in a cycle this log does not show) puts more there; no ring was seen full, so it is not pinned on one`
                  : woken !== null
                    ? `global growth ${growth} fits no multiple of 129; with the ${woken.held} now on rings empty before (batches the woken Ps took), ${growth + woken.held} = ${k}×129${fmt(remainder)}, consistent but no evidence (the Gs those Ps ran are not seen); this run overflowed with ring evidence ${at}, and injectglist could also have put them there`
                    : `global growth ${growth} fits no multiple of 129, but this run overflowed with ring evidence ${at} and the batches findRunnable takes (globrunqget) hide the steps; injectglist could also have put them there`,
          evidence: {
            gomaxprocs: n,
            globalBefore: prev.runqueue,
            globalAfter: cur.runqueue,
            growth,
            overflows: k,
            remainder,
            tolerance: r?.tolerance ?? 0,
            ringBefore: p >= 0 ? prev.runq[p]! : null,
            ringAfter: p >= 0 ? cur.runq[p]! : null,
            singleDump: false,
            drainedFirst,
            earlierOverflowMs: p >= 0 ? null : earlierMs,
            heldByWoken: woken?.held ?? null,
            pollerBound: beyondPoller === null ? null : growth - beyondPoller,
            pollerExcluded: beyondPoller !== null && pollerExcluded,
            ...spinnerEvidence(cur),
          },
          moved: k * OVERFLOW_BATCH,
          impact: (k * OVERFLOW_BATCH) / n,
        };
        if (p >= 0) hit.p = p;
        return hit;
      },
    };
  },
  merge(e, h) {
    e.globalAfter = h.globalAfter;
    e.growth += h.growth;
    e.overflows += h.overflows;
    e.remainder += h.remainder;
    e.tolerance = Math.max(e.tolerance, h.tolerance);
    e.drainedFirst ||= h.drainedFirst;
    e.earlierOverflowMs ??= h.earlierOverflowMs;
    if (h.heldByWoken !== null) e.heldByWoken = (e.heldByWoken ?? 0) + h.heldByWoken;
    if (h.pollerBound !== null) e.pollerBound = (e.pollerBound ?? 0) + h.pollerBound;
    e.pollerExcluded ||= h.pollerExcluded;
    e.spinnerAtWorkDumps += h.spinnerAtWorkDumps;
    e.spinnerAtWorkIdlePeak = Math.max(e.spinnerAtWorkIdlePeak, h.spinnerAtWorkIdlePeak);
    if (h.ringBefore !== null) {
      e.ringBefore = Math.max(e.ringBefore ?? 0, h.ringBefore);
      e.ringAfter = h.ringAfter;
    }
  },
  explain(f) {
    const e = f.evidence;
    const ps = f.episode.ps;
    const who =
      e.gomaxprocs === 1 && f.confidence === 'possible'
        ? `P0's 256-slot ring (the only P, so the only ring that could; but it was not seen full, and injectglist could also have put them there)`
        : f.p !== undefined || ps.length === 1
          ? `P${f.p ?? ps[0]}'s 256-slot ring`
          : ps.length > 0
            ? `the rings of P${ps.join(', P')}`
            : `some P's ring (no ring was seen full${e.earlierOverflowMs !== null ? `; this run overflowed with ring evidence at ${e.earlierOverflowMs} ms, so it is not pinned on one` : ', so it is not pinned on one'}${e.pollerBound !== null ? (e.pollerExcluded ? `; no goroutine was in IO wait at the dumps read, so the network poller readied none, and injectglist's other callers, preemption and syscall returns could have put at most ${e.pollerBound} of them there` : `; the network poller could have put at most ${e.pollerBound} of them there, with preemption and syscall returns`) : '; injectglist could also have put them there'})`;
    const span = f.episode.hits > 1 ? ` over ${f.episode.hits} dumps` : '';
    // Several Ps' rings: the evidence's ring figures are the highest before a spill and the last spill's after.
    const several = f.p === undefined && ps.length > 1;
    const moved = several
      ? "filled, and each time runqputslow moved that ring's oldest 128 goroutines"
      : 'filled and runqputslow moved its oldest 128 goroutines';
    const rings =
      e.ringBefore === null
        ? ''
        : several
          ? `; a ring stood at up to ${e.ringBefore} at the dump before its spill, and the last one at ${e.ringAfter} at the dump after`
          : `; the ring stood at ${e.ringBefore} before and ${e.ringAfter} after`;
    const spinner = e.spinnerAtWorkDumps > 0;
    // wakep starts a spinning M only when none spins (sched.nmspinning == 0), and a spinning M runs
    // timers in findRunnable: its own P's at the top, other Ps' in stealWork (checkTimers up to Go
    // 1.22, timers.check from 1.23). A timer
    // that starts a goroutine (time.goFunc → newproc → runqput) or readies one (goready) puts it on
    // that M's P, whose wakep then starts nobody: the other Ps stay idle until the timers are run.
    const spinnerWords = spinner
      ? ` At ${e.spinnerAtWorkDumps === 1 ? 'one of its dumps' : `${e.spinnerAtWorkDumps} of its dumps`} up to ${e.spinnerAtWorkIdlePeak} Ps stayed idle beside the queue while the only M at work (besides sysmon) was counted spinning and held the one busy P: the spinning M was the one putting the goroutines there (each put called wakep, and any M it started would have taken an idle P and kept it busy while the queue held work). findRunnable runs timers while its M spins (its own P's, then other Ps' in stealWork, checkTimers before Go 1.23), a time.AfterFunc callback starts with go on that M's P (newproc → runqput) and a timer that wakes a goroutine readies it there (goready), and their wakep starts no M while one spins (sched.nmspinning is not 0): the idle Ps wait until every expired timer has run.`
      : '';
    return {
      explanation: `${hedgeCap(f.confidence)} ${e.overflows} overflow(s)${span}: ${who} ${moved} plus the one being put (129 each, ${f.episode.moved} in all) to the global queue, which went from ${e.globalBefore} to ${e.globalAfter} (${arithmetic(f.episode.hits, e)})${rings}.${spinnerWords}`,
      suggestion: spinner
        ? 'Many timers expired at once, and one spinning M ran them all while the other Ps idled: spread their deadlines (jitter each expiry by a random fraction of its period) or let one timer start a bounded pool of workers instead of one goroutine per timer.'
        : `Goroutines were created or readied on one P faster than it could run them and idle Ps could steal them: a spawn loop or fan-out, a broadcast (sync.Cond, a closed channel), a receiver draining a channel that many senders are blocked on (each receive readies one sender onto the receiver's P: chanrecv → goready), or timers firing on the P that runs them (time.AfterFunc, tickers). Spread the work (spawn from several goroutines, bound the fan-out with a worker pool, give a fan-in channel a buffer or several receivers, jitter the timers); a short burst is harmless.`,
    };
  },
};

/**
 * Ps idle while every M at work spins (spinnerAtWork), beside a whole spill still on the global
 * queue. Each of the 257 or more puts behind a spill called wakep (newproc, ready), and one that started
 * an M would have taken an idle P (pidlegetSpinning), which stays busy while the global queue holds
 * work: so none did, some M was counted spinning all along (wakep: none while one spins), and the
 * only M at work, on the only busy P, is that spinner and the goroutines' source. A wakep in
 * flight at the dump (counted spinning before an M takes the P) lasts microseconds, not a spill.
 * The evidence of one dump: 1 and its idle Ps when it shows that, else 0 and 0.
 */
function spinnerEvidence(
  cur: TimelinePoint,
): Pick<LocalOverflowEvidence, 'spinnerAtWorkDumps' | 'spinnerAtWorkIdlePeak'> {
  return cur.runqueue >= OVERFLOW_BATCH && spinnerAtWork(cur)
    ? { spinnerAtWorkDumps: 1, spinnerAtWorkIdlePeak: cur.idleprocs }
    : { spinnerAtWorkDumps: 0, spinnerAtWorkIdlePeak: 0 };
}

function arithmetic(hits: number, e: LocalOverflowEvidence): string {
  if (hits > 1 && e.tolerance === 0 && e.pollerBound !== null)
    return `its rises over the episode's dumps sum to ${e.growth}, more than the ${e.pollerBound} that paths other than a spill could have added; ${e.overflows}×129 counted step by step as whole spills of 129 (batches Ps took from the queue meanwhile, globrunqget, hide the exact count)`;
  if (hits > 1)
    return chanceFit(e.tolerance) >= 1
      ? `its rises over the episode's dumps sum to ${e.growth}, counted as the fewest spills that give each: ${movedMeanwhile(e)} in an interval, so any growth fits some multiple of 129`
      : `its rises over the episode's dumps sum to ${e.growth}${risesAdd(e) ? ` = ${e.overflows}×129${fmt(e.remainder)}` : `, ${e.overflows}×129 counted step by step`}, each within ${e.tolerance} of a multiple of 129 or short of one by the batches Ps took from it meanwhile, globrunqget`;
  if (e.heldByWoken !== null)
    return `growth ${e.growth} plus the ${e.heldByWoken} now on rings empty before, which woken Ps took in batches (globrunqget), is ${e.growth + e.heldByWoken} = ${e.overflows}×129${fmt(e.remainder)}; a lower bound on the arrivals, since the goroutines those Ps already ran are not seen`;
  if (Math.abs(e.remainder) > e.tolerance)
    return `growth ${e.growth} is ${-e.remainder} short of ${e.overflows}×129: batches findRunnable took meanwhile (globrunqget) would hide the steps`;
  if (e.drainedFirst)
    return `it now holds ${e.globalAfter} = ${e.overflows}×129${fmt(e.remainder)}: its earlier goroutines were taken first`;
  if (chanceFit(e.tolerance) >= 1)
    return `growth ${e.growth} = ${e.overflows}×129${fmt(e.remainder)}; ${movedMeanwhile(e)} meanwhile, so any growth fits some multiple of 129 here: the count is the fewest spills that give it`;
  if (e.remainder === 0) return `growth ${e.growth} = ${e.overflows}×129 exactly`;
  return `growth ${e.growth} = ${e.overflows}×129${fmt(e.remainder)}, within ${e.tolerance} of the exact figure, as many as a preemption or Gosched per P and the queue's fairness picks could move meanwhile`;
}

/**
 * Whether the summed rises are the summed spills plus the summed remainders: not when a step was
 * counted from the queue it left (drainedFirst) or with the goroutines woken Ps took (heldByWoken).
 */
function risesAdd(e: LocalOverflowEvidence): boolean {
  return !e.drainedFirst && e.heldByWoken === null;
}

/** What the tolerance stands for, in words: the Gs other paths could move while the spills happened. */
function movedMeanwhile(e: LocalOverflowEvidence): string {
  const picks = e.tolerance - addsBesideSpills(e.gomaxprocs);
  const perP = `a preemption or Gosched on each of the ${e.gomaxprocs} Ps`;
  return picks > 0
    ? `${perP} and the queue's fairness picks (one in ${FAIRNESS_TICK} schedules, up to ${picks}) could move up to ${e.tolerance}`
    : `${perP} could move up to ${e.tolerance}`;
}

function fmt(r: number): string {
  return r === 0 ? '' : r > 0 ? ` + ${r}` : ` − ${-r}`;
}

/**
 * growth + held within the tolerance of k×129 (held: heldByWoken). The sum bounds the arrivals from
 * below only, so this makes the arithmetic consistent, never evidence.
 */
function wokenFit(
  growth: number,
  held: number,
  tolerance: number,
): { held: number; k: number; remainder: number } | null {
  if (held === 0) return null;
  const k = Math.round((growth + held) / OVERFLOW_BATCH);
  const remainder = growth + held - k * OVERFLOW_BATCH;
  return k >= 1 && Math.abs(remainder) <= tolerance ? { held, k, remainder } : null;
}

/** The single-dump signature at a run's first dump (readSingleDumpOverflow). */
function singleDump(cur: TimelinePoint, n: number) {
  const { runqueue, runq } = cur;
  const s = readSingleDumpOverflow(runqueue, runq);
  if (s === null) return null;
  const { p, k } = s;
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
      earlierOverflowMs: null,
      heldByWoken: null,
      pollerBound: null,
      pollerExcluded: false,
      ...spinnerEvidence(cur),
    },
    moved: runqueue,
    impact: runqueue / n,
  };
}
