import { FORCE_PREEMPT_MS, P_IDLE, P_RUNNING, P_SYSCALL } from '../../trace/runtime-constants.js';
import { type Check, type Hit, intervalMs, round1, round3, roundMs, sum, tickDeltas, BACKLOG } from '../check.js';
import type { SaturationEvidence } from '../evidence.js';
import { type BacklogKind, backlogOf } from '../../trace/backlog.js';
import { mayBeStoppedByCounts } from '../../trace/stopped-world.js';
import { isLopsided, type LopsidedRing, lopsidedRing, lopsidedRingIn, saturatedDump } from './backlog.js';
import { explainSaturation } from './saturation-words.js';
import {
  SATURATION_CERTAIN_DUMPS,
  SATURATION_DUMPS,
  SATURATION_GAP_DUMPS,
  SATURATION_MS,
  SATURATION_SERIAL_GAP_DUMPS,
} from './saturation-thresholds.js';

/**
 * Saturation: more runnable goroutines than the Ps' threads can run, dump after dump.
 *
 * Either every P is busy (idleprocs=0, exact: read under sched.lock) with at least one runnable
 * goroutine waiting per P: each waiting one runs only when a running one blocks or is preempted
 * (sysmon retake → preemptone after forcePreemptNS), so it queues for about backlog-per-P slices.
 *
 * Or Ps are idle beside the backlog while an M is spinning (nmspinning > 0). wakep hands an idle P
 * to a spinning M before its thread runs, and a spinning M that runs takes work within microseconds
 * (findRunnable: globrunqget, stealWork → runqgrab); one still spinning dumps apart, beside
 * stealable work, is a thread waiting for a CPU. wakep starts the next M only when the spinning
 * one finds work (resetspinning), so with the OS's cores taken the Ms come up one at a time:
 * the CPUs, not the Ps, are saturated (GOMAXPROCS above the CPUs the process gets).
 *
 * The slice is measured from schedtick deltas when printed (execute counts one per new slice; a
 * runnext goroutine inherits its slice and is not counted).
 */
export const saturation: Check<'saturation'> = {
  kind: 'saturation',
  basis: 'threshold',
  severity: 'warning',
  // A hit after a gap the episode goes on through (SATURATION_GAP_DUMPS, or a serial step of
  // SATURATION_SERIAL_GAP_DUMPS) continues it, and the check counts those dumps (it resets itself past them).
  mergeGap: { dumps: SATURATION_SERIAL_GAP_DUMPS + 1, ms: 0 },
  perP: false,
  quietUnless: { wakesOn: BACKLOG, settlesAfter: SATURATION_SERIAL_GAP_DUMPS + 1 },
  create() {
    let streak = 0;
    let sinceT: number | null = null;
    let sinceLine = 0;
    // One hit and one evidence object, filled again at every hit (the runner copies the evidence;
    // hitOf starts a fresh one after a hit with optional keys): a saturated run hits at every dump.
    // The fields that take fractions start as -0, a double: a field that holds small integers first
    // changes representation at its first fraction, and that throws away the optimised code that
    // reads the evidence (the runner's record, merge).
    const freshEvidence = (): SaturationEvidence => ({
      gomaxprocs: 0,
      waitingMean: -0,
      waitingPeak: -0,
      backlogPerP: -0,
      backlogPerPPeak: -0,
      waitingSum: -0,
      backlogSum: -0,
      cpuStarvedDumps: 0,
      gapDumps: 0,
      resizeDumps: 0,
      idleprocsPeak: 0,
      sliceMs: null,
      dispatches: -0,
      dispatchMs: -0,
      queueingMs: -0,
      globalPeak: 0,
      ringPeak: 0,
      ringPeakP: 0,
      busyThreadsPeak: 0,
      lockedThreads: null,
      dumps: 0,
    });
    let evidence = freshEvidence();
    const hit: Hit<'saturation'> = {
      confidence: 'likely',
      confidenceReason: '',
      evidence,
      impact: -0,
      since: undefined,
      dumps: undefined,
    };
    /** The backlog's span so far (set by onBacklog). */
    let span: number | null = null;
    /** Dumps without the backlog since its last dump, and those inside the episode (a backlog dump followed them). */
    let gap = 0;
    /** Whether a P ran in every dump of the gap so far (a serial step, not a stop). */
    let gapServing = true;
    /** The kind of the streak's last backlog dump (a serial step needs every P busy on both sides). */
    let lastHow: BacklogKind | null = null;
    let gapsInside = 0;
    /** Of gapsInside, those a hit's evidence has counted already; and whether the streak has hit yet. */
    let gapsReported = 0;
    /** Dumps first after a GOMAXPROCS change inside the streak, and those a hit has counted already. */
    let resizesInside = 0;
    let resizesReported = 0;
    let hitYet = false;
    /**
     * The streak's dumps up to its first hit, which the first hit reports (its `dumps`, from
     * `since`): how many were the cpu-starved kind, the most idle Ps beside the backlog, the waiting
     * goroutines and the backlog per running P (summed and highest), the highest global queue.
     */
    const streakSoFar = {
      cpuStarved: 0,
      idlePeak: 0,
      waitingPeak: 0,
      waitingSum: 0,
      backlogSum: 0,
      backlogPeak: 0,
      globalPeak: 0,
      /** scheddetail: the most Ps in handoff, and goroutines in a system call, at one dump. */
      handoffPeak: 0,
      inSyscallPeak: 0,
      /** The most Ps held by goroutines in system calls at one dump with P lines; -1 before one. */
      syscallPsPeak: -1,
    };
    const noteStreakDump = (
      how: BacklogKind,
      gomaxprocs: number,
      idleprocs: number,
      runqueue: number,
      waiting: number,
      handoff = 0,
      inSyscall = 0,
      psInSyscall = -1,
    ): void => {
      const t = streakSoFar;
      if (streak === 1) {
        t.cpuStarved = t.idlePeak = t.waitingPeak = t.waitingSum = t.backlogSum = t.backlogPeak = t.globalPeak = 0;
        t.handoffPeak = t.inSyscallPeak = 0;
        t.syscallPsPeak = -1;
      }
      t.handoffPeak = Math.max(t.handoffPeak, handoff);
      t.inSyscallPeak = Math.max(t.inSyscallPeak, inSyscall);
      t.syscallPsPeak = Math.max(t.syscallPsPeak, psInSyscall);
      if (how === 'cpu-starved') {
        t.cpuStarved++;
        t.idlePeak = Math.max(t.idlePeak, idleprocs);
      }
      t.waitingPeak = Math.max(t.waitingPeak, waiting);
      t.waitingSum += waiting;
      const backlog = waiting / (gomaxprocs - idleprocs);
      t.backlogSum += backlog;
      t.backlogPeak = Math.max(t.backlogPeak, backlog);
      t.globalPeak = Math.max(t.globalPeak, runqueue);
    };
    /**
     * Counts the streak of backlog dumps, through gaps of up to SATURATION_GAP_DUMPS dumps without
     * it, or serial steps (SATURATION_SERIAL_GAP_DUMPS: `running`, a P ran in the dump); whether
     * this dump, one of the backlog's, is a hit.
     */
    const onBacklog = (how: BacklogKind | null, tMs: number | null, line: number, running: boolean): boolean => {
      if (how === null) {
        if (streak === 0) return false;
        if (gap === 0) gapServing = true;
        gapServing &&= running;
        gap++;
        if (gap > SATURATION_GAP_DUMPS && !(gap <= SATURATION_SERIAL_GAP_DUMPS && gapServing)) streak = 0;
        return false;
      }
      // A serial step sits between parallel steps that kept every P busy, on both sides.
      if (gap > SATURATION_GAP_DUMPS && (how === 'cpu-starved' || lastHow === 'cpu-starved')) streak = 0;
      lastHow = how;
      if (streak === 0) {
        sinceT = tMs;
        sinceLine = line;
        gapsInside = gapsReported = 0;
        resizesInside = resizesReported = 0;
        hitYet = false;
      } else gapsInside += gap;
      gap = 0;
      streak++;
      span = sinceT !== null && tMs !== null ? tMs - sinceT : null;
      return !(streak < SATURATION_DUMPS || (span !== null && span < SATURATION_MS));
    };
    /**
     * The hit of a dump onBacklog took: `dt` the interval before it, `dispatched` its schedtick deltas
     * summed (0 without them), `ring` its lopsided ring.
     */
    const hitOf = (
      how: BacklogKind,
      gomaxprocs: number,
      idleprocs: number,
      runqueue: number,
      waiting: number,
      dt: number | null,
      dispatched: number,
      ring: LopsidedRing | null,
      busyThreads: number,
      lockedThreads: number | null,
    ): Hit<'saturation'> => {
      // Set again by step() where scheddetail shows more syscalls than schedules, Ps in handoff, or P
      // lines at all (syscallPsPeak): a hit that had them starts from a fresh object, with the same keys
      // in the same order. Deleting them turned the one object into a dictionary, slower to fill, merge
      // and copy at every hit after.
      if (
        evidence.syscalls !== undefined ||
        evidence.handoffPeak !== undefined ||
        evidence.inSyscallPeak !== undefined ||
        evidence.syscallPsPeak !== undefined
      )
        hit.evidence = evidence = freshEvidence();
      const cpuStarved = how === 'cpu-starved';
      const running = gomaxprocs - idleprocs;
      const backlog = waiting / running;
      const sliceMs = dt !== null && dt > 0 && dispatched > 0 ? (dt * running) / dispatched : null;
      const queueingMs = backlog * (sliceMs ?? FORCE_PREEMPT_MS);
      const first = !hitYet;
      hitYet = true;
      const confidence = streak >= SATURATION_CERTAIN_DUMPS && !cpuStarved && gapsInside === 0 ? 'certain' : 'likely';
      // The runner reads a hit's reason only when it opens an episode or raises its confidence, so
      // a long streak's hits after the first keep the words they have (a string per dump otherwise).
      if (first || confidence !== hit.confidence) hit.confidenceReason = reasonFor(cpuStarved, streak, gapsInside);
      hit.confidence = confidence;
      evidence.gomaxprocs = gomaxprocs;
      evidence.waitingMean = waiting;
      evidence.waitingPeak = waiting;
      evidence.backlogPerP = evidence.backlogPerPPeak = round1(backlog);
      evidence.waitingSum = waiting;
      evidence.backlogSum = round3(backlog);
      evidence.cpuStarvedDumps = cpuStarved ? 1 : 0;
      evidence.idleprocsPeak = cpuStarved ? idleprocs : 0;
      if (first) {
        // The first hit stands for the whole streak so far, whose dumps may differ from this one.
        const t = streakSoFar;
        evidence.waitingMean = round1(t.waitingSum / streak);
        evidence.waitingPeak = t.waitingPeak;
        evidence.backlogPerP = round1(t.backlogSum / streak);
        evidence.backlogPerPPeak = round1(t.backlogPeak);
        evidence.waitingSum = t.waitingSum;
        evidence.backlogSum = round3(t.backlogSum);
        evidence.cpuStarvedDumps = t.cpuStarved;
        evidence.idleprocsPeak = t.idlePeak;
      }
      evidence.sliceMs = sliceMs === null ? null : roundMs(sliceMs);
      evidence.dispatches = sliceMs === null ? 0 : dispatched;
      evidence.dispatchMs = sliceMs === null ? 0 : (dt ?? 0) * running;
      evidence.queueingMs = roundMs(queueingMs);
      evidence.globalPeak = first ? streakSoFar.globalPeak : runqueue;
      evidence.ringPeak = ring?.max ?? 0;
      evidence.ringPeakP = ring?.p ?? 0;
      evidence.busyThreadsPeak = busyThreads;
      evidence.lockedThreads = lockedThreads;
      evidence.dumps = first ? streak : 1;
      evidence.gapDumps = gapsInside - gapsReported;
      gapsReported = gapsInside;
      evidence.resizeDumps = resizesInside - resizesReported;
      resizesReported = resizesInside;
      // Backlog per running P over the interval (the whole streak at first, its backlog dumps'
      // share of it), scaled by how long a slice is: a backlog of goroutines that run for
      // microseconds costs little latency.
      hit.impact =
        backlog *
        (first && span !== null ? (span * streak) / (streak + gapsInside) : (dt ?? 0)) *
        Math.min(1, (sliceMs ?? FORCE_PREEMPT_MS) / FORCE_PREEMPT_MS);
      hit.since = first ? { tMs: sinceT, line: sinceLine } : undefined;
      hit.dumps = first ? streak : undefined;
      return hit;
    };
    /** A hit past the findings cap, only counted: its evidence is not read. */
    const countedHit = (): Hit<'saturation'> => {
      hitYet = true;
      gapsReported = gapsInside;
      resizesReported = resizesInside;
      return hit;
    };
    return {
      reset() {
        streak = 0;
        sinceT = null;
        sinceLine = 0;
        gap = 0;
      },
      step(ctx) {
        const { cur } = ctx;
        // The first dump after a GOMAXPROCS change (procresize, in a stopped world) is compared with
        // nothing of its size: it neither extends nor breaks the streak. A backlog that lasts across
        // the change is one saturation.
        if (ctx.prev !== undefined && ctx.prev.gomaxprocs !== cur.gomaxprocs) {
          if (streak > 0) resizesInside++;
          return null;
        }
        const queued = ctx.queued ?? sum(cur.runq);
        const waiting = cur.runqueue + queued;
        const how = saturatedDump(ctx, waiting);
        const isHit = onBacklog(how, cur.tMs, cur.line, cur.idleprocs < cur.gomaxprocs);
        const handoff = how !== null && cur.pStatus !== undefined ? handoffPs(cur.pStatus, cur.idleprocs) : 0;
        const inSyscall = (how !== null && cur.gByStatus?.syscall) || 0;
        const psInSyscall = how !== null && cur.pStatus !== undefined ? syscallPs(cur.pStatus, cur.gByStatus) : -1;
        if (how !== null)
          noteStreakDump(how, cur.gomaxprocs, cur.idleprocs, cur.runqueue, waiting, handoff, inSyscall, psInSyscall);
        if (!isHit) return null;
        if (ctx.onlyCounted === true) return countedHit();
        const ticks = tickDeltas(ctx);
        // The runner's longest ring tells most dumps from a lopsided one without reading the rings.
        const ring =
          ctx.maxLocal === undefined || isLopsided(ctx.maxLocal, queued, cur.runq.length)
            ? lopsidedRing(cur.runq)
            : null;
        // A goroutine back from a syscall on its own P runs on without a schedule (exitsyscall's fast
        // path ticks syscalltick, not schedtick): where the P lines show more syscalls than
        // dispatches, a "slice" spans syscalls, and the words say so (explain).
        const calls = cur.syscalltickDelta;
        const dispatched = ticks !== undefined ? sum(ticks) : 0;
        const syscalls = calls !== undefined && ticks !== undefined && calls.length === ticks.length ? sum(calls) : 0;
        const h = hitOf(
          how!,
          cur.gomaxprocs,
          cur.idleprocs,
          cur.runqueue,
          waiting,
          intervalMs(ctx),
          dispatched,
          ring,
          cur.threads - cur.idlethreads,
          cur.mCounts?.locked ?? null,
        );
        if (syscalls > dispatched) h.evidence.syscalls = syscalls;
        // The first hit stands for the streak so far: its peaks are the streak's.
        const first = h.dumps !== undefined;
        const handoffPeak = first ? streakSoFar.handoffPeak : handoff;
        if (handoffPeak > 0) h.evidence.handoffPeak = handoffPeak;
        const inSyscallPeak = first ? streakSoFar.inSyscallPeak : inSyscall;
        if (inSyscallPeak > 0) h.evidence.inSyscallPeak = inSyscallPeak;
        const syscallPsPeak = first ? streakSoFar.syscallPsPeak : psInSyscall;
        if (syscallPsPeak >= 0) h.evidence.syscallPsPeak = syscallPsPeak;
        return h;
      },
      stepRow(ctx) {
        const { rows, row: r, queued } = ctx;
        const b = rows.batch!;
        const n = b.gomaxprocs[r]!;
        const idle = b.idleprocs[r]!;
        const runqueue = b.runqueue[r]!;
        const waiting = runqueue + queued;
        const tMs = b.tMs[r]!;
        // As in step: the first dump after a GOMAXPROCS change leaves the streak as it is, and one
        // inside a stop-the-world is no backlog (saturatedDump).
        if (b.gomaxprocs[r - 1] !== n) {
          if (streak > 0) resizesInside++;
          return null;
        }
        const how = mayBeStoppedByCounts(n, idle, b.threads[r]!, b.idlethreads[r]!)
          ? null
          : backlogOf(n, idle, Math.max(0, b.spinningthreads[r]!), waiting, b.gc[r] !== undefined);
        const isHit = onBacklog(how, tMs, b.line[r]!, idle < n);
        if (how !== null) noteStreakDump(how, n, idle, runqueue, waiting);
        if (!isHit) return null;
        if (ctx.onlyCounted) return countedHit();
        const from = b.runqFrom[r]!;
        const rings = b.runqFrom[r + 1]! - from;
        const ring = isLopsided(ctx.maxLocal, queued, rings) ? lopsidedRingIn(b.runq, from, rings) : null;
        const dispatched = rows.tickDeltas(r) === n ? rows.tickDeltaSum(r, n) : 0;
        return hitOf(
          how!,
          n,
          idle,
          runqueue,
          waiting,
          tMs - b.tMs[r - 1]!,
          dispatched,
          ring,
          b.threads[r]! - b.idlethreads[r]!,
          null,
        );
      },
    };
  },
  merge(e, h) {
    if (h.syscalls !== undefined) e.syscalls = (e.syscalls ?? 0) + h.syscalls;
    if (h.handoffPeak !== undefined) e.handoffPeak = Math.max(e.handoffPeak ?? 0, h.handoffPeak);
    if (h.inSyscallPeak !== undefined) e.inSyscallPeak = Math.max(e.inSyscallPeak ?? 0, h.inSyscallPeak);
    if (h.syscallPsPeak !== undefined) e.syscallPsPeak = Math.max(e.syscallPsPeak ?? 0, h.syscallPsPeak);
    const n = e.dumps + h.dumps;
    e.waitingSum += h.waitingSum;
    e.backlogSum = round3(e.backlogSum + h.backlogSum);
    e.waitingMean = round1(e.waitingSum / n);
    e.waitingPeak = Math.max(e.waitingPeak, h.waitingPeak);
    e.backlogPerP = round1(e.backlogSum / n);
    e.backlogPerPPeak = Math.max(e.backlogPerPPeak, h.backlogPerPPeak);
    e.cpuStarvedDumps += h.cpuStarvedDumps;
    e.gapDumps += h.gapDumps;
    e.resizeDumps += h.resizeDumps;
    e.idleprocsPeak = Math.max(e.idleprocsPeak, h.idleprocsPeak);
    if (h.dispatches > 0) {
      e.dispatches += h.dispatches;
      e.dispatchMs += h.dispatchMs;
      e.sliceMs = roundMs(e.dispatchMs / e.dispatches);
    }
    e.queueingMs = roundMs(e.backlogPerP * (e.sliceMs ?? FORCE_PREEMPT_MS));
    e.globalPeak = Math.max(e.globalPeak, h.globalPeak);
    if (h.busyThreadsPeak >= e.busyThreadsPeak) {
      e.busyThreadsPeak = h.busyThreadsPeak;
      e.lockedThreads = h.lockedThreads ?? e.lockedThreads;
    }
    if (h.ringPeak > e.ringPeak) {
      e.ringPeak = h.ringPeak;
      e.ringPeakP = h.ringPeakP;
    }
    e.dumps = n;
  },
  closingReason: (f) =>
    reasonText(f.evidence.cpuStarvedDumps, f.evidence.dumps, f.evidence.gapDumps, f.confidence === 'certain'),
  explain: explainSaturation,
};

/**
 * Why the backlog's dumps make the confidence what it is: `dumps` of them (`starved` beside idle Ps
 * while an M was spinning), with `gaps` dumps without it among them. `certain` only for a closed
 * episode, which rose to certain once SATURATION_CERTAIN_DUMPS or more came in a row.
 */
function reasonText(starved: number, dumps: number, gaps: number, certain = false): string {
  const mixed = starved > 0 && starved < dumps;
  const what =
    starved === 0
      ? 'no idle P and a backlog'
      : mixed
        ? 'a backlog'
        : 'idle Ps beside a backlog while an M was spinning';
  const seen =
    (gaps === 0
      ? `${what} in ${dumps} consecutive dumps`
      : `${what} in ${dumps} of ${dumps + gaps} dumps, never gone for more than ${SATURATION_GAP_DUMPS === 1 ? 'one dump' : `${SATURATION_GAP_DUMPS} dumps`} in a row, or ${SATURATION_SERIAL_GAP_DUMPS} in which a P still ran`) +
    (mixed ? `, no P idle at ${dumps - starved} of them and idle Ps beside a spinning M at ${starved}` : '');
  if (certain) return gaps === 0 ? seen : `${seen}, ${SATURATION_CERTAIN_DUMPS} or more of them in a row`;
  return starved > 0
    ? `${seen}: the spinning M was not running, which points at the OS's CPUs, but schedtrace does not show the OS run queue`
    : dumps >= SATURATION_CERTAIN_DUMPS && gaps === 0
      ? seen
      : `${seen}; between dumps it is not seen`;
}

/** Streaks whose reasons are kept once made. */
const CACHED_STREAKS = 4096;
const busyReasons: string[] = [];
const starvedReasons: string[] = [];

/**
 * The confidence reason of a hit. A saturated run hits at every dump, and without gaps the text
 * depends on the streak alone: made once per streak length for all runs, not a new string per dump.
 * An episode in phases depends on its gaps too, and is rarer: its reasons are made each time.
 */
function reasonFor(cpuStarved: boolean, streak: number, gaps: number): string {
  const starved = cpuStarved ? streak : 0;
  if (gaps > 0 || streak >= CACHED_STREAKS) return reasonText(starved, streak, gaps);
  const cache = cpuStarved ? starvedReasons : busyReasons;
  return (cache[streak] ??= reasonText(starved, streak, 0));
}

/**
 * Ps that idleprocs (sched.npidle, the idle list) did not count but whose scheddetail P line says
 * _Pidle: taken off the idle list and handed to an M that has not run yet (startm sets mp.nextp
 * and wakes the M; startlockedm hands the P to a locked goroutine's thread), which acquirep makes
 * _Prunning once its thread gets a CPU. 0 without P lines.
 */
function handoffPs(pStatus: readonly number[] | undefined, idleprocs: number): number {
  if (pStatus === undefined) return 0;
  let idle = 0;
  for (let i = 0; i < pStatus.length; i++) if (pStatus[i] === P_IDLE) idle++;
  return Math.max(0, idle - idleprocs);
}

/**
 * Ps that a dump's P lines show held by a goroutine in a system call. Up to Go 1.25 entersyscall
 * marks its P _Psyscall (status 2). Go 1.26 leaves the P _Prunning, its M holding it with the
 * goroutine in _Gsyscall (G status 3): the counts tell those only as running Ps beyond the goroutines
 * running (G status 2), and at most as many as are in a syscall (others may have lost their P to
 * retake), so the figure is an upper bound there.
 */
function syscallPs(pStatus: readonly number[], gByStatus: Readonly<Record<string, number>> | undefined): number {
  let inSyscall = 0;
  let running = 0;
  for (let i = 0; i < pStatus.length; i++) {
    if (pStatus[i] === P_SYSCALL) inSyscall++;
    else if (pStatus[i] === P_RUNNING) running++;
  }
  if (inSyscall > 0 || gByStatus === undefined) return inSyscall;
  return Math.min(gByStatus.syscall ?? 0, Math.max(0, running - (gByStatus.running ?? 0)));
}
