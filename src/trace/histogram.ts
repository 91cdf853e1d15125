/**
 * Exact percentiles of integer samples in memory bounded by the number of distinct values
 * (queue lengths repeat a lot), so a run of any length is summarised in constant memory.
 */
const SMALL = 512;

export class IntHistogram {
  /** Counts of the small values (the common case) in an array; the rest in a map. */
  private small: Float64Array | undefined;
  private readonly counts = new Map<number, number>();
  private n = 0;
  private total = 0;
  private maxValue = -Infinity;

  add(v: number, times = 1): void {
    if (v >= 0 && v < SMALL) {
      const small = this.small ?? (this.small = new Float64Array(SMALL));
      small[v] = small[v]! + times;
    } else this.counts.set(v, (this.counts.get(v) ?? 0) + times);
    this.n += times;
    this.total += v * times;
    if (v > this.maxValue) this.maxValue = v;
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
    if (this.n === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.n));
    let seen = 0;
    const negatives = [...this.counts.keys()].filter((k) => k < 0).sort((a, b) => a - b);
    for (const k of negatives) {
      seen += this.counts.get(k)!;
      if (seen >= rank) return k;
    }
    for (let k = 0; this.small !== undefined && k < SMALL; k++) {
      seen += this.small[k]!;
      if (seen >= rank) return k;
    }
    const keys = [...this.counts.keys()].filter((k) => k >= 0).sort((a, b) => a - b);
    for (const k of keys) {
      seen += this.counts.get(k)!;
      if (seen >= rank) return k;
    }
    return this.maxValue;
  }

  summary(): Percentiles {
    return {
      p50: this.quantile(0.5),
      p90: this.quantile(0.9),
      p99: this.quantile(0.99),
      max: this.max,
      mean: round(this.mean),
    };
  }
}

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
