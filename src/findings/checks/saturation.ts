import { type Preemption, preemptionOf } from '../../trace/preemption.js';
import { FORCE_PREEMPT_MS, P_IDLE } from '../../trace/runtime-constants.js';
import { threadLimit } from './thread-growth.js';
import {
  type Check,
  fmtMs,
  type Hit,
  intervalMs,
  round1,
  round3,
  roundMs,
  sum,
  tickDeltas,
  BACKLOG,
} from '../check.js';
import type { SaturationEvidence } from '../evidence.js';
import { type BacklogKind, backlogOf } from '../../trace/backlog.js';
import { isLopsided, type LopsidedRing, lopsidedRing, lopsidedRingIn, saturatedDump } from './backlog.js';

/** Dumps, and milliseconds, a backlog must last to be saturation rather than a burst. */
export const SATURATION_DUMPS = 4;
export const SATURATION_MS = 500;
/**
 * Dumps in a row without the backlog that an episode goes on through. CPU-bound work in phases (a
 * parallel sort whose top-level merge runs on one goroutine, a batch job between batches) drops its
 * backlog for a dump and takes it up again: the same saturation, not a new one each time.
 */
export const SATURATION_GAP_DUMPS = 1;
/**
 * Two dumps in a row without the backlog go on with the episode too when a P ran in each and every
 * P was busy in the backlog dumps on both sides: a serial step between parallel ones (a reduce after
 * a map, a merge after the sorts), the work narrowed to one goroutine, not gone. A dump with every P
 * idle between them ends it (the program stopped), and so does the CPU-starved reading on either
 * side: beside idle Ps (the CPUs ran out, not the Ps) a P running through the gap is no serial step.
 */
export const SATURATION_SERIAL_GAP_DUMPS = 2;

/** Backlog dumps that words without a saturation finding name: one alone may be a moment's wake-up. */
export const BACKLOG_BURST_MIN_DUMPS = 2;
/**
 * Mean time slices below this (10 µs, some tens of the runtime's own schedule) are goroutines
 * giving up their P at once (yield, block, exit), and the words say so.
 */
const SHORT_SLICE_MS = 0.01;
/** The advice for goroutines that want more CPU than the Ps give. */
const MORE_CPU =
  'More goroutines want CPU than GOMAXPROCS Ps can run. Add CPU (raise the CPU limit and GOMAXPROCS together: Ps beyond the CPUs the process gets only add threads for the kernel to time-slice, so GOMAXPROCS above the limit is no cure), do less work per request, or bound concurrency (worker pool) so latency does not grow with the backlog.';
/** What slices under SHORT_SLICE_MS add in front of MORE_CPU. */
const POLLING_ADVICE =
  'If goroutines poll with runtime.Gosched, make them wait on a channel, a sync.Cond or a WaitGroup instead: a blocked goroutine takes no P until it is readied.';

/**
 * The backlog dumps of a log or run without a saturation finding (RunSummary.backlogDumps: no idle
 * P, a runnable goroutine waiting per P), as the words of analyze's headline and the report's story
 * say them: CPU-bound bursts shorter than saturation's streak. '' below BACKLOG_BURST_MIN_DUMPS.
 */
export function backlogBurstWords(backlogDumps: number, dumps: number): string {
  if (backlogDumps < BACKLOG_BURST_MIN_DUMPS) return '';
  return `in ${backlogDumps} of ${dumps} dumps no P was idle and at least one runnable goroutine per P waited (more goroutines wanted CPU than the Ps could run), in bursts shorter than saturation's ${SATURATION_DUMPS} dumps over ${SATURATION_MS} ms`;
}

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
 * The slice is measured from schedtick deltas (execute counts one per dispatch) when printed.
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
    };
    const noteStreakDump = (
      how: BacklogKind,
      gomaxprocs: number,
      idleprocs: number,
      runqueue: number,
      waiting: number,
      handoff = 0,
      inSyscall = 0,
    ): void => {
      const t = streakSoFar;
      if (streak === 1) {
        t.cpuStarved = t.idlePeak = t.waitingPeak = t.waitingSum = t.backlogSum = t.backlogPeak = t.globalPeak = 0;
        t.handoffPeak = t.inSyscallPeak = 0;
      }
      t.handoffPeak = Math.max(t.handoffPeak, handoff);
      t.inSyscallPeak = Math.max(t.inSyscallPeak, inSyscall);
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
      // Set again by step() where scheddetail shows more syscalls than schedules, or Ps in handoff:
      // a hit that had them starts from a fresh object, with the same keys in the same order. Deleting
      // them turned the one object into a dictionary, slower to fill, merge and copy at every hit after.
      if (evidence.syscalls !== undefined || evidence.handoffPeak !== undefined || evidence.inSyscallPeak !== undefined)
        hit.evidence = evidence = freshEvidence();
      const cpuStarved = how === 'cpu-starved';
      const running = gomaxprocs - idleprocs;
      const backlog = waiting / running;
      const sliceMs = dt !== null && dt > 0 && dispatched > 0 ? (dt * running) / dispatched : null;
      const queueingMs = backlog * (sliceMs ?? FORCE_PREEMPT_MS);
      const first = !hitYet;
      hitYet = true;
      const confidence = streak >= 10 && !cpuStarved && gapsInside === 0 ? 'certain' : 'likely';
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
        if (ctx.prev !== undefined && ctx.prev.gomaxprocs !== cur.gomaxprocs) return null;
        const queued = ctx.queued ?? sum(cur.runq);
        const waiting = cur.runqueue + queued;
        const how = saturatedDump(ctx, waiting);
        const isHit = onBacklog(how, cur.tMs, cur.line, cur.idleprocs < cur.gomaxprocs);
        const handoff = how !== null && cur.pStatus !== undefined ? handoffPs(cur.pStatus, cur.idleprocs) : 0;
        const inSyscall = (how !== null && cur.gByStatus?.syscall) || 0;
        if (how !== null) noteStreakDump(how, cur.gomaxprocs, cur.idleprocs, cur.runqueue, waiting, handoff, inSyscall);
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
        // As in step: the first dump after a GOMAXPROCS change leaves the streak as it is (a row is
        // never a stopping world's).
        if (b.gomaxprocs[r - 1] !== n) return null;
        const how = backlogOf(n, idle, Math.max(0, b.spinningthreads[r]!), waiting, b.gc[r] !== undefined);
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
    const n = e.dumps + h.dumps;
    e.waitingSum += h.waitingSum;
    e.backlogSum = round3(e.backlogSum + h.backlogSum);
    e.waitingMean = round1(e.waitingSum / n);
    e.waitingPeak = Math.max(e.waitingPeak, h.waitingPeak);
    e.backlogPerP = round1(e.backlogSum / n);
    e.backlogPerPPeak = Math.max(e.backlogPerPPeak, h.backlogPerPPeak);
    e.cpuStarvedDumps += h.cpuStarvedDumps;
    e.gapDumps += h.gapDumps;
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
  explain(f, run) {
    const e = f.evidence;
    // A ring far above the others (lopsidedRing) is named: in a saturated run that is the
    // backlog's shape, reported here rather than as a second finding (imbalance.ts).
    const lopsided =
      e.ringPeak > 0
        ? `, P${e.ringPeakP}'s ring up to ${e.ringPeak}: goroutines created or readied on a P wait on its ring until it runs them or a P with no work of its own steals half (runqgrab)`
        : '';
    const waited = `on average ${e.waitingMean} runnable goroutines waited (${e.backlogPerP} per running P, peak ${e.backlogPerPPeak}; global queue up to ${e.globalPeak}${lopsided})`;
    const span = f.tMs !== null && f.tEndMs !== null ? f.tEndMs - f.tMs : null;
    // A projection past the episode's length is no measurement: say what was seen.
    const queued =
      e.sliceMs === null
        ? unmeasuredWait(e.backlogPerP, e.queueingMs, run === undefined ? 'unknown' : preemptionOf(run))
        : span !== null && e.queueingMs > span
          ? `longer than the ${fmtMs(span)} the episode lasted (${e.backlogPerP} slices of ${fmtMs(e.sliceMs)})`
          : `about ${fmtMs(e.queueingMs)} before it ran, at the observed ${fmtMs(e.sliceMs)} per time slice (schedtick deltas)`;
    // A schedtick counts a new slice (execute without inheritTime): a goroutine that gets one and
    // leaves its P within microseconds yielded (Gosched → goschedImpl → globrunqput), blocked
    // (gopark) or ended (goexit0); no preemption is that frequent.
    const turns =
      e.sliceMs !== null && e.sliceMs > 0 && e.sliceMs < SHORT_SLICE_MS
        ? ` Slices that short (about ${Math.round(1 / e.sliceMs)} schedules a ms on each P) mean the running goroutines gave up their P almost as soon as they had it: each yielded (runtime.Gosched puts its caller on the global queue, goschedImpl), blocked, or ended within microseconds. The backlog is goroutines taking short turns rather than long computations waiting; a loop that polls and yields (for !ready { runtime.Gosched() }) keeps every poller runnable whether it has work or not, and looks just like this.`
        : '';
    // sysmon notes a P's schedtick when it looks, at most 10 ms apart (its longest sleep), and
    // preempts once forcePreemptNS passed since: a slice ends within about 20 ms. A mean past 30 ms
    // means the running goroutines were not preempted on time.
    // Unless the goroutines were in syscalls: exitsyscall's fast path gives a goroutine its own P
    // back without a schedule, sysmon's preemption does not reach a goroutine in a syscall, and up
    // to Go 1.25 retake leaves a P in a syscall alone while its syscalltick moved since its last look.
    const unpreempted =
      e.sliceMs !== null && e.sliceMs > 3 * FORCE_PREEMPT_MS && e.syscalls !== undefined
        ? ` A goroutine held its P that long across syscalls: the P lines show ${e.syscalls} syscalls against ${e.dispatches} schedules. One back from a syscall takes its own P again without a schedule (exitsyscall's fast path), sysmon's preemption does not reach a goroutine in a syscall, and a P whose syscalls each end before sysmon looks again is not retaken (retake: its syscalltick moved; up to Go 1.25), so a goroutine making many short syscalls keeps its P and the backlog waits for it.`
        : e.sliceMs !== null && e.sliceMs > 3 * FORCE_PREEMPT_MS
          ? ` Slices that long are past what sysmon's preemption allows (forcePreemptNS, ${FORCE_PREEMPT_MS} ms after sysmon, looking at most ${FORCE_PREEMPT_MS} ms apart, saw the slice begin): the running goroutines were not preempted, because their threads waited for CPUs (more Ps than the CPUs the process gets, or a CPU quota's throttling) or preemption was off (GODEBUG=asyncpreemptoff=1, or a loop without function calls before Go 1.14).`
          : '';
    // Slices of an ordinary length that span many syscalls each: the Ps were held by system calls
    // (exitsyscall's fast path runs the goroutine on without a schedule; a longer call keeps the P
    // until sysmon's retake hands it off), and more CPU for Go code is not what they wait for.
    const syscallBound = unpreempted === '' && e.syscalls !== undefined && e.syscalls >= 2 * e.dispatches;
    const perSchedule = Math.round((e.syscalls ?? 0) / Math.max(1, e.dispatches));
    const heldBySyscalls = syscallBound
      ? ` The P lines show ${e.syscalls} syscalls against ${e.dispatches} schedules (${perSchedule} per schedule)${e.inSyscallPeak !== undefined ? `, and the G lines up to ${e.inSyscallPeak} ${e.inSyscallPeak === 1 ? 'goroutine' : 'goroutines'} in a system call at one dump (status 3)` : ''}: the running goroutines made system calls through their slices. One back from a short call takes its own P again without a schedule (exitsyscall's fast path), and one in a longer call keeps its P until sysmon's retake hands it off (after 20 µs to 10 ms), so part of the Ps' busy time went to the kernel on those calls rather than to Go code.`
      : '';
    const syscallAdvice = syscallBound
      ? ` The goroutines make ${perSchedule} system calls per schedule: bound how many make blocking calls at once (a small pool for exec, file or cgo work) and batch small calls.`
      : '';
    // Threads busy well beyond the Ps' own: goroutines in blocking syscalls or cgo calls hold them
    // (or LockOSThread). One that returns finds no idle P and queues (exitsyscall → globrunqput),
    // and until sysmon's retake a P stays with a goroutine in a syscall (_Psyscall; from Go 1.26
    // _Prunning): busy Ps and a backlog, with the CPUs maybe not the limit.
    const manyThreads = e.busyThreadsPeak > threadLimit(e.gomaxprocs);
    // The M lines say which: threads locked by LockOSThread beyond the Ps' own are not in syscalls.
    const locked = manyThreads && e.lockedThreads !== null && e.lockedThreads >= e.busyThreadsPeak - e.gomaxprocs;
    const syscalls = locked
      ? ` Up to ${e.busyThreadsPeak} threads were busy for ${e.gomaxprocs} Ps, ${e.lockedThreads} of them locked to goroutines (LockOSThread; the M lines show lockedg): a locked goroutine runs only on its own thread, so each time a P picks one it hands itself to that thread (startlockedm) and its own M stops. The backlog is locked goroutines waiting for a P.`
      : manyThreads && e.globalPeak === 0
        ? // exitsyscall0 puts a goroutine that finds no idle P on the global queue: an empty one in
          // every dump says the backlog is not such goroutines.
          ` Up to ${e.busyThreadsPeak} threads were busy for ${e.gomaxprocs} Ps: goroutines in blocking syscalls or cgo calls, or locked to threads (LockOSThread), hold them. The backlog is not goroutines back from syscalls, though: one that finds no idle P goes to the global queue (exitsyscall0 → globrunqput), which was empty at every dump; it sat on the Ps' rings, where goroutines readied on a P wait (with scheddetail the M lines say which threads are locked, the G lines which goroutines are in syscalls).`
        : manyThreads
          ? ` But up to ${e.busyThreadsPeak} threads were busy for ${e.gomaxprocs} Ps: goroutines in blocking syscalls or cgo calls, or locked to their threads (LockOSThread), hold them; only scheddetail's M and G lines tell which. One back from a syscall that finds no idle P waits in the run queues (exitsyscall → globrunqput), as a preempted one does (gopreempt_m → globrunqput), so part of this backlog may be such goroutines and the Ps, not necessarily the CPUs, the limit.`
          : '';
    if (e.cpuStarvedDumps === 0 && e.handoffPeak !== undefined) {
      // idleprocs counts the idle list only; a P handed to an M that has not run yet is off it.
      const lockedNote =
        e.lockedThreads !== null && e.lockedThreads > 0
          ? ` ${e.lockedThreads} Ms held goroutines locked to them (LockOSThread, the M lines' lockedg): each time a P picks one it hands itself to that goroutine's thread (startlockedm) and its own M stops, so every dispatch of a locked goroutine waits for a thread switch.`
          : '';
      return {
        explanation: `CPU saturation, the Ps waiting for threads: no P was on the idle list (idleprocs=0) ${e.gapDumps === 0 ? `in ${seenIn(e)} while ${waited}` : `and goroutines waited in ${seenIn(e)}; there ${waited}`}. But the P lines show up to ${e.handoffPeak} of ${e.gomaxprocs} Ps running nothing (status 0, m=nil): each had been handed to an M that had not started running yet (startm, or startlockedm, set mp.nextp and woke the thread), whose thread was waiting for a CPU. So not every P was running a goroutine; the backlog waited for threads to get a CPU as much as for Ps. A runnable goroutine waited ${queued}.${turns}${lockedNote}${unpreempted}${heldBySyscalls}`,
        suggestion:
          lockedNote !== ''
            ? 'Run fewer locked goroutines at once, or lock only the goroutines that need their thread: every dispatch of one switches threads (startlockedm). If GOMAXPROCS is above the CPUs the process gets, lower it to the CPU limit.'
            : `GOMAXPROCS is above the CPUs the process gets (a container CPU limit, or other processes on the cores): set GOMAXPROCS to the CPU limit, or give the process more CPU.${syscallAdvice}`,
      };
    }
    // idleprocs counts the idle list only: without the P lines a P off it may also be in a syscall
    // (_Psyscall, up to Go 1.25) or handed to a thread that has not run yet (startm sets mp.nextp).
    const offIdleList =
      "running a goroutine or, as only scheddetail's P lines could tell, in a syscall or handed to a thread that had not started yet (startm)";
    const busyPs =
      run?.detail === true
        ? 'Every P was running a goroutine, so nothing could steal'
        : e.gomaxprocs === 1
          ? `The one P was never free: it was ${offIdleList}, so the backlog waited its turn`
          : `No P was free: each was ${offIdleList}. A P takes from the others' queues only once its own work runs out (findRunnable → stealWork), so the backlog waited its turn`;
    if (e.cpuStarvedDumps === 0)
      return {
        explanation: `CPU saturation, every P busy: ${e.gapDumps === 0 ? `no P was idle in ${seenIn(e)} while ${waited}` : `no P was idle and at least one goroutine per P waited in ${seenIn(e)}; there ${waited}`}. ${busyPs}; a runnable goroutine waited ${queued}.${turns}${unpreempted}${syscalls}${heldBySyscalls}`,
        suggestion:
          syscalls === ''
            ? `${turns === '' ? MORE_CPU : `${POLLING_ADVICE} If they do not, ${MORE_CPU[0]!.toLowerCase()}${MORE_CPU.slice(1)}`}${syscallAdvice}`
            : locked
              ? 'The locked goroutines want more CPU than GOMAXPROCS Ps give: run fewer of them at once, or give the process more CPU and Ps. Every dispatch of one also switches threads (startlockedm), so lock only the goroutines that need their thread, and let them run long slices.'
              : syscallBound
                ? `${syscallAdvice.trim()} If the CPUs have room, more Ps (GOMAXPROCS) let the others run sooner.`
                : 'Capture with GODEBUG=scheddetail=1 to see which: G lines with status=3 are in syscalls, M lines with lockedg= are locked threads. For syscalls, bound the blocking calls (a small pool for file, fsync or cgo work) so fewer goroutines come back at once; for locked goroutines, run fewer at once. If the CPUs have room, more Ps (GOMAXPROCS) let them run sooner.',
      };
    const busy = e.dumps - e.cpuStarvedDumps;
    const lead =
      busy > 0
        ? `CPU saturation: ${e.gapDumps === 0 ? `every P busy with a backlog in ${busy} of ${seenIn(e)}` : `a backlog in ${seenIn(e)}, every P busy in ${busy} of them`}; in the other ${e.cpuStarvedDumps} up to ${e.idleprocsPeak} of ${e.gomaxprocs} Ps were idle beside the backlog while an M was spinning, probably because the CPUs, not the Ps, ran out`
        : `Probably CPU saturation outside the Ps: in ${seenIn(e)} up to ${e.idleprocsPeak} of ${e.gomaxprocs} Ps were idle beside the backlog while an M was spinning`;
    return {
      explanation: `${lead}; ${waited}. A spinning M that runs takes waiting work within microseconds (globrunqget, stealWork → runqgrab), so its thread was waiting for a CPU: the OS had more runnable threads than cores for this process, and wakep starts the next M only once the spinning one finds work, so Ms came up one at a time. A runnable goroutine waited ${queued}.${turns}${unpreempted}`,
      suggestion:
        'GOMAXPROCS is above the CPUs the process gets (a container CPU limit, or other processes on the cores). Set GOMAXPROCS to the CPU limit (Go 1.25+ does so under cgroup limits unless GOMAXPROCS is set), or give the process more CPU.',
    };
  },
};

/**
 * The wait behind backlogPerP slices when no schedtick measures them. sysmon's forcePreemptNS bounds
 * a slice only where preemption is asynchronous (preemption.ts), and only in the wall time of threads
 * that have a CPU: with more Ps than the CPUs the process gets, a preempted thread waits for a core.
 */
function unmeasuredWait(backlogPerP: number, queueingMs: number, preemption: Preemption): string {
  const slices = `up to ${backlogPerP} time slices before it ran`;
  // retake preempts a goroutine that has run forcePreemptNS when sysmon looks, and sysmon sleeps
  // up to 10 ms between looks: a slice ends within about twice forcePreemptNS.
  const bound = `each at most about ${2 * FORCE_PREEMPT_MS} ms while the Ps' threads have a CPU (sysmon preempts a goroutine that has run ${FORCE_PREEMPT_MS} ms, forcePreemptNS, when it looks, and it looks at most ${FORCE_PREEMPT_MS} ms apart), so at most about ${fmtMs(2 * backlogPerP * FORCE_PREEMPT_MS)}, longer where the threads wait for CPUs (more Ps than the CPUs the process gets, or a CPU quota's throttling)`;
  const unmeasured =
    'this log prints no schedticks to measure the slices, and goroutines that block or yield sooner wait less';
  if (preemption === 'async') return `${slices}, ${bound}; ${unmeasured}`;
  if (preemption === 'cooperative')
    return `${slices}, with no upper bound: this release predates asynchronous preemption (Go 1.14; its P lines print no timerslen), so sysmon's request after forcePreemptNS (${FORCE_PREEMPT_MS} ms) is seen only at the running goroutine's next function call, and a loop without calls keeps its P until it blocks or ends (slices of ${FORCE_PREEMPT_MS} ms would make about ${fmtMs(queueingMs)}); ${unmeasured}`;
  return `${slices}; on Go 1.14 and later ${bound}; Go 1.5 to 1.13, whose summary line is the same, preempt only at a function call, where a loop without calls keeps its P and the wait has no bound; ${unmeasured}`;
}

/**
 * The dumps an episode's backlog was seen in: "N consecutive dumps", or, where it went on through
 * dumps without it (SATURATION_GAP_DUMPS), "N of M dumps" and the gaps' bound.
 */
function seenIn(e: SaturationEvidence): string {
  return e.gapDumps === 0 ? `${e.dumps} consecutive dumps` : `${e.dumps} of ${e.dumps + e.gapDumps} dumps ${IN_PHASES}`;
}

/** How an episode with dumps without the backlog went on through them. */
const IN_PHASES = `(in phases: the backlog was gone at ${SATURATION_GAP_DUMPS === 1 ? 'single dumps' : `up to ${SATURATION_GAP_DUMPS} dumps in a row`}, or ${SATURATION_SERIAL_GAP_DUMPS} where a P still ran, a serial step, between them, and back at the next)`;

/** The backlog's dumps so far and, with `gaps` dumps without it among them, the gaps' bound. */
function reasonText(cpuStarved: boolean, streak: number, gaps: number): string {
  const what = cpuStarved ? 'idle Ps beside a backlog while an M was spinning' : 'no idle P and a backlog';
  const seen =
    gaps === 0
      ? `${what} in ${streak} consecutive dumps`
      : `${what} in ${streak} of ${streak + gaps} dumps, never gone for more than ${SATURATION_GAP_DUMPS === 1 ? 'one dump' : `${SATURATION_GAP_DUMPS} dumps`} in a row, or ${SATURATION_SERIAL_GAP_DUMPS} in which a P still ran`;
  return cpuStarved
    ? `${seen}: the spinning M was not running, which points at the OS's CPUs, but schedtrace does not show the OS run queue`
    : streak >= 10 && gaps === 0
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
  if (gaps > 0 || streak >= CACHED_STREAKS) return reasonText(cpuStarved, streak, gaps);
  const cache = cpuStarved ? starvedReasons : busyReasons;
  return (cache[streak] ??= reasonText(cpuStarved, streak, 0));
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
