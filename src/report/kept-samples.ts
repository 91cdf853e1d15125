import { resized } from '../trace/resized.js';
import type { TimelinePoint } from '../trace/timeline.js';

/** Series per dump, in the order of seriesMetrics (report-data.ts). */
export const SERIES_COUNT = 8;

/** A kept dump: its position, times and the series values (in the order of seriesMetrics). */
export interface Sample {
  i: number;
  line: number;
  tMs: number | null;
  wallMs: number | null;
  vals: (number | null)[];
}

/**
 * One run's dumps in columns, addressed by slot: what a bucket keeps of a dump (its index, line,
 * times and series values; an absent value is NaN). A run of a million dumps adds a few typed arrays,
 * not objects per dump that outlive the young generation; `compact` drops the slots no bucket holds.
 * Slots stay in input order, so ordering slots orders dumps.
 */
export class KeptSamples {
  size = 0;
  index: Float64Array;
  line: Float64Array;
  tMs: Float64Array;
  wallMs: Float64Array;
  /** SERIES_COUNT values per slot. */
  vals: Float64Array;

  constructor(capacity = 16) {
    this.index = new Float64Array(capacity);
    this.line = new Float64Array(capacity);
    this.tMs = new Float64Array(capacity);
    this.wallMs = new Float64Array(capacity);
    this.vals = new Float64Array(capacity * SERIES_COUNT);
  }

  get full(): boolean {
    return this.size === this.index.length;
  }

  /** Appends a dump (room must be made first: `full` is false); returns its slot. */
  add(i: number, pt: TimelinePoint, wallMs: number): number {
    const s = this.size++;
    this.index[s] = i;
    this.line[s] = pt.line;
    this.tMs[s] = pt.tMs ?? Number.NaN;
    this.wallMs[s] = wallMs;
    let local = 0;
    for (const v of pt.runq) local += v;
    const o = s * SERIES_COUNT;
    const vals = this.vals;
    vals[o] = pt.runqueue;
    vals[o + 1] = local;
    vals[o + 2] = pt.gomaxprocs;
    vals[o + 3] = pt.idleprocs;
    vals[o + 4] = pt.threads;
    vals[o + 5] = pt.spinningthreads ?? Number.NaN;
    vals[o + 6] = pt.idlethreads;
    vals[o + 7] = pt.needspinning ?? Number.NaN;
    return s;
  }

  /** Twice the room, slots unchanged. */
  grow(): void {
    const n = this.index.length * 2;
    this.index = resized(this.index, n);
    this.line = resized(this.line, n);
    this.tMs = resized(this.tMs, n);
    this.wallMs = resized(this.wallMs, n);
    this.vals = resized(this.vals, n * SERIES_COUNT);
  }

  /**
   * Keeps the slots `keep` marks, in order, and returns where each old slot went (-1: dropped).
   */
  compact(keep: Uint8Array): Int32Array {
    const to = new Int32Array(this.size).fill(-1);
    let n = 0;
    for (let s = 0; s < this.size; s++) {
      if (keep[s] !== 1) continue;
      to[s] = n;
      if (n !== s) {
        this.index[n] = this.index[s]!;
        this.line[n] = this.line[s]!;
        this.tMs[n] = this.tMs[s]!;
        this.wallMs[n] = this.wallMs[s]!;
        this.vals.copyWithin(n * SERIES_COUNT, s * SERIES_COUNT, (s + 1) * SERIES_COUNT);
      }
      n++;
    }
    this.size = n;
    return to;
  }

  /** Slot s's position and times, as an object. */
  position(s: number): Omit<Sample, 'vals'> {
    return { i: this.index[s]!, line: this.line[s]!, tMs: orNull(this.tMs[s]!), wallMs: orNull(this.wallMs[s]!) };
  }

  /** Slot s as an object (made when the report's tables are written, not per dump). */
  sample(s: number): Sample {
    const vals: (number | null)[] = [];
    for (let m = 0; m < SERIES_COUNT; m++) vals.push(orNull(this.vals[s * SERIES_COUNT + m]!));
    return { ...this.position(s), vals };
  }
}

function orNull(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}
