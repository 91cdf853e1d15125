import type { Rule } from './rule.js';

/**
 * Threads far above GOMAXPROCS. Ms are only freed when a locked goroutine exits (mexit), so the count
 * ratchets up to the peak of concurrently blocked syscalls/cgo calls plus GOMAXPROCS plus a few.
 */
export function threadLimit(gomaxprocs: number): number {
  return 2 * gomaxprocs + 8;
}

export const threadGrowth: Rule = {
  kind: 'thread-growth',
  severity: 'warning',
  peaks: ['threads'],
  check({ cur }) {
    const limit = threadLimit(cur.gomaxprocs);
    if (cur.threads <= limit) return null;
    return { evidence: { threads: cur.threads, gomaxprocs: cur.gomaxprocs, idlethreads: cur.idlethreads, limit } };
  },
  explain({ evidence: e }) {
    return {
      explanation: `${e.threads} OS threads for GOMAXPROCS=${e.gomaxprocs}, up to ${e.peakThreads} over ${e.snapshots} snapshot(s): goroutines blocked in syscalls or cgo calls kept their threads, and sysmon's retake handed their Ps to new threads.`,
      suggestion:
        'Find the blocking syscalls or cgo calls (file I/O, DNS via cgo, C libraries); bound their concurrency with a semaphore. Threads are never returned to the OS, so the count stays at its peak.',
    };
  },
};
