import { backlogOf, backlogOfPoint } from './backlog.js';
import { mayBeStopped, mayBeStoppedByCounts } from './stopped-world.js';
import { laterEra, type FormatEra } from './snapshot.js';
import { IntHistogram, round, type Percentiles } from './histogram.js';
import type { BatchRows } from './batch-rows.js';
import { runEndLine } from './run-end-line.js';
import type { SummaryBatch } from './summary-batch.js';
import type { TimelinePoint } from './timeline.js';
import { PileUps, type PileUp } from './pile-up.js';

/** The figures `gosched analyze` prints per stream and run. */
export interface RunSummary {
  stream: string;
  run: number;
  era: FormatEra;
  firstLine: number;
  /** The run's last input line (runEndLine). */
  lastLine: number;
  snapshots: number;
  /** First and last time printed (null when the lines carry no time). */
  startMs: number | null;
  endMs: number | null;
  gomaxprocsValues: number[];
  detail: boolean;
  global: Percentiles;
  local: Percentiles;
  /** Mean of idleprocs / gomaxprocs over the snapshots. */
  idleShare: number;
  /**
   * Snapshots with no idle P and at least one runnable goroutine of the program waiting per P (global
   * queue and rings; backlogOf's `ps-busy`): at that moment more goroutines wanted CPU than the Ps
   * could run. Saturation is such dumps lasting (findings/checks/saturation.ts); a run may have some
   * without it. A dump inside a stop-the-world is none: every goroutine its Ps ran waits there for the
   * world to start again (stopped-world.ts).
   */
  backlogDumps: number;
  threads: { first: number; max: number; last: number };
  spinning: Percentiles | null;
  /**
   * With scheddetail, the largest pile-up of goroutines parked on each other that fell back by the
   * run's last dump (pile-up.ts); absent when there was none.
   */
  pileUp?: PileUp;
}

export class RunSummaryBuilder {
  private readonly global = new IntHistogram();
  private readonly local = new IntHistogram();
  private readonly spinning = new IntHistogram();
  private idleShareSum = 0;
  private backlogDumps = 0;
  private n = 0;
  // Numbers, not points: a point may be reused once add() returns.
  private firstLine = 0;
  private firstThreads = 0;
  private lastLine = 0;
  private lastTMs: number | null = null;
  private lastThreads = 0;
  private maxThreads = 0;
  private era: FormatEra = 'unknown';
  private detail = false;
  private startMs: number | null = null;
  private gomaxprocsValues: number[] = [];
  /** Made at the run's first scheddetail dump: a summary-only run (most of them) needs none. */
  private pileUps: PileUps | undefined;

  constructor(
    public stream: string,
    public run: number,
  ) {}

  /** The most specific layout the run's dumps showed so far. */
  get eraSoFar(): FormatEra {
    return this.era;
  }

  /**
   * Starts over for another run, keeping the histograms' bins: a log may hold tens of thousands of
   * short runs. Summaries made before stay as they were.
   */
  restart(stream: string, run: number): this {
    this.stream = stream;
    this.run = run;
    this.global.clear();
    this.local.clear();
    this.spinning.clear();
    this.idleShareSum = 0;
    this.backlogDumps = 0;
    this.n = 0;
    this.firstLine = 0;
    this.firstThreads = 0;
    this.lastLine = 0;
    this.lastTMs = null;
    this.lastThreads = 0;
    this.maxThreads = 0;
    this.era = 'unknown';
    this.detail = false;
    this.startMs = null;
    this.gomaxprocsValues = [];
    this.pileUps?.clear();
    return this;
  }

  /** The run's output goes on to `line` (gctrace cycles after its last dump). */
  extendTo(line: number): void {
    this.lastLine = runEndLine(this.lastLine, { line });
  }

  add(pt: TimelinePoint, era: FormatEra): void {
    if (this.n === 0) {
      this.firstLine = pt.line;
      this.firstThreads = pt.threads;
    }
    this.n++;
    this.lastLine = runEndLine(this.lastLine, pt);
    this.lastTMs = pt.tMs;
    this.lastThreads = pt.threads;
    if (this.startMs === null && pt.tMs !== null) this.startMs = pt.tMs;
    this.global.add(pt.runqueue);
    this.local.addAll(pt.runq);
    if (pt.spinningthreads !== null) this.spinning.add(pt.spinningthreads);
    if (pt.gomaxprocs > 0) this.idleShareSum += Math.min(1, pt.idleprocs / pt.gomaxprocs);
    if (pt.idleprocs === 0 && !mayBeStopped(pt)) {
      let waiting = pt.runqueue;
      for (const q of pt.runq) waiting += q;
      if (backlogOfPoint(pt, waiting) === 'ps-busy') this.backlogDumps++;
    }
    if (pt.threads > this.maxThreads) this.maxThreads = pt.threads;
    if (this.gomaxprocsValues[this.gomaxprocsValues.length - 1] !== pt.gomaxprocs)
      this.gomaxprocsValues.push(pt.gomaxprocs);
    if (era !== this.era) this.era = laterEra(this.era, era);
    if (pt.pStatus !== undefined || pt.gByStatus !== undefined) this.detail = true;
    if (pt.gByReason !== undefined) (this.pileUps ??= new PileUps()).add(pt.gByReason, pt.tMs, pt.line);
  }

  /**
   * Rows [from, to) of a batch, all of this run: the same as add() with each row's point (a row is a
   * plain summary dump, no scheddetail). Each row's rings summed, and the longest, are left in
   * rows.queued and rows.longest for the checks (read once, with the histogram of rings; rows.begin
   * has been called for the range).
   */
  addRows(b: SummaryBatch, from: number, to: number, rows: BatchRows): void {
    if (from >= to) return;
    if (this.n === 0) {
      this.firstLine = b.line[from]!;
      this.firstThreads = b.threads[from]!;
    }
    this.n += to - from;
    // Plain dumps: each ends on its SCHED line.
    this.lastLine = runEndLine(this.lastLine, { line: b.line[to - 1]! });
    this.lastTMs = b.tMs[to - 1]!;
    this.lastThreads = b.threads[to - 1]!;
    if (this.startMs === null) this.startMs = b.tMs[from]!;
    this.global.addAll(b.runqueue, from, to);
    this.local.addLists(b.runq, b.runqFrom, from, to, rows.queued, rows.longest);
    // -1: not printed.
    this.spinning.addAll(b.spinningthreads, from, to, 0);
    let idleShareSum = this.idleShareSum;
    let backlogDumps = this.backlogDumps;
    let maxThreads = this.maxThreads;
    const queued = rows.queued;
    const values = this.gomaxprocsValues;
    for (let r = from; r < to; r++) {
      const n = b.gomaxprocs[r]!;
      const idle = b.idleprocs[r]!;
      // Adding 0 leaves the sum as it is: no division for a busy dump, the only kind that can be a backlog.
      if (n > 0 && idle !== 0) idleShareSum += Math.min(1, idle / n);
      else if (
        backlogOf(n, idle, 0, b.runqueue[r]! + queued[r]!, b.gc[r] !== undefined) === 'ps-busy' &&
        !mayBeStoppedByCounts(n, idle, b.threads[r]!, b.idlethreads[r]!)
      )
        backlogDumps++;
      const threads = b.threads[r]!;
      if (threads > maxThreads) maxThreads = threads;
      if (values[values.length - 1] !== n) values.push(n);
      const era = b.era[r]!;
      if (era !== this.era) this.era = laterEra(this.era, era);
    }
    this.idleShareSum = idleShareSum;
    this.backlogDumps = backlogDumps;
    this.maxThreads = maxThreads;
  }

  summary(): RunSummary {
    const s: RunSummary = {
      stream: this.stream,
      run: this.run,
      era: this.era,
      firstLine: this.firstLine,
      lastLine: this.lastLine,
      snapshots: this.n,
      startMs: this.startMs,
      endMs: this.lastTMs,
      gomaxprocsValues: this.gomaxprocsValues,
      detail: this.detail,
      global: this.global.summary(),
      local: this.local.summary(),
      idleShare: this.n === 0 ? 0 : round(this.idleShareSum / this.n),
      backlogDumps: this.backlogDumps,
      threads: { first: this.firstThreads, max: this.maxThreads, last: this.lastThreads },
      spinning: this.spinning.count > 0 ? this.spinning.summary() : null,
    };
    const pileUp = this.pileUps?.drained();
    if (pileUp !== undefined) s.pileUp = pileUp;
    return s;
  }
}
