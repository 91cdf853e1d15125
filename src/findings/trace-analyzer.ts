import { BatchRows } from '../trace/batch-rows.js';
import type { GcSample } from '../trace/gc-sample.js';
import { RunSummaryBuilder, type RunSummary } from '../trace/run-summary.js';
import type { BesideRuns, Snapshot } from '../trace/snapshot.js';
import type { SummaryBatch } from '../trace/summary-batch.js';
import { toTimelinePoint } from '../trace/timeline-builder.js';
import type { RunTimeline, TimelinePoint } from '../trace/timeline.js';
import type { Finding, FindingKind } from './finding.js';
import { KeptFindings, type KindCount, MAX_FINDINGS } from './kept-findings.js';
import { RunChecker, type FindingEvent } from './runner.js';

interface RunState {
  checker: RunChecker;
  summary: RunSummaryBuilder;
  prev: TimelinePoint | undefined;
  /** The points of batch rows, reused (checks and summaries keep no point). */
  rows: BatchRows | undefined;
}

export interface TraceAnalysis {
  runs: RunSummary[];
  /** Every finding of every run, ranked by consequence. */
  findings: Finding[];
  /** The finding the trace's story starts with; null when the trace is unremarkable. */
  headline: Finding | null;
  /** Episodes counted but not kept (beyond MAX_EPISODES_PER_KIND per run and kind). */
  omitted: Partial<Record<FindingKind, number>>;
}

export interface TraceAnalyzerOptions {
  /** Called when an episode opens and when it closes, as the input streams in. */
  onFinding?: (e: FindingEvent & { stream: string; run: number }) => void;
  /**
   * Takes each run's summary as the run closes, with the count of its findings by kind, instead of
   * keeping it for `result().runs`: memory then stays flat whatever the number of runs.
   */
  onRun?: (
    summary: RunSummary,
    findingsByKind: ReadonlyMap<FindingKind, number>,
    findings: readonly Finding[],
    /** Episodes the run's runner counted but did not keep (RunChecker.omitted). */
    omitted: Partial<Record<FindingKind, number>>,
  ) => void;
  /**
   * Words (explanation, suggestion) only for the findings the trace-wide cap keeps: the others reach
   * onRun with an empty explanation, and once the cap is full, with empty evidence too. For callers
   * that read no more of a run's findings than that.
   */
  wordsForKeptOnly?: boolean;
  /**
   * Runs of a stream began beside a process that went on (Snapshot.beside), as the dump that shows
   * it comes: onRun's findings are each run's own, so a caller judging runs as they close (check)
   * holds a restart until this tells (decideBeside, BESIDE_RUNS).
   */
  onBeside?: (e: BesideRuns) => void;
}

export { MAX_FINDINGS } from './kept-findings.js';

/**
 * The findings engine over a whole trace, as a stream: snapshots in (any number of streams and
 * runs, interleaved), per-run summaries and findings out, holding only the latest point of each run.
 */
export class TraceAnalyzer {
  /** The open run of each stream; a stream's earlier runs are closed into `done`. */
  private readonly open = new Map<string, RunState>();
  private readonly done: RunSummary[] = [];
  private readonly kept = new KeptFindings();
  /** What the last closed run leaves for the next to reuse: its summary builder and batch points. */
  private spareSummary: RunSummaryBuilder | undefined;
  private spareRows: BatchRows | undefined;
  /** Only without onFinding, whose listener is made per run. */
  private spareChecker: RunChecker | undefined;

  constructor(private readonly options: TraceAnalyzerOptions = {}) {}

  /** One snapshot; returns its timeline point (live views and metrics read it). */
  push(s: Snapshot): TimelinePoint {
    if (s.beside !== undefined) {
      this.kept.noteBeside(s.beside);
      this.options.onBeside?.(s.beside);
    }
    const st = this.stateOf(s.stream, s.run);
    const pt = toTimelinePoint(s, st.prev);
    st.checker.noteRelease(s.era, s.detail !== undefined);
    st.checker.step(st.prev, pt);
    st.summary.add(pt, s.era);
    st.prev = pt;
    return pt;
  }

  /**
   * gctrace cycles run `run` of the stream printed after its last dump (ParserCallbacks.onTrailingGc):
   * its checks take them before it closes.
   */
  trailingGc(stream: string, run: number, gc: GcSample, line: number): void {
    const st = this.open.get(stream);
    if (st === undefined || st.checker.run !== run || st.prev === undefined) return;
    st.checker.trailingGc(st.prev, gc, line);
    st.summary.extendTo(line);
  }

  /** The stream's open run is over (the parser released the stream): summarise it and forget it. */
  release(stream: string): void {
    const st = this.open.get(stream);
    if (st === undefined) return;
    this.open.delete(stream);
    this.close(st);
  }

  /**
   * Rows of plain summary dumps, each the same as pushing its Snapshot, read from the columns into
   * a reused point: no object per dump. The rows are the byte scanner's (parser onSummaryBatch): every
   * count was read from at most nine digits, which the invariant check relies on (mayViolate).
   */
  pushBatch(b: SummaryBatch): void {
    // Rows of one stream and run come together: their state is looked up once per range of them.
    for (let from = 0; from < b.size; ) {
      const stream = b.stream[from]!;
      const run = b.run[from]!;
      const to = b.runRangeEnd(from);
      const st = this.stateOf(stream, run);
      const rows = (st.rows ??= new BatchRows());
      rows.begin(b, from, to, st.prev);
      st.summary.addRows(b, from, to, rows);
      // The summary has read the rows' layouts: the run's so far.
      st.checker.noteRelease(st.summary.eraSoFar, false);
      // The first row after the point before it; the others each after the row before (BatchRows).
      st.checker.step(st.prev, rows.point(from), true);
      for (let r = from + 1; r < to; r++) st.checker.stepRow(rows, r);
      // The batch is reused once this returns: the run's last row is kept as a point.
      st.prev = rows.point(to - 1);
      from = to;
    }
  }

  private stateOf(stream: string, run: number): RunState {
    let st = this.open.get(stream);
    if (st !== undefined && st.checker.run !== run) {
      this.close(st);
      st = undefined;
    }
    if (st === undefined) {
      const on = this.options.onFinding;
      st = {
        checker:
          on !== undefined
            ? new RunChecker(stream, run, { onFinding: (e) => on({ ...e, stream, run }) })
            : (this.spareChecker?.restart(stream, run) ?? new RunChecker(stream, run)),
        summary: this.spareSummary?.restart(stream, run) ?? new RunSummaryBuilder(stream, run),
        prev: undefined,
        rows: this.spareRows,
      };
      this.spareSummary = undefined;
      this.spareRows = undefined;
      this.spareChecker = undefined;
      // Past the cap no finding of this run is kept: its episodes are only counted and ranked.
      if (on === undefined && this.options.wordsForKeptOnly === true && this.kept.size >= MAX_FINDINGS)
        st.checker.countOnly = true;
      this.open.set(stream, st);
    }
    return st;
  }

  result(): TraceAnalysis {
    for (const st of this.open.values()) this.close(st);
    this.open.clear();
    return { runs: this.done, ...this.kept.result() };
  }

  private close(st: RunState): void {
    const onRun = this.options.onRun;
    const runFindings = st.checker.finish(
      this.options.wordsForKeptOnly === true ? MAX_FINDINGS - this.kept.size : Number.POSITIVE_INFINITY,
    );
    // Most runs of a crash-looping log have no finding: they share one empty map, never written to.
    const byKind = runFindings.length === 0 ? NO_KINDS : new Map<FindingKind, number>();
    if (onRun !== undefined) for (const f of runFindings) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
    this.kept.addRun(runFindings, NONE_OVER, st.checker.omitted);
    if (onRun !== undefined) onRun(st.summary.summary(), byKind, runFindings, st.checker.omitted);
    else this.done.push(st.summary.summary());
    // Nothing keeps a run's builder or points once it is summarised (checks keep no point).
    this.spareSummary = st.summary;
    this.spareRows = st.rows;
    if (this.options.onFinding === undefined) this.spareChecker = st.checker;
  }
}

const NO_KINDS: Map<FindingKind, number> = new Map();
const NONE_OVER: readonly KindCount[] = [];

/** Steps a run already in memory through a checker: its points, then the cycles after its last. */
export function stepTimeline(c: RunChecker, timeline: RunTimeline): void {
  c.noteRelease(timeline.era, timeline.detail);
  let prev: TimelinePoint | undefined;
  for (const pt of timeline.points) {
    c.step(prev, pt);
    prev = pt;
  }
  if (timeline.trailingGc !== undefined && prev !== undefined)
    c.trailingGc(prev, timeline.trailingGc.gc, timeline.trailingGc.line);
}

/** The findings of one run already in memory, ranked. */
export function analyzeRun(timeline: RunTimeline): Finding[] {
  const c = new RunChecker(timeline.stream, timeline.run);
  stepTimeline(c, timeline);
  return c.finish();
}
