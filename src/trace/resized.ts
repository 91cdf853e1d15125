/**
 * A copy of `a` of length n: its first values (as many as fit), and `empty` after them. Columns that
 * grow (a batch's per-P lists, a report run's buckets and kept dumps) are made again this way.
 */
export function resized(a: Int32Array, n: number, empty?: number): Int32Array<ArrayBuffer>;
export function resized(a: Uint32Array, n: number, empty?: number): Uint32Array<ArrayBuffer>;
export function resized(a: Float64Array, n: number, empty?: number): Float64Array<ArrayBuffer>;
export function resized(
  a: Int32Array | Uint32Array,
  n: number,
  empty?: number,
): Int32Array<ArrayBuffer> | Uint32Array<ArrayBuffer>;
export function resized(
  a: Int32Array | Uint32Array | Float64Array,
  n: number,
  empty = 0,
): Int32Array | Uint32Array | Float64Array {
  const out =
    a instanceof Int32Array ? new Int32Array(n) : a instanceof Uint32Array ? new Uint32Array(n) : new Float64Array(n);
  out.set(a.length > n ? a.subarray(0, n) : a);
  if (empty !== 0 && n > a.length) out.fill(empty, a.length);
  return out;
}
