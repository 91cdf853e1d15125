// The thresholds of gc-pressure (its hits, merges and words), each with the runtime reasoning behind it.

/** GC cycles per second, or GC share of the Ps' CPU (percent), at or above which GC is a pressure. */
export const GC_CYCLES_PER_SECOND = 10;
export const GC_CPU_PERCENT = 10;
/**
 * Below this share of the Ps' time (percent) by both the cpu fields and the runtime's own figure
 * (which gctrace prints as 0%), cycles are cheap at any rate: a small heap collected often.
 */
export const GC_NEGLIGIBLE_PERCENT = 1;
/** How many times GC_NEGLIGIBLE_PERCENT the cpu fields must show when the runtime's figure is under 1%. */
export const GC_PAUSE_WEIGHTED_FLOOR = 2;
/**
 * Below this share of the CPUs the process runs on (percent: the cycles' cpu fields over the
 * interval's wall clock times min(GOMAXPROCS, CPUs)), many cycles a second are cheap too. The Ps'
 * time overstates what a program has when GOMAXPROCS exceeds its CPUs, and understates what GC
 * takes from it: 1% of 64 Ps on one CPU is two thirds of that CPU. Cycles that come often because
 * the heap is small (start-up, when each goal is 4 MB or twice a small live heap) and take a
 * twentieth of the CPUs or less are not what slows the program.
 */
export const GC_NEGLIGIBLE_CPUS_PERCENT = 5;
/** Dumps with gctrace cycles in a row before it is sustained pressure, not one collection. */
export const GC_DUMPS = 3;
/**
 * Or as many cycles over at least this long (ms): dumps seconds apart (schedtrace=5000, common in
 * production) may each carry dozens of cycles, and three of them would wait 15 s.
 */
export const GC_SUSTAINED_MS = 1000;
/**
 * A stop-the-world phase at least this long (wall clock, ms) is GC costing latency on its own,
 * however cheap the cycles: every goroutine stood still for it. The runtime's pauses are meant to
 * be well under a millisecond; one of 10 ms is ten times past that, and a sysmon tick.
 */
export const GC_PAUSE_MS = 10;
/** The stop-the-world phases' share of the wall clock (percent) from which the words give it. */
export const GC_STOPPED_WORDS_PERCENT = 2;
/** How many of a spaced hit's spans its episode waits for the next cycle (see `holding`). */
export const GC_HOLD_SPANS = 4;
/** Points of error the runtime's span share may carry and still be given (runtimeSpanShare). */
export const RUNTIME_SHARE_ERROR_MAX = 2;
