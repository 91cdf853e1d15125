import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what survived the last full collection, in percent. V8's own
 * factor (up to 4× the live heap, more before its first full collection) lets a command whose live
 * heap is 40 MB reach 150 MB of garbage: objects of one dump live long enough to leave the young
 * generation, then die in the old one. At 50% the peak RSS of `report` on a 64 MB many-run log
 * fell from 268 MB to 169 MB and `analyze --json` from 213 MB to 165 MB, for about 5% more CPU
 * (a full collection costs time in proportion to the live heap, so time stays linear in the input).
 */
const HEAP_GROWING_PERCENT = 50;

/**
 * `analyze` holds little beside the open runs (a live heap of 10-15 MB), so at 50% it ran a full
 * collection every 5-7 MB promoted. At 100% (CPU s, peak RSS, 256 MB logs, one build, alternating):
 * many-run summary 2.82-2.97 → 2.58-2.67 s at 153-156 → 156-158 MB, many-run scheddetail 1.66 →
 * 1.57 s at 126 → 132 MB, long-run summary 1.34 → 1.24 s at 79 MB; `--jobs 2` on the many-run summary
 * 198 → 202 MB. `report` on the 64 MB many-run log gained no CPU and 8-30 MB, so it keeps 50%.
 */
export const ANALYZE_HEAP_GROWING_PERCENT = 100;

/**
 * Called once by the `gosched` executable before any command runs, and by a command that sets its own
 * percent; V8 reads the flag at every full collection.
 */
export function keepHeapNearLiveSize(percent = HEAP_GROWING_PERCENT): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
