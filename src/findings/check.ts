/**
 * One interface for every finding: a Check streams over a run's timeline points as (prev, cur)
 * pairs. Contract with the parser: a check must not keep a point, or any of its arrays, across
 * calls (the parser may reuse them); it copies the numbers it needs into its own state.
 */
import type { Severity } from '../messages.js';
import type { BatchRows } from '../trace/batch-rows.js';
import type { GcSample } from '../trace/gc-sample.js';
import type { RunFacts } from '../trace/release-facts.js';
import type { TimelinePoint } from '../trace/timeline.js';
import type { EvidenceOf } from './evidence.js';
import type { Basis, Confidence, FindingKind, FindingOf } from './finding.js';

export interface CheckContext {
  stream: string;
  run: number;
  /** Points seen in this run before cur (0 at the run's first point). */
  index: number;
  /** The previous point of the run; undefined at its first point. */
  prev: TimelinePoint | undefined;
  cur: TimelinePoint;
  /** cur's rings summed, and the longest (0 with none), as the runner read them for the dump's signals. */
  queued?: number;
  maxLocal?: number;
  /** See RowContext.onlyCounted. */
  onlyCounted?: boolean;
}

/**
 * A byte scanner's batch row as a check that reads the columns sees it (CheckState.stepRow): no
 * point is made. The row's counts were read from at most nine digits (no -1 but for absent fields),
 * and the dump before it is the row before it (BatchRows: never the range's first row).
 */
export interface RowContext {
  /** Points seen in this run before the row. */
  index: number;
  rows: BatchRows;
  row: number;
  /** The row's rings summed, and the longest (0 with none). */
  queued: number;
  maxLocal: number;
  /**
   * The run keeps no more episodes of this check's kind (MAX_EPISODES_PER_KIND) and no listener
   * hears of them: a hit only counts as one (with its p), so step may return it without filling it in.
   */
  onlyCounted: boolean;
}

/**
 * What one check saw at one point. The runner merges consecutive hits into an episode. It keeps
 * neither the hit nor its evidence (it copies the evidence when an episode opens), so a check may
 * fill one Hit and one evidence object again at every hit.
 */
export interface Hit<K extends FindingKind> {
  p?: number;
  confidence: Confidence;
  confidenceReason: string;
  evidence: EvidenceOf<K>;
  /** Goroutines moved between queues by what this hit shows. */
  moved?: number;
  /** This hit's share of the episode's consequence (see Finding.impact). */
  impact?: number;
  /** Where the episode really began, when the check needed several points to be sure. */
  since?: { tMs: number | null; line: number };
  /** Dumps this hit stands for (the streak before it was sure, at the first hit); default 1. */
  dumps?: number;
  /**
   * What the hit stands for began at the process's start and holds nothing that counts on its own
   * (gc-pressure: cycles from the process's first, with no long pause). An episode whose every hit
   * says so may be the process's start-up transient (markStartupGc).
   */
  fromStart?: boolean;
}

/** The per-run state of a check. */
export interface CheckState<K extends FindingKind> {
  step(ctx: CheckContext): Hit<K> | null;
  /**
   * step at a batch row, read from the columns: the same hit (or null) as step at the row's point
   * after the run's point before it. Without it the runner makes the points and calls step.
   */
  stepRow?(ctx: RowContext): Hit<K> | null;
  /**
   * gctrace cycles the run printed after its last dump `last` (the run ended before a dump took them),
   * as if a dump at `tMs`, when the last of them ended, had carried them. Only checks that read GC say.
   */
  trailingGc?(last: TimelinePoint, gc: GcSample, tMs: number): Hit<K> | null;
  /**
   * Whether the episode of the check's last hit goes on past its merge gap at the dump of time tMs:
   * a hit whose `since` reaches back to the episode's last continues it.
   */
  holdsEpisode?(tMs: number | null): boolean;
  /**
   * Whether what the run showed after the episode's hits refutes its claim (goroutines said to be
   * leaked that were all readied later): the runner then drops the episode when it closes, instead
   * of reporting it. Asked once, when the episode closes.
   */
  refutesEpisode?(): boolean;
  /**
   * At the run's end, each episode of the check that the run keeps, with what only the whole run
   * tells (gc-stop: its share of all the run's dumps, not of those up to the episode): the check may
   * restate the episode's evidence, impact and confidence, or drop it (false). `runDumps` is the
   * run's dump count. Listeners of a live run have heard of the episode already.
   */
  settle?(f: FindingOf<K>, runDumps: number): boolean;
  /**
   * Makes the state what create() returns, for the next run: a log may hold tens of thousands of
   * runs. A state without it is made again.
   */
  reset?(): void;
}

export interface Check<K extends FindingKind = FindingKind> {
  kind: K;
  basis: Basis;
  severity: Severity;
  /** Hits at most this many dumps, or this many milliseconds, apart belong to one episode. */
  mergeGap: { dumps: number; ms: number };
  /** Whether episodes are kept apart per P (otherwise one episode spans every P). */
  perP: boolean;
  /** A fresh state for one run; `run` is what the run has shown of its release so far (kept up to date). */
  create(run: Readonly<RunFacts>): CheckState<K>;
  /** Folds a later hit of the same episode into the episode's evidence (peaks, latest values). */
  merge(episode: EvidenceOf<K>, hit: EvidenceOf<K>): void;
  /**
   * When the runner may leave the check out: at a dump that shows none of the signals `wakesOn`
   * (the bits below), step would return null, and once it has returned null on `settlesAfter` such
   * dumps in a row, more of them leave its state as it is. Without it the check steps at every dump.
   */
  quietUnless?: { wakesOn: number; settlesAfter: number };
  /**
   * The confidence reason of an episode as it closes, from its whole evidence. Without it the reason
   * stays the hit's that opened the episode or last raised its confidence, which counts only what
   * had been seen by then (saturation's "in 6 consecutive dumps" of an episode that went on for 31).
   */
  closingReason?(f: FindingOf<K>, run?: Readonly<RunFacts>): string;
  /**
   * The words, put together when an episode is reported (opened or closed), with what the run has
   * shown of its release by then (undefined: nothing known).
   */
  explain(f: FindingOf<K>, run?: Readonly<RunFacts>): { explanation: string; suggestion: string };
}

/* What a dump shows that a check could hit on (dump-signals.ts reads them): Check.quietUnless. */
/** A run's first dump (restart). */
export const FIRST_DUMP = 1 << 0;
/** More queued goroutines left the queues than the racy-read slack (model-divergence). */
export const QUEUES_FELL = 1 << 1;
/** Every P busy beside a backlog, or idle Ps beside one while an M spins (saturation). */
export const BACKLOG = 1 << 2;
/** Idle Ps beside at least as many waiting goroutines with no M spinning (idle-with-work). */
export const IDLE_BESIDE_WORK = 1 << 3;
/** gctrace cycles ended before the dump (gc-pressure). */
export const GC_CYCLES = 1 << 4;
/** More threads neither idle than GOMAXPROCS explains (thread-growth). */
export const BUSY_THREADS = 1 << 5;
/** The global queue grew by an overflow's or a bulk arrival's worth, or holds 129 at a first dump (local-overflow, injection-burst). */
export const GLOBAL_JUMP = 1 << 6;
/** One ring at 64 or more, far above the others, with no P idle (imbalance). */
export const LONG_RING = 1 << 7;
/** The P count changed (gomaxprocs-change). */
export const PROCS_CHANGED = 1 << 8;
/** Only in EVERY_CHECK: for the checks that read what no plain dump shows (a crash, a broken invariant). */
export const UNUSUAL_DUMP = 1 << 9;
/** A stop-the-world in progress: scheddetail's gcwaiting or stopwait, or a summary's Ps held by no awake M (gc-stop). */
export const WORLD_STOPPING = 1 << 10;
/** scheddetail: more goroutines left IO wait than there are Ps, by the G lines of this dump and the one before (injection-burst). */
export const IO_WAIT_FELL = 1 << 11;
/** scheddetail: more goroutines parked for sync locks than there are Ps, and more than a handful (lock-contention). */
export const LOCK_WAITERS = 1 << 12;
/** A scheddetail dump (gcwaiting printed, or G lines): goroutine-leak and gc-stop follow every one. */
export const DETAIL_DUMP = 1 << 13;
/**
 * A point that carries a crash or an exit text, or values no consistent state prints: every
 * check runs. A scheddetail dump shows the signals above as a summary dump does, and its own.
 */
export const EVERY_CHECK = -1;

/** Any check, with its kind and evidence kept together. */
export type AnyCheck = { [K in FindingKind]: Check<K> }[FindingKind];

/**
 * Whether a hit `dumpsSince` dumps after an episode's last hit, at time tMs, continues the episode
 * (Check.mergeGap): within `gap.dumps` dumps, or within `gap.ms` after the last hit's time.
 */
export function withinMergeGap(
  gap: { dumps: number; ms: number },
  dumpsSince: number,
  lastTMs: number | null,
  tMs: number | null,
): boolean {
  if (dumpsSince <= gap.dumps) return true;
  return lastTMs !== null && tMs !== null && tMs >= lastTMs && tMs - lastTMs <= gap.ms;
}

export function sum(xs: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s;
}

/** Schedticks advanced per P over the interval, when every P printed them and the P count held. */
export function tickDeltas(ctx: CheckContext): readonly number[] | undefined {
  const d = ctx.cur.schedtickDelta;
  if (d === undefined || ctx.prev === undefined || d.length !== ctx.cur.gomaxprocs) return undefined;
  return d;
}

export function intervalMs(ctx: CheckContext): number | null {
  if (ctx.prev === undefined || ctx.prev.tMs === null || ctx.cur.tMs === null) return null;
  return ctx.cur.tMs - ctx.prev.tMs;
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * A duration in ms for evidence: to the µs from 0.1 ms, three significant digits below, so that
 * the sub-µs slices of goroutines that yield or block at once are not read as 0.
 */
export function roundMs(ms: number): number {
  return ms >= 0.1 || ms === 0 ? round3(ms) : threeDigits(ms);
}

/**
 * `Number(x.toPrecision(3))` for 0 < x < 0.1, without the string: saturation's merge calls it at every
 * dump of an episode whose slices are under 100 µs, and the string round trip cost 10% of `analyze`
 * on the many-run bench log. With 10^p scaling x to three digits, round(x · 10^p) / 10^p is the double
 * nearest that decimal (both operands exact, division correctly rounded), which is what parsing
 * toPrecision's digits gives; only the rounding of x · 10^p can differ from toPrecision's exact one,
 * near a tie or where the digit count is off by one, and those go the string way.
 */
function threeDigits(x: number): number {
  // x < 0.1, so three digits need at least 10^3; a slice's x is a few µs (10^-3 ms): two or three steps.
  let p = 3;
  let y = x * 1000;
  while (y < 100 && p < 22) y = x * POW10[++p]!;
  const k = Math.round(y);
  if (y < 100 || k > 999 || Math.abs(y - Math.floor(y) - 0.5) < 1e-6) return Number(x.toPrecision(3));
  return k / POW10[p]!;
}

/** 10^0 … 10^22, every one a double exactly. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** Runs the words of a loop (crash dumps or restarts repeated) name, before "…". */
export const NAMED_RUNS = 5;

/** `0, 1, 2`, or `0, 1, 2, 3, 4, …` when more than NAMED_RUNS of `total` runs are named by their first. */
export function runList(runs: readonly number[], total: number): string {
  return `${runs.slice(0, NAMED_RUNS).join(', ')}${total > NAMED_RUNS ? ', …' : ''}`;
}

/** A duration for the words: whole ms from 10 ms, one decimal from 1 ms, µs below (one decimal under 10 µs), ns under 1 µs. */
export function fmtMs(ms: number): string {
  if (ms >= 10) return `${Math.round(ms)} ms`;
  if (ms >= 1) return `${round1(ms)} ms`;
  if (ms >= 0.01 || ms === 0) return `${Math.round(ms * 1000)} µs`;
  if (ms >= 0.001) return `${round1(ms * 1000)} µs`;
  return `${Math.round(ms * 1e6)} ns`;
}

/** A longer span for the words: seconds to a tenth. */
export function fmtS(ms: number): string {
  return `${round1(ms / 1000)} s`;
}

/** "certain", "likely", "possibly": the adverb the words use for a confidence. */
export function hedge(c: Confidence): string {
  return c === 'certain' ? 'certainly' : c === 'likely' ? 'probably' : 'possibly';
}

/** The adverb with a capital, to open a sentence. */
export function hedgeCap(c: Confidence): string {
  const h = hedge(c);
  return `${h[0]!.toUpperCase()}${h.slice(1)}`;
}
