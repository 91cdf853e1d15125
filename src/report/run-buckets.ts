/**
 * Online min/max downsampling of one run, in memory bounded by its bucket count. Dumps fill
 * buckets of `width` consecutive dumps; when a run has too many buckets, neighbours merge in pairs
 * and the width doubles. Per bucket only the dumps holding a minimum or a maximum of some series
 * survive, and per P the heatmap keeps the bucket's max (with the line that showed it) and min,
 * so a one-dump spike stays visible however long the run (an average would flatten it).
 *
 * Buckets count dumps, not milliseconds, so the time base (uptime, wall clock, dump index) can be
 * chosen at the end, once the whole run has been seen.
 */
import { IntHistogram } from '../trace/histogram.js';
import { laterEra, type FormatEra } from '../trace/snapshot.js';
import type { TimelinePoint } from '../trace/timeline.js';
import type { TimeBase } from './report-data.js';

/** A kept dump: its position, times and the series values (in the order of seriesMetrics). */
export interface Sample {
  i: number;
  line: number;
  tMs: number | null;
  wallMs: number | null;
  vals: (number | null)[];
}

export interface CountSample extends Omit<Sample, 'vals'> {
  total: number;
  counts: Record<string, number>;
}

export type HeatTable = 'local' | 'ticks' | 'pstatus';
export type CountTable = 'gstatus' | 'greason';

/** Per P, indexed by P (filled in order, so no holes; a P the bucket never saw has no entry). */
interface HeatAcc {
  vmax: number[];
  vmin: number[];
  line: number[];
}

/** The series values of a dump, in the order of seriesMetrics. */
export function seriesOf(pt: TimelinePoint): (number | null)[] {
  let local = 0;
  for (const v of pt.runq) local += v;
  return [
    pt.runqueue,
    local,
    pt.gomaxprocs,
    pt.idleprocs,
    pt.threads,
    pt.spinningthreads,
    pt.idlethreads,
    pt.needspinning,
  ];
}

export class Bucket {
  n = 0;
  lastLine: number;
  readonly min: (Sample | undefined)[] = [];
  readonly max: (Sample | undefined)[] = [];
  readonly heat: Partial<Record<HeatTable, HeatAcc>> = {};
  readonly counts: Partial<Record<CountTable, [CountSample, CountSample]>> = {};

  constructor(readonly first: Sample) {
    this.lastLine = first.line;
  }

  addSample(s: Sample): void {
    this.n++;
    this.lastLine = s.line;
    s.vals.forEach((v, m) => {
      if (v === null) return;
      const lo = this.min[m];
      if (lo === undefined || v < (lo.vals[m] as number)) this.min[m] = s;
      const hi = this.max[m];
      if (hi === undefined || v > (hi.vals[m] as number)) this.max[m] = s;
    });
  }

  addHeat(table: HeatTable, values: readonly number[], line: number): void {
    let h = this.heat[table];
    if (h === undefined) {
      h = { vmax: [], vmin: [], line: [] };
      this.heat[table] = h;
    }
    for (let p = 0; p < values.length; p++) {
      const v = values[p] as number;
      const cur = h.vmax[p];
      if (cur === undefined || Number.isNaN(cur)) {
        h.vmax[p] = v;
        h.vmin[p] = v;
        h.line[p] = line;
        continue;
      }
      if (v > cur) {
        h.vmax[p] = v;
        h.line[p] = line;
      }
      if (v < (h.vmin[p] as number)) h.vmin[p] = v;
    }
  }

  addCounts(table: CountTable, s: CountSample): void {
    const c = this.counts[table];
    if (c === undefined) {
      this.counts[table] = [s, s];
      return;
    }
    if (s.total < c[0].total) c[0] = s;
    if (s.total > c[1].total) c[1] = s;
  }

  /** Folds the next bucket into this one. */
  absorb(b: Bucket): void {
    this.n += b.n;
    this.lastLine = b.lastLine;
    b.min.forEach((s, m) => {
      const lo = this.min[m];
      if (s !== undefined && (lo === undefined || (s.vals[m] as number) < (lo.vals[m] as number))) this.min[m] = s;
    });
    b.max.forEach((s, m) => {
      const hi = this.max[m];
      if (s !== undefined && (hi === undefined || (s.vals[m] as number) > (hi.vals[m] as number))) this.max[m] = s;
    });
    for (const table of Object.keys(b.heat) as HeatTable[]) {
      const src = b.heat[table] as HeatAcc;
      const h = this.heat[table];
      if (h === undefined) {
        this.heat[table] = src;
        continue;
      }
      for (let p = 0; p < src.vmax.length; p++) {
        const v = src.vmax[p] as number;
        if (Number.isNaN(v)) continue;
        const cur = h.vmax[p];
        if (cur === undefined || Number.isNaN(cur)) {
          h.vmax[p] = v;
          h.vmin[p] = src.vmin[p] as number;
          h.line[p] = src.line[p] as number;
          continue;
        }
        if (v > cur) {
          h.vmax[p] = v;
          h.line[p] = src.line[p] as number;
        }
        if ((src.vmin[p] as number) < (h.vmin[p] as number)) h.vmin[p] = src.vmin[p] as number;
      }
    }
    for (const table of Object.keys(b.counts) as CountTable[]) {
      const [lo, hi] = b.counts[table] as [CountSample, CountSample];
      this.addCounts(table, lo);
      this.addCounts(table, hi);
    }
  }

  /** The first dump and those holding a min or max, in input order, without repeats. */
  samples(): Sample[] {
    const keep = new Set<Sample>([this.first]);
    for (const s of this.min) if (s) keep.add(s);
    for (const s of this.max) if (s) keep.add(s);
    return [...keep].sort((a, b) => a.i - b.i);
  }

  countSamples(table: CountTable): CountSample[] {
    const c = this.counts[table];
    if (c === undefined) return [];
    return c[0] === c[1] ? [c[0]] : [c[0], c[1]].sort((a, b) => a.i - b.i);
  }
}

/** One stream's run: its buckets and what the report says about it. */
export class RunBuckets {
  readonly buckets: Bucket[] = [];
  /** Dumps per bucket (a power of two). */
  width = 1;
  n = 0;
  first: Sample | undefined;
  last: Sample | undefined;
  era: FormatEra = 'unknown';
  readonly gomaxprocsValues: number[] = [];
  detail = false;
  maxP = 1;
  maxLocal = 0;
  hasTicks = false;
  hasPStatus = false;
  readonly statusNames = new Set<string>();
  readonly reasonNames = new Set<string>();
  private allT = true;
  private allWall = true;
  private offset: number | null = null;
  private readonly gapsT = new IntHistogram();
  private readonly gapsWall = new IntHistogram();

  constructor(
    readonly stream: string,
    readonly run: number,
  ) {}

  push(pt: TimelinePoint, era: FormatEra): void {
    const wallMs = pt.wallTime !== undefined ? Date.parse(pt.wallTime) : Number.NaN;
    const s: Sample = {
      i: this.n++,
      line: pt.line,
      tMs: pt.tMs,
      wallMs: Number.isNaN(wallMs) ? null : wallMs,
      vals: seriesOf(pt),
    };
    const prev = this.last;
    if (s.tMs === null) this.allT = false;
    if (s.wallMs === null) this.allWall = false;
    if (this.offset === null && s.tMs !== null && s.wallMs !== null) this.offset = s.wallMs - s.tMs;
    if (prev !== undefined) {
      if (prev.tMs !== null && s.tMs !== null && s.tMs > prev.tMs) this.gapsT.add(s.tMs - prev.tMs);
      if (prev.wallMs !== null && s.wallMs !== null && s.wallMs > prev.wallMs)
        this.gapsWall.add(Math.round(s.wallMs - prev.wallMs));
    }

    // schedtick rate over [previous dump, this dump]: it belongs to the previous dump's step
    const tail = this.buckets[this.buckets.length - 1];
    if (pt.schedtickDelta !== undefined && prev !== undefined && tail !== undefined) {
      const dt =
        prev.tMs !== null && s.tMs !== null
          ? s.tMs - prev.tMs
          : prev.wallMs !== null && s.wallMs !== null
            ? s.wallMs - prev.wallMs
            : 0;
      if (dt > 0) {
        this.hasTicks = true;
        tail.addHeat(
          'ticks',
          pt.schedtickDelta.map((d) => Math.round((d * 10000) / dt) / 10),
          prev.line,
        );
      }
    }

    let b = tail;
    if (b === undefined || b.n >= this.width) {
      b = new Bucket(s);
      this.buckets.push(b);
    }
    b.addSample(s);
    b.addHeat('local', pt.runq, s.line);
    for (const v of pt.runq) if (v > this.maxLocal) this.maxLocal = v;
    if (pt.pStatus !== undefined) {
      this.hasPStatus = true;
      b.addHeat('pstatus', pt.pStatus, s.line);
    }
    if (pt.gByStatus !== undefined) {
      for (const name of Object.keys(pt.gByStatus)) this.statusNames.add(name);
      b.addCounts('gstatus', countSample(s, pt.gByStatus));
    }
    if (pt.gByReason !== undefined) {
      for (const name of Object.keys(pt.gByReason)) this.reasonNames.add(name);
      b.addCounts('greason', countSample(s, pt.gByReason));
    }

    this.first ??= s;
    this.last = s;
    this.era = laterEra(this.era, era);
    if (this.gomaxprocsValues[this.gomaxprocsValues.length - 1] !== pt.gomaxprocs)
      this.gomaxprocsValues.push(pt.gomaxprocs);
    this.maxP = Math.max(this.maxP, pt.runq.length, pt.gomaxprocs);
    if (pt.pStatus !== undefined || pt.gByStatus !== undefined) this.detail = true;
  }

  /** Merges neighbouring buckets in pairs; the width doubles. */
  coarsen(): void {
    const merged: Bucket[] = [];
    for (let j = 0; j < this.buckets.length; j += 2) {
      const a = this.buckets[j] as Bucket;
      const b = this.buckets[j + 1];
      if (b !== undefined) a.absorb(b);
      merged.push(a);
    }
    this.buckets.length = 0;
    this.buckets.push(...merged);
    this.width *= 2;
  }

  /** Stored values: two series rows and one cell per P and heatmap, per bucket. */
  cost(): number {
    const heatmaps = 1 + (this.hasTicks ? 1 : 0) + (this.hasPStatus ? 1 : 0);
    const counts = this.statusNames.size + this.reasonNames.size;
    return this.buckets.length * (2 + heatmaps * this.maxP + 2 * counts);
  }

  timeBase(): TimeBase {
    if (this.n > 0 && this.allT) return 'uptime';
    if (this.n > 0 && this.allWall) return 'wall';
    return 'index';
  }

  /** Median time between dumps in the time base (1 for the index; 1 s when a run has one dump). */
  period(base: TimeBase): number {
    if (base === 'index') return 1;
    const h = base === 'uptime' ? this.gapsT : this.gapsWall;
    return h.count > 0 ? Math.max(1, h.quantile(0.5)) : 1000;
  }

  wallOffset(): number | null {
    return this.allWall ? this.offset : null;
  }

  /**
   * Where an input line falls in the time base: inside the bucket that holds it, spread in
   * proportion to its line (exact when a bucket holds one dump).
   */
  timeAtLine(line: number, base: TimeBase, end: number): number {
    const bs = this.buckets;
    if (bs.length === 0) return 0;
    let lo = 0;
    let hi = bs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((bs[mid] as Bucket).first.line <= line) lo = mid;
      else hi = mid - 1;
    }
    const b = bs[lo] as Bucket;
    const timeOf = (s: Sample) =>
      base === 'uptime' ? (s.tMs as number) : base === 'wall' ? (s.wallMs as number) : s.i;
    const t0 = timeOf(b.first);
    const next = bs[lo + 1];
    const t1 = next !== undefined ? timeOf(next.first) : end;
    if (b.n <= 1 || b.lastLine <= b.first.line) return t0;
    const f = Math.min(1, Math.max(0, (line - b.first.line) / (b.lastLine - b.first.line)));
    // the bucket's last dump starts at f = 1, one step before the bucket's end
    const step = (t1 - t0) / b.n;
    return t0 + f * (t1 - t0 - step);
  }
}

function countSample(s: Sample, counts: Record<string, number>): CountSample {
  let total = 0;
  for (const v of Object.values(counts)) total += v;
  return { i: s.i, line: s.line, tMs: s.tMs, wallMs: s.wallMs, total, counts };
}
