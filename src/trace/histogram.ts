/**
 * Exact percentiles of integer samples in memory bounded by the number of distinct values
 * (queue lengths repeat a lot), so a run of any length is summarised in constant memory.
 */
export class IntHistogram {
  private readonly counts = new Map<number, number>();
  private n = 0;
  private total = 0;
  private maxValue = -Infinity;

  add(v: number, times = 1): void {
    this.counts.set(v, (this.counts.get(v) ?? 0) + times);
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
    const keys = [...this.counts.keys()].sort((a, b) => a - b);
    let seen = 0;
    for (const k of keys) {
      seen += this.counts.get(k)!;
      if (seen >= rank) return k;
    }
    return this.maxValue;
  }

  summary(): Percentiles {
    return { p50: this.quantile(0.5), p90: this.quantile(0.9), p99: this.quantile(0.99), max: this.max, mean: round(this.mean) };
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
