/**
 * The longest a runnable thread waits for a CPU, in ms: two periods of Linux's fair scheduler for
 * `threads` threads on `cpus` CPUs (a thread that ran first in one period may run last in the next).
 * The period is sched_latency (6 ms) or, with more threads, min_granularity (0.75 ms) a thread per
 * CPU, both scaled by 1 + log2(CPUs) up to 8 CPUs (kernel/sched/fair.c, SCHED_TUNABLESCALING_LOG).
 */
export function cpuWaitBoundMs(threads: number, cpus: number): number {
  const c = Math.max(1, cpus);
  const scale = 1 + Math.floor(Math.log2(Math.min(c, 8)));
  return 2 * Math.max(6 * scale, 0.75 * scale * Math.ceil(threads / c));
}

/** The least cpuWaitBoundMs gives (one thread on one CPU; more of either only adds): a shorter pause is never over it. */
export const CPU_WAIT_BOUND_MIN_MS = cpuWaitBoundMs(1, 1);
