/**
 * Online min/max downsampling of one run, in memory bounded by its bucket count. Dumps fill
 * buckets of `width` consecutive dumps; when a run has too many buckets, neighbours merge in pairs
 * and the width doubles. Per bucket only the dumps holding a minimum or a maximum of some series
 * survive, and per P the heatmap keeps the bucket's max (with the line that showed it) and min,
 * so a one-dump spike stays visible however long the run (an average would flatten it).
 *
 * Buckets count dumps, not milliseconds, so the time base (uptime, wall clock, dump index) can be
 * chosen at the end, once the whole run has been seen.
 *
 * Everything per bucket and per dump is kept in typed columns (KeptSamples, HeatColumns): a log of
 * tens of thousands of short runs builds every run's buckets before most runs make room for later
 * ones, and objects per dump that die there cost the collector more than the work itself.
 */
import { IntHistogram } from '../trace/histogram.js';
import { resized } from '../trace/resized.js';
import { runEndLine } from '../trace/run-end-line.js';
import { laterEra, type FormatEra } from '../trace/snapshot.js';
import type { TimelinePoint } from '../trace/timeline.js';
import { emptyTimelinePoint } from '../trace/timeline-builder.js';
import { HeatColumns } from './heat-columns.js';
import { KeptSamples, SERIES_COUNT, type Sample } from './kept-samples.js';

/** What a run's x values mean: uptime ms (`SCHED <t>ms`), wall-clock epoch ms, or the dump's index. */
export type TimeBase = 'uptime' | 'wall' | 'index';

export interface CountSample extends Omit<Sample, 'vals'> {
  total: number;
  counts: Record<string, number>;
}

export type HeatTable = 'local' | 'ticks' | 'pstatus';
export type CountTable = 'gstatus' | 'greason';

type CountPairs = Partial<Record<CountTable, [CountSample, CountSample]>>;

/** A dump's schedtick rates, reused from dump to dump. */
const tickRates: number[] = [];

/** One stream's run: its buckets and what the report says about it. */
export class RunBuckets {
  /** Buckets in use. */
  count = 0;
  /** Dumps per bucket (a power of two). */
  width = 1;
  n = 0;
  firstLine = 0;
  era: FormatEra = 'unknown';
  readonly gomaxprocsValues: number[] = [];
  detail = false;
  maxP = 1;
  maxLocal = 0;
  hasTicks = false;
  hasPStatus = false;
  readonly statusNames = new Set<string>();
  readonly reasonNames = new Set<string>();
  readonly heat: Partial<Record<HeatTable, HeatColumns>> = {};
  /**
   * The run's latest dump as the point its next batch rows step from (BatchRows.before): only its
   * schedticks are read there.
   */
  readonly before: TimelinePoint = emptyTimelinePoint();
  private readonly samples: KeptSamples;
  /** Heatmap columns of a run this one took the place of, for tables this run has not used yet. */
  private readonly spareHeat: HeatColumns[];
  /** The run's latest dump's slot (-1 before the first). */
  private lastSlot = -1;
  /** The run's last input line so far (runEndLine). */
  private endLine = 0;
  /** Per bucket: its first dump's slot, dumps, last line, and per series the slots of its min and max (-1: none). */
  private first: Int32Array;
  private dumps: Int32Array;
  private lastLines: Float64Array;
  private min: Int32Array;
  private max: Int32Array;
  /** Per bucket, the G counts with the fewest and the most goroutines (scheddetail runs only). */
  private readonly counts: (CountPairs | undefined)[] = [];
  private allT = true;
  private allWall = true;
  private offset: number | null = null;
  private readonly gapsT = new IntHistogram();
  private readonly gapsWall = new IntHistogram();

  /**
   * `previous`: a run no longer drawn, whose columns this run takes over (a log of many short runs
   * then allocates no columns per run).
   */
  constructor(
    readonly stream: string,
    readonly run: number,
    previous?: RunBuckets,
  ) {
    if (previous === undefined) {
      this.samples = new KeptSamples();
      this.spareHeat = [];
      this.first = new Int32Array(8);
      this.dumps = new Int32Array(8);
      this.lastLines = new Float64Array(8);
      this.min = new Int32Array(8 * SERIES_COUNT);
      this.max = new Int32Array(8 * SERIES_COUNT);
      return;
    }
    this.samples = previous.samples;
    this.samples.size = 0;
    this.first = previous.first;
    this.dumps = previous.dumps;
    this.lastLines = previous.lastLines;
    this.min = previous.min;
    this.max = previous.max;
    this.spareHeat = [...previous.spareHeat, ...Object.values(previous.heat)];
  }

  push(pt: TimelinePoint, era: FormatEra): void {
    this.endLine = runEndLine(this.endLine, pt);
    const wallMs = pt.wallTime !== undefined ? Date.parse(pt.wallTime) : Number.NaN;
    if (this.samples.full) this.makeRoom();
    const ks = this.samples;
    const prev = this.lastSlot;
    const s = ks.add(this.n++, pt, wallMs);
    const tMs = ks.tMs[s]!;
    if (Number.isNaN(tMs)) this.allT = false;
    if (Number.isNaN(wallMs)) this.allWall = false;
    if (this.offset === null && !Number.isNaN(tMs) && !Number.isNaN(wallMs)) this.offset = wallMs - tMs;
    const prevT = prev >= 0 ? ks.tMs[prev]! : Number.NaN;
    const prevWall = prev >= 0 ? ks.wallMs[prev]! : Number.NaN;
    // (NaN compares false: no gap where either time is missing.)
    if (tMs > prevT) this.gapsT.add(tMs - prevT);
    if (wallMs > prevWall) this.gapsWall.add(Math.round(wallMs - prevWall));

    // schedtick rate over [previous dump, this dump]: it belongs to the previous dump's step
    const tail = this.count - 1;
    if (pt.schedtickDelta !== undefined && prev >= 0 && tail >= 0) {
      const dt =
        !Number.isNaN(prevT) && !Number.isNaN(tMs)
          ? tMs - prevT
          : !Number.isNaN(prevWall) && !Number.isNaN(wallMs)
            ? wallMs - prevWall
            : 0;
      if (dt > 0) {
        this.hasTicks = true;
        const d = pt.schedtickDelta;
        tickRates.length = d.length;
        for (let p = 0; p < d.length; p++) tickRates[p] = Math.round((d[p]! * 10000) / dt) / 10;
        this.heatOf('ticks', d.length).add(tail, tickRates, ks.line[prev]!);
      }
    }

    let b = tail;
    if (b < 0 || this.dumps[b]! >= this.width) b = this.open(s);
    this.addSample(b, s);
    this.heatOf('local', pt.runq.length).add(b, pt.runq, pt.line);
    for (const v of pt.runq) if (v > this.maxLocal) this.maxLocal = v;
    if (pt.pStatus !== undefined) {
      this.hasPStatus = true;
      this.heatOf('pstatus', pt.pStatus.length).add(b, pt.pStatus, pt.line);
    }
    if (pt.gByStatus !== undefined) {
      for (const name of Object.keys(pt.gByStatus)) this.statusNames.add(name);
      this.addCounts(b, 'gstatus', this.countSample(s, pt.gByStatus));
    }
    if (pt.gByReason !== undefined) {
      for (const name of Object.keys(pt.gByReason)) this.reasonNames.add(name);
      this.addCounts(b, 'greason', this.countSample(s, pt.gByReason));
    }

    if (pt.schedticks === undefined) this.before.schedticks = undefined;
    else copyList((this.before.schedticks ??= []), pt.schedticks);
    if (prev < 0) this.firstLine = pt.line;
    this.lastSlot = s;
    this.era = laterEra(this.era, era);
    if (this.gomaxprocsValues[this.gomaxprocsValues.length - 1] !== pt.gomaxprocs)
      this.gomaxprocsValues.push(pt.gomaxprocs);
    this.maxP = Math.max(this.maxP, pt.runq.length, pt.gomaxprocs);
    if (pt.pStatus !== undefined || pt.gByStatus !== undefined) this.detail = true;
  }

  /** Merges neighbouring buckets in pairs; the width doubles. */
  coarsen(): void {
    const heats = Object.values(this.heat);
    let to = 0;
    for (let j = 0; j < this.count; j += 2, to++) {
      if (j + 1 < this.count) this.absorb(j, j + 1, heats);
      if (to !== j) this.moveBucket(to, j, heats);
    }
    this.count = to;
    this.counts.length = to;
    this.width *= 2;
  }

  /** Stored values: two series rows and one cell per P and heatmap, per bucket. */
  cost(): number {
    const heatmaps = 1 + (this.hasTicks ? 1 : 0) + (this.hasPStatus ? 1 : 0);
    const counts = this.statusNames.size + this.reasonNames.size;
    return this.count * (2 + heatmaps * this.maxP + 2 * counts);
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

  /** Bucket j's first dump's time in the time base. */
  startOf(j: number, base: TimeBase): number {
    return this.timeOfSlot(this.first[j]!, base);
  }

  /** The last dump's time in the time base (0 before any dump). */
  lastTime(base: TimeBase): number {
    return this.lastSlot < 0 ? 0 : this.timeOfSlot(this.lastSlot, base);
  }

  /** The run's last dump (undefined before any). */
  lastSample(): Sample | undefined {
    return this.lastSlot < 0 ? undefined : this.samples.sample(this.lastSlot);
  }

  /** The run's last input line (runEndLine). */
  lastLine(): number {
    return this.endLine;
  }

  /** The run's output goes on to `line` (gctrace cycles after its last dump). */
  extendTo(line: number): void {
    this.endLine = runEndLine(this.endLine, { line });
  }

  /** Bucket j's last dump's line. */
  bucketLastLine(j: number): number {
    return this.lastLines[j]!;
  }

  /** Bucket j's first dump and those holding a min or max, in input order, without repeats. */
  samplesOf(j: number): Sample[] {
    const slots = [this.first[j]!];
    for (let m = j * SERIES_COUNT; m < (j + 1) * SERIES_COUNT; m++) {
      const lo = this.min[m]!;
      const hi = this.max[m]!;
      if (lo >= 0 && !slots.includes(lo)) slots.push(lo);
      if (hi >= 0 && !slots.includes(hi)) slots.push(hi);
    }
    return slots.sort((a, b) => a - b).map((s) => this.samples.sample(s));
  }

  countSamples(j: number, table: CountTable): CountSample[] {
    const c = this.counts[j]?.[table];
    if (c === undefined) return [];
    return c[0] === c[1] ? [c[0]] : [c[0], c[1]].sort((a, b) => a.i - b.i);
  }

  /**
   * Where an input line falls in the time base: inside the bucket that holds it, spread in
   * proportion to its line (exact when a bucket holds one dump).
   */
  timeAtLine(line: number, base: TimeBase, end: number): number {
    if (this.count === 0) return 0;
    const firstLine = (j: number) => this.samples.line[this.first[j]!]!;
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (firstLine(mid) <= line) lo = mid;
      else hi = mid - 1;
    }
    const t0 = this.startOf(lo, base);
    const t1 = lo + 1 < this.count ? this.startOf(lo + 1, base) : end;
    const n = this.dumps[lo]!;
    const from = firstLine(lo);
    const to = this.lastLines[lo]!;
    if (n <= 1 || to <= from) return t0;
    const f = Math.min(1, Math.max(0, (line - from) / (to - from)));
    // the bucket's last dump starts at f = 1, one step before the bucket's end
    const step = (t1 - t0) / n;
    return t0 + f * (t1 - t0 - step);
  }

  private timeOfSlot(s: number, base: TimeBase): number {
    const ks = this.samples;
    return base === 'uptime' ? ks.tMs[s]! : base === 'wall' ? ks.wallMs[s]! : ks.index[s]!;
  }

  /** A new bucket starting at slot s; returns its index. */
  private open(s: number): number {
    const j = this.count++;
    if (j >= this.first.length) {
      const n = 2 * this.first.length;
      this.first = resized(this.first, n, 0);
      this.dumps = resized(this.dumps, n, 0);
      this.lastLines = resized(this.lastLines, n);
      this.min = resized(this.min, n * SERIES_COUNT, -1);
      this.max = resized(this.max, n * SERIES_COUNT, -1);
    }
    this.first[j] = s;
    this.dumps[j] = 0;
    this.lastLines[j] = this.samples.line[s]!;
    for (let m = j * SERIES_COUNT; m < (j + 1) * SERIES_COUNT; m++) {
      this.min[m] = -1;
      this.max[m] = -1;
    }
    const { local, ticks, pstatus } = this.heat;
    local?.open(j);
    ticks?.open(j);
    pstatus?.open(j);
    this.counts[j] = undefined;
    return j;
  }

  /** The heatmap `table`, made the first time a dump has one (every row empty, one per bucket). */
  private heatOf(table: HeatTable, ps: number): HeatColumns {
    let h = this.heat[table];
    if (h === undefined) {
      const need = Math.max(ps, this.maxP);
      // Columns much wider than this run's Ps (a 5,000-P run's, handed down) would cost a row of that
      // width per bucket, in time and memory: they are left to the collector.
      const spare = this.spareHeat.pop();
      h =
        spare !== undefined && spare.stride <= 2 * need
          ? spare.emptied(this.count)
          : new HeatColumns(need, this.first.length);
      this.heat[table] = h;
    }
    return h;
  }

  private addSample(j: number, s: number): void {
    this.dumps[j]!++;
    this.lastLines[j] = this.samples.line[s]!;
    const vals = this.samples.vals;
    const o = j * SERIES_COUNT;
    for (let m = 0; m < SERIES_COUNT; m++) {
      const v = vals[s * SERIES_COUNT + m]!;
      if (Number.isNaN(v)) continue;
      const lo = this.min[o + m]!;
      if (lo < 0 || v < vals[lo * SERIES_COUNT + m]!) this.min[o + m] = s;
      const hi = this.max[o + m]!;
      if (hi < 0 || v > vals[hi * SERIES_COUNT + m]!) this.max[o + m] = s;
    }
  }

  private addCounts(j: number, table: CountTable, s: CountSample): void {
    const pairs = (this.counts[j] ??= {});
    const c = pairs[table];
    if (c === undefined) {
      pairs[table] = [s, s];
      return;
    }
    if (s.total < c[0].total) c[0] = s;
    if (s.total > c[1].total) c[1] = s;
  }

  private countSample(s: number, counts: Record<string, number>): CountSample {
    let total = 0;
    for (const v of Object.values(counts)) total += v;
    return { ...this.samples.position(s), total, counts };
  }

  /** Folds bucket b (the next one) into bucket a. */
  private absorb(a: number, b: number, heats: HeatColumns[]): void {
    this.dumps[a]! += this.dumps[b]!;
    this.lastLines[a] = this.lastLines[b]!;
    const vals = this.samples.vals;
    for (let m = 0; m < SERIES_COUNT; m++) {
      const lo = this.min[b * SERIES_COUNT + m]!;
      const cur = this.min[a * SERIES_COUNT + m]!;
      if (lo >= 0 && (cur < 0 || vals[lo * SERIES_COUNT + m]! < vals[cur * SERIES_COUNT + m]!))
        this.min[a * SERIES_COUNT + m] = lo;
      const hi = this.max[b * SERIES_COUNT + m]!;
      const top = this.max[a * SERIES_COUNT + m]!;
      if (hi >= 0 && (top < 0 || vals[hi * SERIES_COUNT + m]! > vals[top * SERIES_COUNT + m]!))
        this.max[a * SERIES_COUNT + m] = hi;
    }
    for (const h of heats) h.absorb(a, b);
    const from = this.counts[b];
    if (from !== undefined)
      for (const table of Object.keys(from) as CountTable[]) {
        const [lo, hi] = from[table] as [CountSample, CountSample];
        this.addCounts(a, table, lo);
        this.addCounts(a, table, hi);
      }
  }

  private moveBucket(to: number, from: number, heats: HeatColumns[]): void {
    this.first[to] = this.first[from]!;
    this.dumps[to] = this.dumps[from]!;
    this.lastLines[to] = this.lastLines[from]!;
    this.min.copyWithin(to * SERIES_COUNT, from * SERIES_COUNT, (from + 1) * SERIES_COUNT);
    this.max.copyWithin(to * SERIES_COUNT, from * SERIES_COUNT, (from + 1) * SERIES_COUNT);
    for (const h of heats) h.move(to, from);
    this.counts[to] = this.counts[from];
  }

  /**
   * The kept dumps are full: drop those no bucket holds any more (after a coarsening most), or
   * make room for twice as many when at least half are held.
   */
  private makeRoom(): void {
    const ks = this.samples;
    const keep = new Uint8Array(ks.size);
    if (this.lastSlot >= 0) keep[this.lastSlot] = 1;
    for (let j = 0; j < this.count; j++) keep[this.first[j]!] = 1;
    const refs = this.count * SERIES_COUNT;
    for (let m = 0; m < refs; m++) {
      if (this.min[m]! >= 0) keep[this.min[m]!] = 1;
      if (this.max[m]! >= 0) keep[this.max[m]!] = 1;
    }
    let held = 0;
    for (const k of keep) held += k;
    if (2 * held > ks.size) {
      ks.grow();
      return;
    }
    const to = ks.compact(keep);
    if (this.lastSlot >= 0) this.lastSlot = to[this.lastSlot]!;
    for (let j = 0; j < this.count; j++) this.first[j] = to[this.first[j]!]!;
    for (let m = 0; m < refs; m++) {
      if (this.min[m]! >= 0) this.min[m] = to[this.min[m]!]!;
      if (this.max[m]! >= 0) this.max[m] = to[this.max[m]!]!;
    }
  }
}

/** dst = src, dst kept a packed array. */
function copyList(dst: number[], src: readonly number[]): void {
  if (dst.length > src.length) dst.length = src.length;
  for (let i = 0; i < src.length; i++) dst[i] = src[i]!;
}
