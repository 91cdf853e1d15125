/**
 * The fields of a plain summary line, numbered for the fast paths (summary-direct.ts from text,
 * byte-summary.ts from bytes): each era table's key list becomes a list of these slots once.
 */
export const GOMAXPROCS = 0;
export const IDLEPROCS = 1;
export const THREADS = 2;
export const SPINNING = 3;
export const NEEDSPINNING = 4;
export const IDLETHREADS = 5;
export const RUNQUEUE = 6;

const slotOf: Record<string, number> = {
  gomaxprocs: GOMAXPROCS,
  idleprocs: IDLEPROCS,
  threads: THREADS,
  spinningthreads: SPINNING,
  needspinning: NEEDSPINNING,
  idlethreads: IDLETHREADS,
  runqueue: RUNQUEUE,
};

/** The keys every summary layout has (schedtrace prints them in every release). */
const REQUIRED = [GOMAXPROCS, IDLEPROCS, THREADS, IDLETHREADS, RUNQUEUE];

/** The slot of each key, or null when a key has none or a required key is missing (no fast path then). */
export function slotsOf(keys: readonly string[]): number[] | null {
  const slots = keys.map((k) => slotOf[k] ?? -1);
  return slots.includes(-1) || !REQUIRED.every((s) => slots.includes(s)) ? null : slots;
}
