import type { SummaryBatch } from './summary-batch.js';
import { emptyTimelinePoint } from './timeline-builder.js';
import { uint32Delta, type TimelinePoint } from './timeline.js';

/**
 * One run's rows [from, to) of a SummaryBatch, after the run's point `before` (undefined at the run's
 * first row): what a check that reads the columns needs of a row and of the dump before it, and a
 * row's TimelinePoint made only when it is asked for (a check that reads points, the run's last row).
 * Rows are asked for in order. A point stays valid until the point two rows later is made; `before`
 * is never written.
 */
export class BatchRows {
  batch: SummaryBatch | undefined;
  from = 0;
  to = 0;
  before: TimelinePoint | undefined;
  /** Three points reused in turn, and the row each holds in this range (-1: none). */
  private readonly pts: TimelinePoint[] = [emptyTimelinePoint(), emptyTimelinePoint(), emptyTimelinePoint()];
  private readonly rowOf = new Int32Array(3);

  begin(b: SummaryBatch, from: number, to: number, before: TimelinePoint | undefined): void {
    this.batch = b;
    this.from = from;
    this.to = to;
    this.before = before;
    this.rowOf.fill(-1);
  }

  /** The P count of the dump before row r; -1 when r is the run's first. */
  gomaxprocsBefore(r: number): number {
    if (r > this.from) return this.batch!.gomaxprocs[r - 1]!;
    return this.before === undefined ? -1 : this.before.gomaxprocs;
  }

  /** The time of the dump before row r (null when it printed none or there is none). */
  tMsBefore(r: number): number | null {
    if (r > this.from) return this.batch!.tMs[r - 1]!;
    return this.before === undefined ? null : this.before.tMs;
  }

  runqueueBefore(r: number): number {
    if (r > this.from) return this.batch!.runqueue[r - 1]!;
    return this.before === undefined ? 0 : this.before.runqueue;
  }

  /** How many rings the dump before row r printed (0 when there is none). */
  ringsBefore(r: number): number {
    if (r > this.from) return this.batch!.runqFrom[r]! - this.batch!.runqFrom[r - 1]!;
    return this.before === undefined ? 0 : this.before.runq.length;
  }

  /** How many schedticks row r's point's schedtickDelta would hold; -1 when it would be undefined. */
  tickDeltas(r: number): number {
    const b = this.batch!;
    if (b.hasTicks[r] !== 1) return -1;
    const n = b.ticksFrom[r + 1]! - b.ticksFrom[r]!;
    if (r > this.from) return b.hasTicks[r - 1] === 1 && b.ticksFrom[r]! - b.ticksFrom[r - 1]! === n ? n : -1;
    const t = this.before?.schedticks;
    return t !== undefined && t.length === n ? n : -1;
  }

  /** Row r's schedtickDelta summed (tickDeltas(r) entries); 0 when there is none. */
  tickDeltaSum(r: number): number {
    const n = this.tickDeltas(r);
    if (n < 0) return 0;
    const b = this.batch!;
    const at = b.ticksFrom[r]!;
    let s = 0;
    if (r > this.from) {
      const ticks = b.ticks;
      for (let i = 0; i < n; i++) s += delta(ticks[at - n + i]!, ticks[at + i]!);
    } else {
      const before = this.before!.schedticks!;
      for (let i = 0; i < n; i++) s += delta(before[i]!, b.ticks[at + i]!);
    }
    return s;
  }

  /** The point of the dump before row r: row r - 1's (made now if it was not), or `before`. */
  pointBefore(r: number): TimelinePoint | undefined {
    return r > this.from ? this.point(r - 1) : this.before;
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
    const n = this.tickDeltas(r);
    if (n < 0) {
      pt.schedtickDelta = undefined;
      return;
    }
    const d = (pt.schedtickDelta ??= []);
    if (d.length > n) d.length = n;
    while (d.length < n) d.push(0);
    if (r > this.from) for (let i = 0; i < n; i++) d[i] = delta(b.ticks[at - n + i]!, ticks[i]!);
    else {
      const before = this.before!.schedticks!;
      for (let i = 0; i < n; i++) d[i] = delta(before[i]!, ticks[i]!);
    }
  }
}

/** uint32Delta without its modulo for the common case, a counter that went up. */
function delta(before: number, after: number): number {
  const x = after - before;
  return x >= 0 && x < 0x1_0000_0000 ? x : uint32Delta(before, after);
}

/** dst = src[from, to), kept a packed array (no holes). */
function copyInto(dst: number[], src: Int32Array, from: number, to: number): void {
  const n = to - from;
  if (dst.length > n) dst.length = n;
  const have = dst.length;
  for (let i = 0; i < have; i++) dst[i] = src[from + i]!;
  for (let i = have; i < n; i++) dst.push(src[from + i]!);
}
