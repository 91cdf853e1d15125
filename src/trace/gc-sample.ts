/**
 * What `GODEBUG=gctrace=1` said between two schedtrace dumps: the gctrace lines of that interval
 * summed into one record, attached to the dump that follows them (Snapshot.gc, TimelinePoint.gc).
 */
import { CPU_WAIT_BOUND_MIN_MS, cpuWaitBoundMs } from './cpu-wait.js';

export interface GcCycle {
  /** Cycle number (`gc N`). */
  cycle: number;
  /** Milliseconds since the program started (`@Ts`): the same clock as `SCHED <t>ms`. */
  atMs: number;
  /** Share of the CPU spent in GC since the program started, percent (`P%`). */
  cpuPercent: number;
  /** Wall clock: stop-the-world sweep termination, concurrent mark, stop-the-world mark termination. */
  stwStartMs: number;
  markMs: number;
  stwEndMs: number;
  /**
   * CPU of the two stop-the-world phases as the `cpu` field prints them (first and last): their wall
   * clock × work.stwprocs, which is min(GOMAXPROCS, CPUs; the CPUs at start-up in Go 1.26) (gcStart), so never more than the machine's
   * CPUs could spend.
   */
  stwCpuMs: number;
  /** CPU time of mark assists, background (dedicated + fractional) and idle mark workers. */
  assistCpuMs: number;
  backgroundCpuMs: number;
  idleCpuMs: number;
  heapStartMB: number;
  heapEndMB: number;
  heapLiveMB: number;
  heapGoalMB: number;
  /** `N P`: GOMAXPROCS during the cycle. */
  procs: number;
  /** `(forced)`: runtime.GC started it (work.userForced), never sysmon's periodic GC. */
  forced: boolean;
}

/** When one cycle's phases ran (ms on the schedtrace clock), as replay places them in an interval. */
export interface GcPhases {
  atMs: number;
  stwStartMs: number;
  markMs: number;
  stwEndMs: number;
}

export interface GcSample {
  /** Cycles that ended in the interval. */
  cycles: number;
  /** The first of them: its number and start (ms). */
  firstCycle: number;
  firstAtMs: number;
  /** Each of them, oldest first (absent in a sample built by hand). */
  phases?: GcPhases[];
  lastCycle: number;
  lastAtMs: number;
  /** When the last cycle ended (ms): its start plus its three phases' wall clock. */
  lastEndMs: number;
  /** cpuPercent of the last cycle (cumulative since start). */
  cpuPercent: number;
  stwMs: number;
  /**
   * The longest single stop-the-world phase of the interval (ms of wall clock), the cycle it was in,
   * when it began, and which phase: the world stops for sweep termination (gcStart) and for mark
   * termination (gcMarkDone), each a stopTheWorldWithSema.
   */
  stwLongestMs: number;
  stwLongestCycle: number;
  stwLongestAtMs: number;
  stwLongestPhase: 'sweep termination' | 'mark termination';
  /** GcCycle.stwCpuMs, summed. */
  stwCpuMs: number;
  /**
   * Stop-the-world phases longer than a P's thread can wait for a CPU (cpuWaitBoundMs for the
   * cycle's GOMAXPROCS threads on its work.stwprocs CPUs, which its cpu field over its wall clock gives);
   * absent in a sample built by hand.
   */
  stwOverCpuWait?: number;
  markMs: number;
  assistCpuMs: number;
  backgroundCpuMs: number;
  idleCpuMs: number;
  heapGoalMB: number;
  /** The first cycle's heap goal, and the last cycle's live heap (MB): the pacer's next goal comes from it. */
  firstGoalMB: number;
  heapLiveMB: number;
  forced: number;
}

/**
 * gctrace cycles a run printed after its last dump, which no dump of the run takes (the run
 * restarted or the input ended: ParserCallbacks.onTrailingGc); `line` is the last cycle's input line.
 */
export interface TrailingGc {
  stream: string;
  run: number;
  gc: GcSample;
  line: number;
}

/**
 * Cycles whose phases an interval keeps: beyond it they are only summed, so a stream that prints
 * gctrace lines and no more dumps holds a bounded record (replay places a handful per interval).
 */
export const MAX_GC_PHASES = 1024;

/** Adds a cycle to an interval's record; `keepPhases` false leaves `phases` out (only replay reads them). */
export function addGcCycle(acc: GcSample | undefined, c: GcCycle, keepPhases = true): GcSample {
  const s: GcSample = acc ?? {
    cycles: 0,
    firstCycle: c.cycle,
    firstAtMs: c.atMs,
    lastCycle: 0,
    lastAtMs: 0,
    lastEndMs: 0,
    cpuPercent: 0,
    stwMs: 0,
    stwLongestMs: -1,
    stwLongestCycle: 0,
    stwLongestAtMs: 0,
    stwLongestPhase: 'sweep termination',
    stwCpuMs: 0,
    stwOverCpuWait: 0,
    markMs: 0,
    assistCpuMs: 0,
    backgroundCpuMs: 0,
    idleCpuMs: 0,
    heapGoalMB: 0,
    firstGoalMB: c.heapGoalMB,
    heapLiveMB: 0,
    forced: 0,
  };
  s.cycles++;
  if (keepPhases && (s.phases?.length ?? 0) < MAX_GC_PHASES)
    (s.phases ??= []).push({ atMs: c.atMs, stwStartMs: c.stwStartMs, markMs: c.markMs, stwEndMs: c.stwEndMs });
  s.lastCycle = c.cycle;
  s.lastAtMs = c.atMs;
  s.lastEndMs = c.atMs + c.stwStartMs + c.markMs + c.stwEndMs;
  s.cpuPercent = c.cpuPercent;
  s.stwMs += c.stwStartMs + c.stwEndMs;
  const longest = Math.max(c.stwStartMs, c.stwEndMs);
  if (longest > s.stwLongestMs) {
    s.stwLongestMs = longest;
    s.stwLongestCycle = c.cycle;
    // When the pause began: sweep termination opens the cycle, mark termination follows the mark.
    s.stwLongestAtMs = c.stwEndMs > c.stwStartMs ? c.atMs + c.stwStartMs + c.markMs : c.atMs;
    s.stwLongestPhase = c.stwEndMs > c.stwStartMs ? 'mark termination' : 'sweep termination';
  }
  s.stwCpuMs += c.stwCpuMs;
  const stw = c.stwStartMs + c.stwEndMs;
  // Most cycles' pauses are well under any bound: the bound is computed only for the others.
  if (Math.max(c.stwStartMs, c.stwEndMs) > CPU_WAIT_BOUND_MIN_MS) {
    const bound = cpuWaitBoundMs(c.procs, Math.round(c.stwCpuMs / stw));
    s.stwOverCpuWait = (s.stwOverCpuWait ?? 0) + (c.stwStartMs > bound ? 1 : 0) + (c.stwEndMs > bound ? 1 : 0);
  }
  s.markMs += c.markMs;
  s.assistCpuMs += c.assistCpuMs;
  s.backgroundCpuMs += c.backgroundCpuMs;
  s.idleCpuMs += c.idleCpuMs;
  s.heapGoalMB = c.heapGoalMB;
  s.heapLiveMB = c.heapLiveMB;
  if (c.forced) s.forced++;
  return s;
}
