/**
 * Format-neutral types of what one schedtrace dump showed. Every format era parses into these;
 * fields an era does not print are absent (undefined), never guessed.
 *
 * Field meanings follow runtime.schedtrace (src/runtime/proc.go): see docs in README.
 */

import type { GcSample } from './gc-sample.js';

/** The first Go release that printed a given summary/detail layout. */
export type FormatEra =
  | 'go1.5' // [a b c], -1 ids, 0/1 flags, helpgc= on M lines (until 1.11)
  | 'go1.12' // helpgc removed
  | 'go1.14' // timerslen= on P lines
  | 'go1.20' // needspinning=, nil ids, true/false flags
  | 'go1.25' // [ a b c ] schedticks=[ ... ]
  | 'unknown'; // a fragment too small to tell

/** `  P<id>:` line of a scheddetail dump. */
export interface PDetail {
  id: number;
  /** 0 idle, 1 running, 2 syscall (<=1.25), 3 gcstop, 4 dead (runtime2.go _Pidle...). */
  status: number;
  schedtick: number;
  syscalltick: number;
  /** M id, or null when printed as -1 / nil. */
  m: number | null;
  runqsize: number;
  gfreecnt: number;
  timerslen?: number;
  /** key=value pairs this version of gosched does not know, kept verbatim. */
  extra?: Record<string, string>;
}

/**
 * One field of every P line, in P order. Built with push, so the array is packed whatever runs it:
 * a `map` the optimizing compiler inlines makes a holey one, and every function that had read only
 * packed ones (the checks, the run summary) is deoptimized at the first.
 */
export function pColumn(ps: readonly PDetail[], key: 'status' | 'schedtick' | 'syscalltick' | 'runqsize'): number[] {
  const out: number[] = [];
  for (let i = 0; i < ps.length; i++) out.push(ps[i]![key]);
  return out;
}

/** `  M<id>:` line of a scheddetail dump. */
export interface MDetail {
  id: number;
  p: number | null;
  curg: number | null;
  mallocing: number;
  throwing: number;
  /** Raw string; may be empty or contain spaces. */
  preemptoff: string;
  locks: number;
  dying: number;
  /** Go <= 1.11 only. */
  helpgc?: number;
  spinning: boolean;
  /** Go 1.7+; Go 1.5 and 1.6 print the printing M's flag here (sysmon's: false) on every M line. */
  blocked: boolean;
  lockedg: number | null;
  extra?: Record<string, string>;
}

/** `  G<goid>:` line of a scheddetail dump. */
export interface GDetail {
  id: number;
  /** Raw atomic status as printed, scan bit (0x1000) included. */
  rawStatus: number;
  /** rawStatus with the _Gscan bit cleared (runtime2.go _Gidle.._Gpreempted). */
  status: number;
  scan: boolean;
  /** Text between the parentheses; may be empty, contain spaces and nested parentheses. */
  waitReason: string;
  m: number | null;
  lockedm: number | null;
  extra?: Record<string, string>;
}

export interface SnapshotDetail {
  p: PDetail[];
  /** Every M line; empty when the parser was asked for counts only (then `mCounts` holds them). */
  m: MDetail[];
  /** The M lines by state, when the parser counted them (absent when the dump had none). */
  mCounts?: MStateCounts;
  /** Every G line; empty when the parser was asked for counts only (then `gTally` or `gCounts` holds them). */
  g: GDetail[];
  gTally?: GTally;
  gCounts?: GCounts;
}

/** The G lines of a dump as counts by name, as TimelinePoint.gByStatus and gByReason hold them. */
export interface GCounts {
  /** G count by status name (the _Gscan bit cleared), in order of first appearance. */
  byStatus: Record<string, number>;
  /** Waiting Gs (status 4) by wait reason ('(none)' when empty), in order of first appearance. */
  byReason: Record<string, number>;
}

/** The G lines of a dump as counts, for consumers that need no record per goroutine. */
export interface GTally {
  /** Status of each G in input order, the _Gscan bit cleared. */
  statuses: number[];
  /** Waiting Gs (status 4) by wait reason ('(none)' when empty), in order of first appearance. */
  byReason: Record<string, number>;
}

/** One schedtrace dump: the SCHED summary line plus, with scheddetail, its P/M/G lines. */
export interface Snapshot {
  /** Stream key: the process the lines came from ('' when the input has one unnamed stream). */
  stream: string;
  /** 0-based run within the stream; a new run starts when the process restarted. */
  run: number;
  /** 1-based input line of the summary line. */
  line: number;
  /**
   * The dump's last input line when it is past `line`: its last P, M or G line, or for a crash dump
   * the end of the panic text and traceback printed after it.
   */
  endLine?: number;
  /** Milliseconds since the first dump of the run (`SCHED <t>ms`); null when the head is missing. */
  tMs: number | null;
  /** Wall-clock time from the log envelope (ISO 8601), when the envelope carried one. */
  wallTime?: string;
  era: FormatEra;
  gomaxprocs: number;
  idleprocs: number;
  threads: number;
  /** Absent only in fragments that do not show it. */
  spinningthreads?: number;
  /** Go 1.20+. */
  needspinning?: number;
  idlethreads: number;
  /** Global run queue length (sched.runqsize). */
  runqueue: number;
  /** Local run-queue length per P (runqtail - runqhead; excludes runnext). From P lines with scheddetail. */
  runq: number[];
  /** Go 1.25+ summary lines: p.schedtick per P. */
  schedticks?: number[];
  /** scheddetail summary tail. */
  gcwaiting?: boolean;
  nmidlelocked?: number;
  stopwait?: number;
  sysmonwait?: boolean;
  /** Unknown key=value pairs of the summary line, kept verbatim. */
  extra?: Record<string, string>;
  detail?: SnapshotDetail;
  /** True when the dump was printed at a crash (after a fatal error's text, before a panic's). */
  crash?: boolean;
  /**
   * The `panic:`/`fatal error:` line printed with this dump (a crash dump), or just before this run
   * began (a restart after a crash).
   */
  exitText?: string;
  /**
   * A restart's first dump with no exit text: the last line of other output the stream printed
   * after the run before's last dump (log.Fatal's own line, when the process ended on it), with its
   * input line, at most PRIOR_OUTPUT_CHARS characters.
   */
  priorOutput?: { text: string; line: number };
  /**
   * A dump of a process that went on printing into another stream beside processes that started
   * after it (parse/process-lanes.ts): the runs of that stream that began since its dump before were
   * no restarts of it. Set where at least one began.
   */
  beside?: BesideRuns;
  /** gctrace cycles that ended since the previous dump (GODEBUG=gctrace=1 interleaved). */
  gc?: GcSample;
  /** True when a scheddetail block ended before all its P lines (log cut, crash). */
  truncated?: boolean;
}

export { LOCAL_RUNQ_CAPACITY } from './runtime-constants.js';

const eraOrder: readonly FormatEra[] = ['unknown', 'go1.5', 'go1.12', 'go1.14', 'go1.20', 'go1.25'];

/** The newer of two eras: a run's era is the most specific layout any of its dumps showed. */
export function laterEra(a: FormatEra, b: FormatEra): FormatEra {
  return eraOrder.indexOf(b) > eraOrder.indexOf(a) ? b : a;
}

/**
 * Runs `from` + 1 to `to` of `stream` began while a process that printed into it before them was
 * still alive (it printed again while run `to` was open).
 */
export interface BesideRuns {
  stream: string;
  from: number;
  to: number;
}

/**
 * A stream follows at most this many processes printing into it live, and as many quiet ones
 * (parse/process-lanes.ts): a process that printed before a run began and prints again does so
 * within about this many runs, or is no longer followed.
 */
export const MAX_PROCESS_LANES = 64;

/** Counts of Ms by what they were doing (scheddetail only). */
export interface MStateCounts {
  total: number;
  /** Has a current G (curg set). */
  running: number;
  spinning: number;
  /**
   * Parked on a note (idle or waiting). From Go 1.7: Go 1.5 and 1.6 print the printing M's flag
   * (getg().m.blocked, sysmon's, false) on every M line, as their captures show.
   */
  blocked: number;
  /** Holds a P. */
  withP: number;
  /** Locked to a G (lockedg set). */
  locked: number;
  /**
   * The first non-empty preemptoff of the dump's M lines, when one had any. stopTheWorld sets the
   * stopping M's to the stop's reason (proc.go: `gp.m.preemptoff = reason.String()`, a string
   * literal before Go 1.21), and gcMarkDone to "gcing" before mark termination's stop.
   */
  preemptoff?: string;
}

/** Counts of no M yet, to add M lines to. */
export function emptyMStateCounts(): MStateCounts {
  return { total: 0, running: 0, spinning: 0, blocked: 0, withP: 0, locked: 0 };
}
