/**
 * Downsampling for long traces: points are grouped into equal time buckets and, per bucket, only
 * the points holding a minimum or a maximum survive, so a one-dump spike stays visible however
 * far the chart is zoomed out (an average would flatten it).
 */

export interface Buckets {
  count: number;
  t0: number;
  /** Bucket width in the unit of the times (ms). */
  width: number;
  /** Bucket of each input time, in input order. */
  index: number[];
}

/** Splits [min(times), max(times)] into `count` equal buckets and places every time in one. */
export function makeBuckets(times: readonly number[], count: number): Buckets {
  const n = Math.max(1, Math.floor(count));
  let t0 = Infinity;
  let t1 = -Infinity;
  for (const t of times) {
    if (t < t0) t0 = t;
    if (t > t1) t1 = t;
  }
  if (times.length === 0) return { count: n, t0: 0, width: 1, index: [] };
  const width = t1 > t0 ? (t1 - t0) / n : 1;
  const index = times.map((t) => Math.min(n - 1, Math.floor((t - t0) / width)));
  return { count: n, t0, width, index };
}

/**
 * Indices (ascending, no repeats) of the first point holding the minimum and of the first point
 * holding the maximum of `values` within each bucket. Null values are ignored.
 */
export function minMaxIndices(values: readonly (number | null)[], bucketOf: readonly number[]): number[] {
  const minAt = new Map<number, number>();
  const maxAt = new Map<number, number>();
  values.forEach((v, i) => {
    if (v === null) return;
    const b = bucketOf[i] ?? 0;
    const lo = minAt.get(b);
    if (lo === undefined || v < (values[lo] as number)) minAt.set(b, i);
    const hi = maxAt.get(b);
    if (hi === undefined || v > (values[hi] as number)) maxAt.set(b, i);
  });
  const keep = new Set<number>([...minAt.values(), ...maxAt.values()]);
  return [...keep].sort((a, b) => a - b);
}

/** Union of several ascending index lists, ascending. */
export function unionIndices(lists: readonly number[][]): number[] {
  const keep = new Set<number>();
  for (const l of lists) for (const i of l) keep.add(i);
  return [...keep].sort((a, b) => a - b);
}
