/**
 * Per-run timelines: what the parser saw, arranged over time for charts, replay and diff.
 * Built from Snapshots by buildTimelines (timeline-builder.ts).
 */
import type { GcSample } from './gc-sample.js';
import type { BesideRuns, FormatEra, MStateCounts } from './snapshot.js';

export interface TimelinePoint {
  /** 1-based input line of the SCHED line. */
  line: number;
  /** Snapshot.endLine: the dump's last input line, when past `line`. */
  endLine?: number;
  tMs: number | null;
  wallTime?: string;
  gomaxprocs: number;
  idleprocs: number;
  threads: number;
  spinningthreads: number | null;
  needspinning: number | null;
  idlethreads: number;
  runqueue: number;
  runq: number[];
  /** p.schedtick per P: Go 1.25+ summary lines, or P lines with scheddetail. */
  schedticks?: number[];
  /** Per-P schedtick advance since the previous point (uint32 wrap-aware); absent when P count changed. */
  schedtickDelta?: number[];
  syscallticks?: number[];
  syscalltickDelta?: number[];
  pStatus?: number[];
  mCounts?: MStateCounts;
  /** G count by status name (runnable, running, syscall, waiting, dead, preempted, ...). */
  gByStatus?: Record<string, number>;
  /** Waiting G count by wait reason. */
  gByReason?: Record<string, number>;
  gcwaiting?: boolean;
  stopwait?: number;
  nmidlelocked?: number;
  crash?: boolean;
  /** A scheddetail dump with fewer P lines than gomaxprocs: the log ends, or was cut, inside it. */
  truncated?: boolean;
  /** The panic/fatal error line of a crash dump, or printed before a restarted run's first dump. */
  exitText?: string;
  /** Snapshot.priorOutput: the last line printed before a restart that named no panic. */
  priorOutput?: { text: string; line: number };
  /** Snapshot.beside: runs of another stream that began while this process went on. */
  beside?: BesideRuns;
  /** gctrace cycles that ended since the previous point. */
  gc?: GcSample;
}

export interface RunTimeline {
  stream: string;
  run: number;
  era: FormatEra;
  firstLine: number;
  /** The run's last input line (runEndLine). */
  lastLine: number;
  /** GOMAXPROCS values in the order the run went through them (a value repeats when it came back). */
  gomaxprocsValues: number[];
  /** True when any point carries scheddetail data. */
  detail: boolean;
  points: TimelinePoint[];
  /** gctrace cycles printed after the last point, with the last one's input line (TrailingGc). */
  trailingGc?: { gc: GcSample; line: number };
}

/** Goroutines queued at a dump: its global queue and every ring. */
export function queuedIn(s: { runqueue: number; runq: readonly number[] }): number {
  let n = s.runqueue;
  for (const x of s.runq) n += x;
  return n;
}

/**
 * Whether a uint32 counter that only goes up (execute increments schedtick, nothing lowers it while
 * the process lives; procresize keeps the P structs) went back from `prev` to `next`: a fall the
 * wrap past 2^32 cannot explain, since a wrap is a fall of more than 2^31 (the counter went up less
 * than 2^31 in one interval).
 */
export function counterWentBack(prev: number, next: number): boolean {
  return next < prev && prev - next <= 0x8000_0000;
}

/** The first P whose counter went back between two lists of the same length, or -1. */
export function firstWentBack(prev: ArrayLike<number>, next: ArrayLike<number>): number {
  if (prev.length !== next.length) return -1;
  for (let i = 0; i < next.length; i++) if (counterWentBack(prev[i]!, next[i]!)) return i;
  return -1;
}

/** uint32 counter advance, wrap-around aware (schedtick and syscalltick are uint32 in runtime2.go). */
export function uint32Delta(prev: number, next: number): number {
  const x = next - prev;
  // A counter that went up, the common case, without the modulo (which makes a double of it).
  return x >= 0 && x < 0x1_0000_0000 ? x : (x + 0x1_0000_0000) % 0x1_0000_0000;
}

/** G status names by value (runtime2.go _Gidle.._Gdeadextra); the scan bit is cleared first. */
export const gStatusNames: Record<number, string> = {
  0: 'idle',
  1: 'runnable',
  2: 'running',
  3: 'syscall',
  4: 'waiting',
  5: 'moribund',
  6: 'dead',
  7: 'enqueue',
  8: 'copystack',
  9: 'preempted',
  10: 'leaked',
  11: 'deadextra',
};

/** A G status's name; `status<N>` for a value the table lacks (corrupt input). */
export function gStatusName(st: number): string {
  return gStatusNames[st] ?? `status${st}`;
}

/** P status names by value (runtime2.go _Pidle.._Pdead). */
export const pStatusNames: Record<number, string> = {
  0: 'idle',
  1: 'running',
  2: 'syscall',
  3: 'gcstop',
  4: 'dead',
};
