import { resized } from '../trace/resized.js';

/**
 * One heatmap's cells of one run, per bucket and P, in flat columns (row j holds bucket j's Ps,
 * `stride` wide): the max of the bucket's dumps with the line that showed it, and the min. NaN in
 * `vmax` is a P the bucket never saw, or saw without a value; such a cell is not drawn.
 */
export class HeatColumns {
  stride: number;
  vmax: Float64Array;
  vmin: Float64Array;
  line: Float64Array;

  constructor(stride: number, buckets = 8) {
    this.stride = Math.max(1, stride);
    this.vmax = new Float64Array(buckets * this.stride).fill(Number.NaN);
    this.vmin = new Float64Array(buckets * this.stride);
    this.line = new Float64Array(buckets * this.stride);
  }

  /** These columns with rows 0 to `buckets` - 1 empty, for another run. */
  emptied(buckets: number): HeatColumns {
    if (buckets * this.stride > this.vmax.length) this.resize(buckets);
    this.vmax.fill(Number.NaN, 0, buckets * this.stride);
    return this;
  }

  /** Bucket j's row, emptied (it may hold a bucket merged away); the columns grow to hold it. */
  open(j: number): void {
    if ((j + 1) * this.stride > this.vmax.length) this.resize(Math.max(j + 1, (2 * this.vmax.length) / this.stride));
    const vmax = this.vmax;
    for (let i = j * this.stride, end = i + this.stride; i < end; i++) vmax[i] = Number.NaN;
  }

  /** A dump's values (one per P) seen at `line`, into bucket j (opened). */
  add(j: number, values: readonly number[], line: number): void {
    if (values.length > this.stride) this.widen(values.length);
    const o = j * this.stride;
    const { vmax, vmin } = this;
    for (let p = 0; p < values.length; p++) {
      const v = values[p]!;
      const cur = vmax[o + p]!;
      if (Number.isNaN(cur)) {
        vmax[o + p] = v;
        vmin[o + p] = v;
        this.line[o + p] = line;
        continue;
      }
      if (v > cur) {
        vmax[o + p] = v;
        this.line[o + p] = line;
      }
      if (v < vmin[o + p]!) vmin[o + p] = v;
    }
  }

  /** Folds bucket `from` into bucket `into` (into < from), as if its dumps had come there. */
  absorb(into: number, from: number): void {
    const w = this.stride;
    const { vmax, vmin, line } = this;
    for (let p = 0; p < w; p++) {
      const a = into * w + p;
      const b = from * w + p;
      const v = vmax[b]!;
      if (Number.isNaN(v)) continue;
      const cur = vmax[a]!;
      if (Number.isNaN(cur)) {
        vmax[a] = v;
        vmin[a] = vmin[b]!;
        line[a] = line[b]!;
        continue;
      }
      if (v > cur) {
        vmax[a] = v;
        line[a] = line[b]!;
      }
      if (vmin[b]! < vmin[a]!) vmin[a] = vmin[b]!;
    }
  }

  /** Bucket `from`'s row copied to row `to`. */
  move(to: number, from: number): void {
    if (to === from) return;
    const w = this.stride;
    this.vmax.copyWithin(to * w, from * w, (from + 1) * w);
    this.vmin.copyWithin(to * w, from * w, (from + 1) * w);
    this.line.copyWithin(to * w, from * w, (from + 1) * w);
  }

  private resize(buckets: number): void {
    const n = Math.ceil(buckets) * this.stride;
    this.vmax = resized(this.vmax, n, Number.NaN);
    this.vmin = resized(this.vmin, n, 0);
    this.line = resized(this.line, n, 0);
  }

  /** Rows of `stride` Ps for a dump with more (GOMAXPROCS raised, or a longer list). */
  private widen(ps: number): void {
    const old = this.stride;
    const rows = this.vmax.length / old;
    const w = Math.max(ps, 2 * old);
    const at = (a: Float64Array, empty: number) => {
      const out = new Float64Array(rows * w).fill(empty);
      for (let j = 0; j < rows; j++) out.set(a.subarray(j * old, (j + 1) * old), j * w);
      return out;
    };
    this.vmax = at(this.vmax, Number.NaN);
    this.vmin = at(this.vmin, 0);
    this.line = at(this.line, 0);
    this.stride = w;
  }
}
