/**
 * Exact percentiles of integer samples in memory bounded by the number of distinct values
 * (queue lengths repeat a lot), so a run of any length is summarised in constant memory.
 */
const SMALL = 512;

export class IntHistogram {
  /**
   * Counts of the small values (the common case) in fixed bins, grown to the largest small value
   * seen (a run whose queues stay near zero holds a few bins, not 512); the rest in a map.
   */
  private small: number[] | undefined;
  /** Made on the first large value: most runs never see one, and a log may hold a million runs. */
  private counts: Map<number, number> | undefined;
  /**
   * Large values not yet in `counts`, one entry each, kept until the buffer is full: a Map update per
   * value cost 30 ns, and a crash-looping log's global queue is past SMALL at a quarter of its dumps.
   * Kept from run to run (clear), made on the first large value.
   */
  private pending: Float64Array | undefined;
  private nPending = 0;
  private n = 0;
  private total = 0;
  private maxValue = -Infinity;

  add(v: number, times = 1): void {
    if (v >= 0 && v < SMALL) {
      let small = this.small;
      if (small === undefined || v >= small.length) small = this.grow(v);
      small[v] = small[v]! + times;
    } else if (times === 1) this.addLarge(v);
    else {
      const counts = (this.counts ??= new Map());
      counts.set(v, (counts.get(v) ?? 0) + times);
    }
    this.n += times;
    this.total += v * times;
    if (v > this.maxValue) this.maxValue = v;
  }

  /**
   * Each value of vs[from, to) once, in order, leaving out those below `least` (a batch column's -1,
   * an absent value).
   */
  addAll(vs: ArrayLike<number>, from = 0, to = vs.length, least = Number.NEGATIVE_INFINITY): void {
    let small = this.small;
    // Added one by one in order, as add() does, so the float sum is the same.
    let total = this.total;
    let max = this.maxValue;
    let n = 0;
    for (let i = from; i < to; i++) {
      const v = vs[i]!;
      if (v < least) continue;
      if (v >= 0 && v < SMALL) {
        if (small === undefined || v >= small.length) small = this.grow(v);
        small[v]!++;
      } else this.addLarge(v);
      total += v;
      if (v > max) max = v;
      n++;
    }
    this.n += n;
    this.total = total;
    this.maxValue = max;
  }

  /**
   * The lists of rows [from, to) of a flat column (row r's values are vs[at[r], at[r + 1]), as a
   * batch holds the rings), each value once as addAll adds it. Each row's sum and largest value (0
   * with none) go to sums[r] and maxima[r] on the way, for readers of the same rows.
   */
  addLists(vs: Int32Array, at: Int32Array, from: number, to: number, sums: Int32Array, maxima: Int32Array): void {
    let small = this.small;
    let sum = this.total;
    let largest = this.maxValue;
    let i = at[from]!;
    for (let r = from; r < to; r++) {
      let rowSum = 0;
      let rowMax = 0;
      for (const end = at[r + 1]!; i < end; i++) {
        const x = vs[i]!;
        if (x < SMALL && x >= 0) {
          if (small === undefined || x >= small.length) small = this.grow(x);
          small[x]!++;
        } else this.addLarge(x);
        sum += x;
        if (x > largest) largest = x;
        rowSum += x;
        if (x > rowMax) rowMax = x;
      }
      sums[r] = rowSum;
      maxima[r] = rowMax;
    }
    this.n += at[to]! - at[from]!;
    this.total = sum;
    this.maxValue = largest;
  }

  /** One value outside the bins (large or negative). */
  private addLarge(v: number): void {
    let pending = this.pending;
    if (pending === undefined || this.nPending === pending.length) pending = this.roomForLarge();
    pending[this.nPending++] = v;
  }

  /** The pending buffer with room for one more value: grown up to PENDING_MAX, then emptied into counts. */
  private roomForLarge(): Float64Array {
    const pending = this.pending;
    if (pending === undefined) return (this.pending = new Float64Array(PENDING_MIN));
    if (pending.length < PENDING_MAX) {
      const bigger = new Float64Array(pending.length * 2);
      bigger.set(pending);
      return (this.pending = bigger);
    }
    this.countPending();
    return pending;
  }

  /** Moves the pending values into counts, sorted first so that each distinct value is one update. */
  private countPending(): void {
    const n = this.nPending;
    if (n === 0) return;
    const vs = this.pending!.subarray(0, n).sort();
    const counts = (this.counts ??= new Map());
    for (let i = 0; i < n; ) {
      const v = vs[i]!;
      let j = i + 1;
      while (j < n && vs[j] === v) j++;
      counts.set(v, (counts.get(v) ?? 0) + (j - i));
      i = j;
    }
    this.nPending = 0;
  }

  /** A plain array of small integers: cheaper to make than a typed array for the many short runs of a log. */
  private grow(v: number): number[] {
    const small = this.small ?? [];
    let n = Math.max(small.length, 4);
    while (n <= v) n *= 2;
    n = Math.min(n, SMALL);
    for (let k = small.length; k < n; k++) small.push(0);
    this.small = small;
    return small;
  }

  /** Empty again, keeping the bins made so far (zero bins count for nothing). */
  clear(): void {
    // Bins past the largest value seen were never counted in.
    if (this.n > 0) this.small?.fill(0, 0, Math.min(this.small.length, this.maxValue + 1));
    this.counts = undefined;
    this.nPending = 0;
    this.n = 0;
    this.total = 0;
    this.maxValue = -Infinity;
  }

  get count(): number {
    return this.n;
  }

  get mean(): number {
    return this.n === 0 ? 0 : this.total / this.n;
  }

  get max(): number {
    return this.n === 0 ? 0 : this.maxValue;
  }

  /** Nearest-rank percentile, q in [0, 1]. */
  quantile(q: number): number {
    return this.quantiles([q])[0]!;
  }

  /** Nearest-rank percentiles for ascending qs, in one walk over the values (large ones sorted once). */
  quantiles(qs: readonly number[]): number[] {
    return this.quantilesInto(qs, [], []);
  }

  /** quantiles(qs) written into out (returned), with ranks as scratch: both are filled to qs.length. */
  private quantilesInto(qs: readonly number[], out: number[], ranks: number[]): number[] {
    const m = qs.length;
    if (this.n === 0) {
      for (let i = 0; i < m; i++) out[i] = 0;
      return out;
    }
    // No closure, and no Map or key list for the common histogram without large values: a log
    // may close tens of thousands of runs, three histograms each.
    for (let i = 0; i < m; i++) {
      ranks[i] = Math.max(1, Math.ceil(qs[i]! * this.n));
      out[i] = this.maxValue;
    }
    let next = 0;
    let seen = 0;
    // Without counts, the pending values sorted (repeats side by side) are the large values: each
    // counts one. Otherwise they join counts, whose keys are sorted once.
    if (this.counts !== undefined) this.countPending();
    const counts = this.counts;
    const large: ArrayLike<number> =
      counts !== undefined
        ? [...counts.keys()].sort((a, b) => a - b)
        : this.nPending > 0
          ? this.pending!.subarray(0, this.nPending).sort()
          : NONE;
    let j = 0;
    for (; j < large.length && large[j]! < 0; j++) {
      seen += counts === undefined ? 1 : counts.get(large[j]!)!;
      while (next < m && seen >= ranks[next]!) out[next++] = large[j]!;
      if (next === m) return out;
    }
    const small = this.small;
    if (small !== undefined)
      for (let k = 0; k < small.length; k++) {
        const c = small[k]!;
        if (c === 0) continue;
        seen += c;
        while (next < m && seen >= ranks[next]!) out[next++] = k;
        if (next === m) return out;
      }
    for (; j < large.length; j++) {
      seen += counts === undefined ? 1 : counts.get(large[j]!)!;
      while (next < m && seen >= ranks[next]!) out[next++] = large[j]!;
      if (next === m) return out;
    }
    return out;
  }

  summary(): Percentiles {
    // Scratch arrays shared by every histogram: summary() keeps neither.
    const q = this.quantilesInto(QS, QS_OUT, QS_RANKS);
    return { p50: q[0]!, p90: q[1]!, p99: q[2]!, max: this.max, mean: round(this.mean) };
  }
}

const QS = [0.5, 0.9, 0.99] as const;
const QS_OUT = [0, 0, 0];
const QS_RANKS = [0, 0, 0];
const NONE: readonly number[] = [];
/** The pending buffer's first and largest lengths (IntHistogram.pending). */
const PENDING_MIN = 64;
const PENDING_MAX = 4096;

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
