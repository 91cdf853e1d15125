import { dedicatedMarkWorkers } from '../../trace/runtime-constants.js';
import { type Check, type Hit, intervalMs, round1, round3, GC_CYCLES, withinMergeGap } from '../check.js';
import type { GcSample } from '../../trace/gc-sample.js';
import type { SummaryBatch } from '../../trace/summary-batch.js';
import type { GcPause, GcPressureEvidence } from '../evidence.js';
import { explainGcPressure } from './gc-pressure-words.js';
import { stwProcsOf, stwShareOf, windowMs } from './gc-stop-share.js';
import {
  GC_CPU_PERCENT,
  GC_CYCLES_PER_SECOND,
  GC_DUMPS,
  GC_HOLD_SPANS,
  GC_NEGLIGIBLE_CPUS_PERCENT,
  GC_NEGLIGIBLE_PERCENT,
  GC_PAUSE_MS,
  GC_PAUSE_WEIGHTED_FLOOR,
  GC_SUSTAINED_MS,
  RUNTIME_SHARE_ERROR_MAX,
} from './gc-thresholds.js';

/**
 * GC's share of the Ps' time between two of the runtime's cumulative figures, percent, or null
 * when they cannot give it within RUNTIME_SHARE_ERROR_MAX points. Each gctrace line prints GC's
 * CPU since the program started over GOMAXPROCS × the time since then (gcMarkTermination:
 * gc_cpu_fraction), so u·T is GC's time per P up to T and the difference of two is the span's, in
 * the release's own accounting: the pauses count as work.stwprocs × their wall clock up to Go 1.22
 * (mgc.go: sweepTermCpu, markTermCpu), and from Go 1.23 as each P's time from when it stopped until
 * the world was stopped (stopTheWorldWithSema's stoppingCPUTime) plus GOMAXPROCS × the time the
 * world stood stopped (accumulateGCPauseTime). The percentages are printed truncated to an integer:
 * the difference is off by less than T2/(T2 − T1) points, so a span must cover at least half the
 * program's life until its end. Holds only while GOMAXPROCS did not change (the total is per P).
 */
export function runtimeSpanShare(
  from: { atMs: number; percent: number },
  to: { atMs: number; percent: number },
  episodeMs = Number.POSITIVE_INFINITY,
): number | null {
  const span = to.atMs - from.atMs;
  if (span <= 0 || to.atMs / span > RUNTIME_SHARE_ERROR_MAX) return null;
  // The figures are printed only at cycles: the first is the last cycle before the episode, which a
  // pause with no cycle can put far before it. When most of the window lies outside the episode,
  // the difference is no share of the episode's time.
  if (span > 2 * episodeMs) return null;
  return Math.max(0, Math.round((to.percent * to.atMs - from.percent * from.atMs) / span));
}

/**
 * Up to two dumps without a cycle (dumps closer than cycles) stay inside one episode, and so do long
 * pauses a second or less apart (a program whose every few cycles stop the world that long).
 */
const MERGE_GAP = { dumps: 3, ms: 1000 };

/** The gctrace figures of some dump intervals' cycles, summed (pending: those of the next hit). */
interface Sums {
  cycles: number;
  ms: number;
  assist: number;
  background: number;
  stw: number;
  stwCpu: number;
  stwOverCpuWait: number;
  mark: number;
  forced: number;
  fromMs: number;
  toMs: number;
  firstCycle: number;
  firstGoalMB: number;
  /** The longest pause among them (ms -1: none yet). */
  pause: GcPause;
  /** The dumps they came with, and the runtime's cumulative figure before the first of them. */
  dumps: number;
  runtimeBefore: { atMs: number; percent: number };
}

function emptySums(): Sums {
  return {
    cycles: 0,
    ms: 0,
    assist: 0,
    background: 0,
    stw: 0,
    stwCpu: 0,
    stwOverCpuWait: 0,
    mark: 0,
    forced: 0,
    fromMs: 0,
    toMs: 0,
    firstCycle: 0,
    firstGoalMB: 0,
    pause: { ms: -1, cycle: 0, atMs: 0, phase: 'sweep termination' },
    dumps: 0,
    runtimeBefore: { atMs: 0, percent: 0 },
  };
}

function clearSums(s: Sums): void {
  s.cycles = s.ms = s.assist = s.background = s.forced = 0;
  s.stw = s.stwCpu = s.stwOverCpuWait = s.mark = 0;
  s.fromMs = s.toMs = 0;
  s.firstCycle = s.firstGoalMB = s.dumps = 0;
  s.pause.ms = -1;
}

/** Adds one dump's cycles `gc`, over `dt` ms up to the dump at tMs, `before` the runtime's figure before them. */
function addSums(
  s: Sums,
  gc: GcSample,
  dt: number,
  tMs: number | null,
  before: { atMs: number; percent: number },
): void {
  // The wall-clock window the cycles fell in: from the first one's start (a cycle may have begun
  // before the dump before, its mark longer than the interval) to the dump.
  if (tMs !== null) {
    const start = Math.min(tMs - dt, gc.firstAtMs);
    s.fromMs = s.cycles === 0 ? start : Math.min(s.fromMs, start);
    s.toMs = tMs;
  }
  if (s.cycles === 0) {
    s.firstCycle = gc.firstCycle;
    s.firstGoalMB = gc.firstGoalMB;
    s.runtimeBefore = before;
  }
  s.cycles += gc.cycles;
  s.dumps++;
  s.ms += dt;
  s.assist += gc.assistCpuMs;
  s.background += gc.backgroundCpuMs;
  s.stw += gc.stwMs;
  s.stwCpu += gc.stwCpuMs;
  s.stwOverCpuWait += gc.stwOverCpuWait ?? 0;
  s.mark += gc.markMs;
  s.forced += gc.forced;
  if (gc.stwLongestMs > s.pause.ms) {
    s.pause.ms = gc.stwLongestMs;
    s.pause.cycle = gc.stwLongestCycle;
    s.pause.atMs = gc.stwLongestAtMs;
    s.pause.phase = gc.stwLongestPhase;
  }
}

/** Adds `o`'s intervals to `s`'s: `o` the earlier ones when `earlier`, else the later. */
function joinSums(s: Sums, o: Sums, earlier: boolean): void {
  if (o.cycles === 0) return;
  if (s.cycles === 0) {
    s.fromMs = o.fromMs;
    s.toMs = o.toMs;
  } else {
    s.fromMs = Math.min(s.fromMs, o.fromMs);
    s.toMs = Math.max(s.toMs, o.toMs);
  }
  if (earlier || s.cycles === 0) {
    s.firstCycle = o.firstCycle;
    s.firstGoalMB = o.firstGoalMB;
    s.runtimeBefore = o.runtimeBefore;
  }
  if (o.pause.ms > s.pause.ms || (earlier && o.pause.ms === s.pause.ms)) s.pause = { ...o.pause };
  s.cycles += o.cycles;
  s.dumps += o.dumps;
  s.ms += o.ms;
  s.assist += o.assist;
  s.background += o.background;
  s.stw += o.stw;
  s.stwCpu += o.stwCpu;
  s.stwOverCpuWait += o.stwOverCpuWait;
  s.mark += o.mark;
  s.forced += o.forced;
}

/**
 * GC pressure from the gctrace lines between dumps (gcMarkTermination prints one per cycle):
 * many cycles per second (a small heap goal: GOGC, GOMEMLIMIT) or a large CPU share, the cpu
 * fields' or the runtime's own cumulative figure (mark assists
 * slow the allocating goroutines; dedicated workers take about 25% of the Ps for the mark phase,
 * gcControllerState.startCycle). A dedicated worker that is preempted moves its P's whole ring to
 * the global queue (gcBgMarkWorker → runqdrain + globrunqputbatch; a runqget/globrunqput loop up to
 * Go 1.16), runnext with it: a global jump with no 129-step during GC.
 */
export const gcPressure: Check<'gc-pressure'> = {
  kind: 'gc-pressure',
  basis: 'threshold',
  severity: 'warning',
  mergeGap: MERGE_GAP,
  perP: false,
  quietUnless: { wakesOn: GC_CYCLES, settlesAfter: 3 },
  create() {
    let streak = 0;
    /** Time of the last dump that carried gctrace cycles: rates are over the time since then. */
    let lastGcT: number | null = null;
    let quiet = 0;
    // The runtime's cumulative figure at the last cycle seen (0 at the program's start); GOMAXPROCS
    // must hold for differences of it to mean anything (the figure is per P).
    const cum = { atMs: 0, percent: 0 };
    // The streak's cycles and where its time began: a streak lasts while its average rate holds,
    // so one interval with a single cycle does not cut a sustained pressure into episodes.
    let streakCycles = 0;
    let streakSince = 0;
    let streakLine = 0;
    // Whether the streak has been reported as sustained, and whether it has made a hit at all (its
    // first hit, a long pause or the one that made it sustained, spans the streak from its start).
    let streakSustained = false;
    let streakHit = false;
    // Whether the streak began with the process's first cycle and has had no long pause (Hit.fromStart).
    let fromStart = false;
    // What the dumps since the last hit carried (at the first hit, the whole streak).
    const pending = emptySums();
    const clearPending = () => clearSums(pending);
    // The cycles since the last hit that made none: cheap intervals, and a streak broken before its
    // first hit. The runner's merge gap keeps the episode open across them, so the next hit within
    // it takes them (fill) and the episode counts every cycle of the window it is reported over.
    const lull = emptySums();
    // The last hit's dump (null: none, or too far back for its episode to go on) and the dumps since,
    // counted as the runner counts them (every dump steps this check until three without cycles, and
    // those three alone are past the gap's dumps).
    let lastHit: { tMs: number | null; line: number } | null = null;
    let dumpsSinceHit = 0;
    /** Whether a hit at the dump of time tMs would continue the last hit's episode (runner.ts, continues). */
    const withinGap = (tMs: number | null): boolean =>
      lastHit !== null && withinMergeGap(MERGE_GAP, dumpsSinceHit, lastHit.tMs, tMs);
    /** Moves pending (a broken streak) to the lull while the episode may go on at the dump of time tMs; false once it cannot. */
    const toLull = (tMs: number | null): boolean => {
      if (!withinGap(tMs)) {
        // The gap only grows: the episode closes before the next hit.
        lastHit = null;
        clearSums(lull);
        clearPending();
        return false;
      }
      joinSums(lull, pending, false);
      clearPending();
      return true;
    };
    let runProcs = 0;
    let procsHeld = true;
    // The run's first dump, and the last dump that carried cycles (never forgotten, unlike lastGcT):
    // a spaced hit's span starts there.
    let firstT: number | null = null;
    let firstLine = 0;
    let lastCycleT: number | null = null;
    let lastCycleLine = 0;
    // After a spaced hit its episode is held open until the next cycle says whether it goes on, up
    // to GC_HOLD_SPANS of the hit's span: the next cycle comes once the heap grew to the goal, and
    // GOGC=100 sets each goal at about twice the heap the last cycle marked, so the goal doubles
    // each cycle while the live heap grows with it.
    let holding = false;
    let holdUntil = 0;
    // One hit and one evidence object, filled again at every hit (the runner copies the evidence).
    const evidence: GcPressureEvidence = {
      gomaxprocs: 0,
      cycles: 0,
      spanMs: 0,
      cyclesPerSecond: 0,
      gcCpuPercent: 0,
      runtimeCpuPercent: 0,
      runtimeFrom: { atMs: 0, percent: 0 },
      runtimeTo: { atMs: 0, percent: 0 },
      runtimeSpanPercent: null,
      gomaxprocsHeld: true,
      assistCpuMs: 0,
      backgroundCpuMs: 0,
      stwMs: 0,
      stwCpuMs: 0,
      stwOverCpuWait: 0,
      stwSharePercent: 0,
      stwWindow: { fromMs: 0, toMs: 0 },
      markMs: 0,
      dedicatedWorkers: 0,
      drainJumps: 0,
      forcedCycles: 0,
      heap: null,
      longestPause: { ms: 0, cycle: 0, atMs: 0, phase: 'sweep termination' },
      sustained: false,
      spaced: false,
      fromCycle: 0,
      fromGoalMB: 0,
    };
    /** The live heap the last cycle left (MB); the latest goal and the live heap it was set from (0: none yet). */
    let lastLiveMB = 0;
    let goalMB = 0;
    let liveBeforeMB = 0;
    const hit: Hit<'gc-pressure'> = {
      confidence: 'certain',
      confidenceReason: 'read from the runtime’s own gctrace lines',
      evidence,
    };
    /**
     * A dump's cycles `gc` after the dump before (time prevT, input line prevLine), `interval` ms
     * apart; `drained(growth)` whether a ring fell by enough beside a global queue grown by `growth`.
     * The hit when the pressure is sustained.
     */
    const onCycles = (
      gc: GcSample,
      tMs: number | null,
      prevT: number | null,
      prevLine: number,
      curLine: number,
      interval: number,
      procs: number,
      growth: number,
      drained: (growth: number) => boolean,
      trailing = false,
    ): Hit<'gc-pressure'> | null => {
      quiet = 0;
      // The interval's first cycle started from the goal set on the live heap of the cycle before.
      if (lastLiveMB > 0 && gc.firstGoalMB > 0) {
        goalMB = gc.firstGoalMB;
        liveBeforeMB = lastLiveMB;
      }
      lastLiveMB = gc.heapLiveMB;
      // The cycles' window: from the point before, or from the first cycle's start when it began
      // later (dumps seconds apart: the idle head of the interval is not theirs); cycles after the
      // run's last dump, their own time.
      const since = lastGcT ?? prevT;
      const from = trailing || (since !== null && gc.firstAtMs > since) ? gc.firstAtMs : since;
      lastGcT = tMs;
      const dt = from !== null && tMs !== null && tMs > from ? tMs - from : interval;
      const spacedFrom = lastCycleT ?? firstT;
      const spacedLine = lastCycleT !== null ? lastCycleLine : firstLine;
      const spacing = spacedFrom !== null && tMs !== null ? tMs - spacedFrom : 0;
      lastCycleT = tMs;
      lastCycleLine = curLine;
      // The runtime's own per-cycle CPU: its pauses as the cpu fields print them, not wall clock × Ps
      // (on more Ps than CPUs that would count the Ps still running goroutines while the world stops).
      const gcCpu = gc.assistCpuMs + gc.backgroundCpuMs + gc.stwCpuMs;
      const cpuPercent = (100 * gcCpu) / (dt * procs);
      const perSecond = (gc.cycles * 1000) / dt;
      const sustained =
        streak > 0 &&
        tMs !== null &&
        tMs > streakSince &&
        ((streakCycles + gc.cycles) * 1000) / (tMs - streakSince) >= GC_CYCLES_PER_SECOND;
      // With the runtime's own figure under 1% since the start, the cpu fields must show twice the
      // floor: they count each pause on min(GOMAXPROCS, CPUs) CPUs for its whole wall clock, where
      // from Go 1.23 the runtime counts a P's stopping only from when it stopped, so for cycles of
      // short marks and long-to-stop worlds they can run to about double its own share.
      // The CPUs are work.stwprocs, what the cpu fields made of the pauses' wall clock (stwProcs).
      const cpus = Math.min(procs, Math.max(1, stwProcsOf(gc.stwCpuMs, gc.stwMs, procs)));
      const costs =
        (100 * gcCpu) / (dt * cpus) >= GC_NEGLIGIBLE_CPUS_PERCENT &&
        (gc.cpuPercent >= GC_NEGLIGIBLE_PERCENT || cpuPercent >= GC_PAUSE_WEIGHTED_FLOOR * GC_NEGLIGIBLE_PERCENT);
      // The stop-the-world phases' wall clock is time every P stood still or waited for the last to
      // stop, whatever the CPU accounting makes of it: on more Ps than CPUs the cpu fields (and the
      // runtime's own figure up to Go 1.22) count the pauses on the CPUs only, and from Go 1.23 the
      // runtime's figure counts a P's stopping only from when that P stopped (stoppingCPUTime).
      const stwShare = (100 * gc.stwMs) / dt;
      const heavy =
        (costs && (sustained || perSecond >= GC_CYCLES_PER_SECOND)) ||
        cpuPercent >= GC_CPU_PERCENT ||
        gc.cpuPercent >= GC_CPU_PERCENT ||
        stwShare >= GC_CPU_PERCENT;
      if (runProcs === 0) runProcs = procs;
      else if (procs !== runProcs) procsHeld = false;
      const before = { atMs: cum.atMs, percent: cum.percent };
      // gcMarkTermination computes the figure as the cycle ends: it is the share up to then.
      cum.atMs = gc.lastEndMs;
      cum.percent = gc.cpuPercent;
      const longPause = gc.stwLongestMs >= GC_PAUSE_MS;
      if (!heavy) {
        streak = 0;
        holding = false;
        const kept = toLull(tMs);
        if (!longPause) {
          if (kept) addSums(lull, gc, dt, tMs, before);
          return null;
        }
        // A long stop-the-world is a hit of its own, however cheap the cycles around it.
        fromStart = false;
        addSums(pending, gc, dt, tMs, before);
        return fill(gc, procs, false, growth, drained, tMs, curLine);
      }
      if (streak === 0) {
        fromStart = gc.firstCycle === 1;
        streakCycles = 0;
        streakSince = tMs === null ? 0 : tMs - dt;
        streakLine = prevLine;
        streakSustained = false;
        streakHit = false;
        // What a streak broken before its first hit left (three dumps without cycles end it).
        toLull(tMs);
      }
      streakCycles += gc.cycles;
      streak++;
      // A spaced hit holds its episode open until the next cycle, which goes on with it or ends it.
      // Cycles too far apart for GC_DUMPS dumps in a row (long marks of a large heap, a slower
      // allocation rate) are sustained pressure when one cycle's CPU comes to GC_CPU_PERCENT of the
      // Ps' time since the dump that carried the cycle before, a span of GC_DUMPS intervals or more.
      holding =
        streak < GC_DUMPS && spacing >= GC_DUMPS * interval && (100 * gcCpu) / (spacing * procs) >= GC_CPU_PERCENT;
      if (holding) {
        holdUntil = (tMs ?? 0) + GC_HOLD_SPANS * spacing;
        // The hit's span is the cycle's (and touches a spaced episode the cycle before held open).
        toLull(tMs);
        addSums(pending, gc, spacing, tMs, before);
        streakHit = true;
        const h = fill(gc, procs, false, growth, drained, tMs, curLine);
        evidence.sustained = evidence.spaced = true;
        h.since ??= { tMs: spacedFrom, line: spacedLine };
        return h;
      }
      addSums(pending, gc, dt, tMs, before);
      const longEnough =
        streak >= GC_DUMPS || (streakCycles >= GC_DUMPS && tMs !== null && tMs - streakSince >= GC_SUSTAINED_MS);
      if (!longEnough && !longPause) return null;
      if (longEnough) streakSustained = true;
      // A long pause on the streak's first dump is a hit of that dump alone, as on a cheap one.
      const opening = !streakHit && (longEnough || streak > 1);
      streakHit = true;
      return fill(gc, procs, opening, growth, drained, tMs, curLine);
    };
    /**
     * The hit of the pending dumps: `opening` when they are the streak up to its first hit (a long
     * pause or the dump that made it sustained), which the hit spans from the streak's start.
     */
    const fill = (
      gc: GcSample,
      procs: number,
      opening: boolean,
      growth: number,
      drained: (growth: number) => boolean,
      tMs: number | null,
      line: number,
    ): Hit<'gc-pressure'> => {
      // The lull since the last hit, when this hit continues its episode: the cycles are the window's.
      const lead = lull.cycles > 0 && withinGap(tMs) ? lastHit : null;
      if (lead !== null) joinSums(pending, lull, true);
      clearSums(lull);
      lastHit = { tMs, line };
      dumpsSinceHit = 0;
      // Only a dedicated worker drains its ring when preempted (gcBgMarkWorker, dedicated mode).
      const drain = dedicatedMarkWorkers(procs) > 0 && growth >= 2 * procs && drained(growth) ? 1 : 0;
      evidence.gomaxprocs = procs;
      evidence.cycles = pending.cycles;
      evidence.spanMs = pending.ms;
      evidence.cyclesPerSecond = round1((pending.cycles * 1000) / pending.ms);
      evidence.gcCpuPercent = round1(
        (100 * (pending.assist + pending.background + pending.stwCpu)) /
          (windowMs({ fromMs: pending.fromMs, toMs: pending.toMs }, pending.ms) * procs),
      );
      evidence.runtimeCpuPercent = gc.cpuPercent;
      // The runtime's figure before the first of the hit's dumps (a hit after the streak's first may
      // stand for several: heavy dumps before the streak was sustained, after a long pause's hit).
      evidence.runtimeFrom = pending.runtimeBefore;
      evidence.runtimeTo = { atMs: cum.atMs, percent: cum.percent };
      evidence.gomaxprocsHeld = procsHeld;
      evidence.runtimeSpanPercent = procsHeld
        ? runtimeSpanShare(evidence.runtimeFrom, evidence.runtimeTo, evidence.spanMs)
        : null;
      evidence.assistCpuMs = round3(pending.assist);
      evidence.backgroundCpuMs = round3(pending.background);
      evidence.stwMs = round3(pending.stw);
      evidence.stwCpuMs = round3(pending.stwCpu);
      evidence.stwOverCpuWait = pending.stwOverCpuWait;
      evidence.stwWindow = { fromMs: pending.fromMs, toMs: pending.toMs };
      evidence.stwSharePercent = stwShareOf(pending.stw, evidence.stwWindow, pending.ms);
      evidence.markMs = round3(pending.mark);
      evidence.dedicatedWorkers = dedicatedMarkWorkers(procs);
      evidence.drainJumps = drain;
      evidence.forcedCycles = pending.forced;
      evidence.heap = liveBeforeMB > 0 ? { goalMB, liveBeforeMB } : null;
      evidence.sustained = streakSustained;
      evidence.spaced = false;
      evidence.fromCycle = pending.firstCycle;
      evidence.fromGoalMB = pending.firstGoalMB;
      const pause = pending.pause;
      // A streak that began with the process's first cycle, no pause in it long (GC_PAUSE_MS).
      if (pause.ms >= GC_PAUSE_MS) fromStart = false;
      hit.fromStart = fromStart;
      // A new object: the runner copies the evidence shallowly, so a nested one must not be reused.
      evidence.longestPause = {
        ms: Math.max(0, round1(pause.ms)),
        cycle: pause.cycle,
        atMs: pause.atMs,
        phase: pause.phase,
      };
      // GC's time per P: by the runtime's cumulative figures while GOMAXPROCS held (the differences
      // add up to the episode's), else by the cpu fields.
      // The stop-the-world phases stopped every P for their wall clock, whatever the cycles' share.
      hit.impact = Math.max(
        procsHeld
          ? Math.max(0, (cum.percent * cum.atMs - evidence.runtimeFrom.percent * evidence.runtimeFrom.atMs) / 100)
          : (pending.assist + pending.background + pending.stwCpu) / procs,
        pause.ms >= GC_PAUSE_MS ? pause.ms : 0,
        pending.stw,
      );
      hit.dumps = pending.dumps;
      clearPending();
      hit.moved = drain ? growth : 0;
      // The streak's first hit spans it from its first cycles' window; with a lull, from the last
      // hit's dump, which makes the runner continue the episode.
      hit.since = lead !== null ? lead : opening ? { tMs: streakSince, line: streakLine } : undefined;
      return hit;
    };
    /** A dump without cycles: three in a row end the streak (dumps closer together than GC cycles). */
    const noCycles = (): void => {
      if (++quiet >= 3) {
        streak = 0;
        lastGcT = null;
      }
    };
    // The rings of stepRow's dump and of the one before, for rowDrained: set before each onCycles.
    let rows: SummaryBatch | undefined;
    let ringsBefore = 0;
    let ringsBeforeEnd = 0;
    let ringsFrom = 0;
    let ringsEnd = 0;
    /** step's ring test on the columns: a ring missing before counts as 0. */
    const rowDrained = (growth: number): boolean => {
      const b = rows!;
      const least = Math.max(4, growth / 2);
      for (let i = 0; ringsFrom + i < ringsEnd; i++) {
        const before = ringsBefore + i < ringsBeforeEnd ? b.runq[ringsBefore + i]! : 0;
        if (before - b.runq[ringsFrom + i]! >= least) return true;
      }
      return false;
    };
    return {
      reset() {
        streak = 0;
        lastGcT = null;
        quiet = 0;
        cum.atMs = 0;
        cum.percent = 0;
        runProcs = 0;
        procsHeld = true;
        lastLiveMB = goalMB = liveBeforeMB = 0;
        firstT = lastCycleT = null;
        firstLine = lastCycleLine = 0;
        holding = false;
        clearPending();
        clearSums(lull);
        lastHit = null;
        dumpsSinceHit = 0;
      },
      holdsEpisode: (tMs) => holding && tMs !== null && tMs <= holdUntil,
      step(ctx) {
        dumpsSinceHit++;
        const { prev, cur } = ctx;
        if (prev === undefined) {
          firstT = cur.tMs;
          firstLine = cur.line;
        }
        const gc = cur.gc;
        const interval = intervalMs(ctx);
        if (gc === undefined || prev === undefined || interval === null || interval <= 0) {
          if (gc === undefined) noCycles();
          return null;
        }
        const growth = cur.runqueue - prev.runqueue;
        return onCycles(gc, cur.tMs, prev.tMs, prev.line, cur.line, interval, cur.gomaxprocs, growth, (g) =>
          cur.runq.some((n, i) => (prev.runq[i] ?? 0) - n >= Math.max(4, g / 2)),
        );
      },
      trailingGc(last, gc, tMs) {
        // Cycles after the run's last dump, as if a dump when the last ended had carried them; their
        // rates over their own time (onCycles, trailing).
        dumpsSinceHit++;
        if (last.tMs === null) return null;
        const t = Math.max(tMs, last.tMs + 1);
        return onCycles(gc, t, last.tMs, last.line, last.line, t - last.tMs, last.gomaxprocs, 0, () => false, true);
      },
      stepRow(ctx) {
        // As step, the dump before being row r - 1 (a row always has a time).
        dumpsSinceHit++;
        const r = ctx.row;
        const b = ctx.rows.batch!;
        const gc = b.gc[r];
        const interval = b.tMs[r]! - b.tMs[r - 1]!;
        if (gc === undefined || interval <= 0) {
          if (gc === undefined) noCycles();
          return null;
        }
        rows = b;
        ringsBefore = b.runqFrom[r - 1]!;
        ringsBeforeEnd = ringsFrom = b.runqFrom[r]!;
        ringsEnd = b.runqFrom[r + 1]!;
        const growth = b.runqueue[r]! - b.runqueue[r - 1]!;
        return onCycles(
          gc,
          b.tMs[r]!,
          b.tMs[r - 1]!,
          b.line[r - 1]!,
          b.line[r]!,
          interval,
          b.gomaxprocs[r]!,
          growth,
          rowDrained,
        );
      },
    };
  },
  merge(e, h) {
    // cycles/s and CPU share over the episode's time (each hit's since the hit before).
    const span = e.spanMs + h.spanMs;
    const window = {
      fromMs: Math.min(e.stwWindow.fromMs, h.stwWindow.fromMs),
      toMs: Math.max(e.stwWindow.toMs, h.stwWindow.toMs),
    };
    e.cycles += h.cycles;
    e.spanMs = span;
    e.cyclesPerSecond = round1((e.cycles * 1000) / span);
    e.runtimeCpuPercent = h.runtimeCpuPercent;
    // The span's share from the episode's first figure to its last.
    e.gomaxprocsHeld &&= h.gomaxprocsHeld;
    e.runtimeSpanPercent = e.gomaxprocsHeld ? runtimeSpanShare(e.runtimeFrom, h.runtimeTo, span) : null;
    e.runtimeTo = h.runtimeTo;
    e.assistCpuMs = round3(e.assistCpuMs + h.assistCpuMs);
    e.backgroundCpuMs = round3(e.backgroundCpuMs + h.backgroundCpuMs);
    e.stwMs = round3(e.stwMs + h.stwMs);
    e.stwCpuMs = round3(e.stwCpuMs + h.stwCpuMs);
    e.stwOverCpuWait += h.stwOverCpuWait;
    e.stwWindow = window;
    // The cpu fields' CPU, summed above, over the merged window.
    e.gcCpuPercent = round1(
      (100 * (e.assistCpuMs + e.backgroundCpuMs + e.stwCpuMs)) / (windowMs(window, span) * e.gomaxprocs),
    );
    e.stwSharePercent = stwShareOf(e.stwMs, e.stwWindow, span);
    e.markMs = round3(e.markMs + h.markMs);
    e.drainJumps += h.drainJumps;
    e.forcedCycles += h.forcedCycles;
    e.heap = h.heap ?? e.heap;
    if (h.longestPause.ms > e.longestPause.ms) e.longestPause = { ...h.longestPause };
    e.sustained ||= h.sustained;
    e.spaced ||= h.spaced;
  },
  explain: explainGcPressure,
};
