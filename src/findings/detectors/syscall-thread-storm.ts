import type { DetectorDef } from './detector.js';

/**
 * A jump in `threads` within one interval. Ms are created by startm when a P is handed off (handoffp
 * after sysmon's retake of a P whose M sits in a syscall or cgo call) and no idle M exists; they are
 * freed only when a locked goroutine exits, so a storm leaves the count at its peak.
 */
export const syscallThreadStorm: DetectorDef = {
  kind: 'syscall-thread-storm',
  merge: true,
  create: () => ({
    check({ prev, cur }) {
      if (prev === undefined) return [];
      const growth = cur.threads - prev.threads;
      const threshold = Math.max(8, cur.gomaxprocs);
      if (growth < threshold) return [];
      const inSyscall = cur.gByStatus?.syscall;
      const pSyscall = cur.pStatus?.filter((s) => s === 2).length;
      return [
        {
          kind: 'syscall-thread-storm',
          severity: 'warning',
          evidence: {
            threadsBefore: prev.threads,
            threadsAfter: cur.threads,
            growth,
            gomaxprocs: cur.gomaxprocs,
            idlethreads: cur.idlethreads,
            ...(inSyscall !== undefined ? { gInSyscall: inSyscall } : {}),
            ...(pSyscall !== undefined ? { pInSyscall: pSyscall } : {}),
          },
          explanation: `${growth} OS threads were created in one interval (${prev.threads} → ${cur.threads}, GOMAXPROCS=${cur.gomaxprocs}): goroutines blocked in syscalls or cgo calls kept their Ms, sysmon's retake handed their Ps off (handoffp) and startm had to create a new M for each.`,
          suggestion:
            'Bound the number of concurrent blocking syscalls or cgo calls (semaphore, worker pool), prefer the netpoller (non-blocking I/O) and the pure-Go resolver; the threads are never returned to the OS.',
        },
      ];
    },
  }),
};
