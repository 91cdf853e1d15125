import type { SummaryBatch } from './summary-batch.js';
import { emptyTimelinePoint } from './timeline-builder.js';
import { counterWentBack, firstWentBack, uint32Delta, type TimelinePoint } from './timeline.js';

/**
 * The queued and longest columns of every BatchRows: a range's rows are summed and stepped before
 * the next range of any stream begins, so one pair serves them all. Each stream's own (two columns
 * of a batch's capacity) came to 32 KiB per open stream, 130 MB for 4096 compose services.
 */
let sharedQueued = new Int32Array(0);
let sharedLongest = new Int32Array(0);

/**
 * One run's rows [from, to) of a SummaryBatch, after the run's point `before` (undefined at the run's
 * first row). The first row is stepped as a point after `before`; each later row is read from the
 * columns, the row before it being the dump before it (no branch on `before` in code that runs per
 * row, whose first optimisation would then lack the feedback of a path taken once per batch). A
 * row's TimelinePoint is made only when asked for (the first row, a check that reads points, the
 * run's last row). Rows are asked for in order; a point stays valid until the point two rows later is
 * made, and `before` is never written.
 */
export class BatchRows {
  batch: SummaryBatch | undefined;
  from = 0;
  to = 0;
  before: TimelinePoint | undefined;
  /**
   * Each row's rings summed, and the longest (0 with none): RunSummaryBuilder.addRows writes them as it
   * reads the rings, before the rows are stepped.
   */
  queued = new Int32Array(0);
  longest = new Int32Array(0);
  /**
   * The row readTicks read last (-1: none since begin), how many schedticks it and the row before
   * both hold (-1: not as many), whether one went back, and their deltas summed.
   */
  private tickRow = -1;
  private tickN = -1;
  private tickBack = false;
  private tickSum = 0;
  /** Three points reused in turn, and the row each holds in this range (-1: none). */
  private readonly pts: TimelinePoint[] = [emptyTimelinePoint(), emptyTimelinePoint(), emptyTimelinePoint()];
  private readonly rowOf = new Int32Array(3);

  begin(b: SummaryBatch, from: number, to: number, before: TimelinePoint | undefined): void {
    this.batch = b;
    this.from = from;
    this.to = to;
    this.before = before;
    this.rowOf.fill(-1);
    this.tickRow = -1;
    if (sharedQueued.length < b.capacity) {
      sharedQueued = new Int32Array(b.capacity);
      sharedLongest = new Int32Array(b.capacity);
    }
    this.queued = sharedQueued;
    this.longest = sharedLongest;
  }

  /**
   * How many entries row r's point's schedtickDelta holds; -1 when it is undefined (r after the
   * range's first row: the dump before is row r - 1).
   */
  tickDeltas(r: number): number {
    this.readTicks(r);
    return this.tickBack ? -1 : this.tickN;
  }

  /**
   * Whether a P's schedtick in row r is below row r - 1's (counterWentBack; r after the range's
   * first row): the row then has no schedtick deltas.
   */
  ticksWentBack(r: number): boolean {
    this.readTicks(r);
    return this.tickBack;
  }

  /** Row r's schedtickDelta summed, `n` its entries (tickDeltas(r), at least 0). */
  tickDeltaSum(r: number, n: number): number {
    this.readTicks(r);
    return n === this.tickN ? this.tickSum : 0;
  }

  /**
   * Reads row r's schedticks against row r - 1's once: the dump signals and several checks ask for
   * the same row in turn.
   */
  private readTicks(r: number): void {
    if (this.tickRow === r) return;
    this.tickRow = r;
    const b = this.batch!;
    const at = b.ticksFrom[r]!;
    const n = b.ticksFrom[r + 1]! - at;
    this.tickN = b.hasTicks[r] === 1 && b.hasTicks[r - 1] === 1 && at - b.ticksFrom[r - 1]! === n ? n : -1;
    let back = false;
    let s = 0;
    const ticks = b.ticks;
    for (let i = 0; i < this.tickN; i++) {
      const prev = ticks[at - n + i]!;
      const next = ticks[at + i]!;
      if (counterWentBack(prev, next)) back = true;
      s += uint32Delta(prev, next);
    }
    this.tickBack = back;
    this.tickSum = s;
  }

  /** Row r's point, made now if it was not (the row before it first, when a point of it is kept). */
  point(r: number): TimelinePoint {
    const rowOf = this.rowOf;
    for (let k = 0; k < 3; k++) if (rowOf[k] === r) return this.pts[k]!;
    let keep = -1;
    for (let k = 0; k < 3; k++) if (rowOf[k] === r - 1) keep = k;
    let k = 0;
    while (k === keep || this.pts[k] === this.before) k++;
    this.fill(this.pts[k]!, r);
    rowOf[k] = r;
    return this.pts[k]!;
  }

  /** pt = row r's point, as toTimelinePoint makes it of the row's Snapshot after the dump before it. */
  private fill(pt: TimelinePoint, r: number): void {
    const b = this.batch!;
    pt.line = b.line[r]!;
    pt.tMs = b.tMs[r]!;
    pt.gomaxprocs = b.gomaxprocs[r]!;
    pt.idleprocs = b.idleprocs[r]!;
    pt.threads = b.threads[r]!;
    const sp = b.spinningthreads[r]!;
    pt.spinningthreads = sp < 0 ? null : sp;
    const ns = b.needspinning[r]!;
    pt.needspinning = ns < 0 ? null : ns;
    pt.idlethreads = b.idlethreads[r]!;
    pt.runqueue = b.runqueue[r]!;
    copyInto(pt.runq, b.runq, b.runqFrom[r]!, b.runqFrom[r + 1]!);
    pt.gc = b.gc[r];
    if (b.hasTicks[r] !== 1) {
      pt.schedticks = undefined;
      pt.schedtickDelta = undefined;
      return;
    }
    const at = b.ticksFrom[r]!;
    const ticks = (pt.schedticks ??= []);
    copyInto(ticks, b.ticks, at, b.ticksFrom[r + 1]!);
    // The schedticks of the dump before: row r - 1's, or before's at the range's first row.
    const first = r === this.from;
    const prior = first ? this.before?.schedticks : undefined;
    const n = first
      ? prior !== undefined && prior.length === ticks.length && firstWentBack(prior, ticks) < 0
        ? ticks.length
        : -1
      : this.tickDeltas(r);
    if (n < 0) {
      pt.schedtickDelta = undefined;
      return;
    }
    const d = (pt.schedtickDelta ??= []);
    if (d.length > n) d.length = n;
    while (d.length < n) d.push(0);
    if (prior !== undefined) for (let i = 0; i < n; i++) d[i] = uint32Delta(prior[i]!, ticks[i]!);
    else for (let i = 0; i < n; i++) d[i] = uint32Delta(b.ticks[at - n + i]!, ticks[i]!);
  }
}

/** dst = src[from, to), kept a packed array (no holes). */
export function copyInto(dst: number[], src: Int32Array | Uint32Array, from: number, to: number): void {
  const n = to - from;
  if (dst.length > n) dst.length = n;
  const have = dst.length;
  for (let i = 0; i < have; i++) dst[i] = src[from + i]!;
  for (let i = have; i < n; i++) dst.push(src[from + i]!);
}
