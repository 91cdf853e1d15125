import type { GcSample } from './gc-sample.js';
import { resized } from './resized.js';
import type { FormatEra, Snapshot } from './snapshot.js';

/**
 * Plain summary dumps (a SCHED line with its per-P list, no scheddetail, no envelope) in columns:
 * one typed array per field, the per-P lists flat. The byte scanner fills a batch per block of
 * input and consumers (the analyzer's run summaries and checks) read the rows without a Snapshot
 * object per line. Row i holds what the Snapshot of that dump would hold, with absent fields as -1;
 * dumps that carry more (exit text, scheddetail, an envelope's wall time) are not rows but
 * Snapshots, handed on in input order between batches.
 */
export class SummaryBatch {
  size = 0;
  /** The stream of each row (rows of one parser share one string); entries past `size` are stale. */
  stream: string[] = [];
  run = new Int32Array(0);
  line = new Float64Array(0);
  tMs = new Float64Array(0);
  era: FormatEra[] = [];
  gomaxprocs = new Int32Array(0);
  idleprocs = new Int32Array(0);
  threads = new Int32Array(0);
  /** -1: not printed. */
  spinningthreads = new Int32Array(0);
  /** -1: not printed (before Go 1.20). */
  needspinning = new Int32Array(0);
  idlethreads = new Int32Array(0);
  runqueue = new Int32Array(0);
  /** Row i's per-P local queues are runq[runqFrom[i], runqFrom[i + 1]). */
  runqFrom = new Int32Array(1);
  runq = new Int32Array(0);
  /** Row i's schedticks are ticks[ticksFrom[i], ticksFrom[i + 1]); hasTicks[i] 0 when not printed. */
  ticksFrom = new Int32Array(1);
  /** uint32, as the runtime's p.schedtick. */
  ticks = new Uint32Array(0);
  hasTicks = new Uint8Array(0);
  /** The gctrace cycles that ended before row i's dump (Snapshot.gc), mostly undefined. */
  gc: (GcSample | undefined)[] = [];

  constructor(readonly capacity = 4096) {
    const n = capacity;
    this.run = new Int32Array(n);
    this.line = new Float64Array(n);
    this.tMs = new Float64Array(n);
    this.gomaxprocs = new Int32Array(n);
    this.idleprocs = new Int32Array(n);
    this.threads = new Int32Array(n);
    this.spinningthreads = new Int32Array(n);
    this.needspinning = new Int32Array(n);
    this.idlethreads = new Int32Array(n);
    this.runqueue = new Int32Array(n);
    this.runqFrom = new Int32Array(n + 1);
    this.runq = new Int32Array(n * 8);
    this.ticksFrom = new Int32Array(n + 1);
    this.ticks = new Uint32Array(n * 8);
    this.hasTicks = new Uint8Array(n);
  }

  get full(): boolean {
    return this.size === this.capacity;
  }

  /**
   * Empty again. The string and gc columns keep their length (rows past `size` are stale): emptied,
   * a JS array gives up its store and regrows it push by push, batch after batch.
   */
  clear(): void {
    this.size = 0;
  }

  /** The end of the rows of one stream and run that begin at row `from` (they come together). */
  runRangeEnd(from: number): number {
    const stream = this.stream[from];
    const run = this.run[from];
    let to = from + 1;
    while (to < this.size && this.run[to] === run && this.stream[to] === stream) to++;
    return to;
  }

  /**
   * Row r as the Snapshot the parser hands on when it makes no rows (the same properties, in the
   * same order), for a consumer that keeps a few dumps whole.
   */
  snapshot(r: number): Snapshot {
    const s: Snapshot = {
      stream: this.stream[r]!,
      run: this.run[r]!,
      line: this.line[r]!,
      tMs: this.tMs[r]!,
      era: this.era[r]!,
      gomaxprocs: this.gomaxprocs[r]!,
      idleprocs: this.idleprocs[r]!,
      threads: this.threads[r]!,
      idlethreads: this.idlethreads[r]!,
      runqueue: this.runqueue[r]!,
      runq: Array.from(this.runq.subarray(this.runqFrom[r]!, this.runqFrom[r + 1]!)),
    };
    if (this.spinningthreads[r]! >= 0) s.spinningthreads = this.spinningthreads[r]!;
    if (this.needspinning[r]! >= 0) s.needspinning = this.needspinning[r]!;
    if (this.hasTicks[r] === 1)
      s.schedticks = Array.from(this.ticks.subarray(this.ticksFrom[r]!, this.ticksFrom[r + 1]!));
    const gc = this.gc[r];
    if (gc !== undefined) s.gc = gc;
    return s;
  }

  /** Room for `n` more per-P values in the flat lists (called before a row's lists are written). */
  reserve(n: number): void {
    const r = this.runqFrom[this.size]! + n;
    if (r > this.runq.length) this.runq = grown(this.runq, r);
    const t = this.ticksFrom[this.size]! + n;
    if (t > this.ticks.length) this.ticks = grown(this.ticks, t);
  }
}

function grown(a: Int32Array, need: number): Int32Array<ArrayBuffer>;
function grown(a: Uint32Array, need: number): Uint32Array<ArrayBuffer>;
function grown(a: Int32Array | Uint32Array, need: number): Int32Array | Uint32Array {
  let n = a.length * 2;
  while (n < need) n *= 2;
  return resized(a, n);
}
