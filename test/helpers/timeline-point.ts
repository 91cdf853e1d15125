import type { TimelinePoint } from '../../src/trace/timeline.js';

/** A summary dump at `tMs` with every P busy unless `idleprocs` says otherwise; schedticks when given. */
export function timelinePoint(
  tMs: number,
  runqueue: number,
  runq: number[],
  opts: { schedticks?: number[]; idleprocs?: number } = {},
): TimelinePoint {
  return {
    line: tMs + 1,
    tMs,
    gomaxprocs: runq.length,
    idleprocs: opts.idleprocs ?? 0,
    threads: runq.length + 1,
    spinningthreads: 0,
    needspinning: null,
    idlethreads: 0,
    runqueue,
    runq,
    ...(opts.schedticks ? { schedticks: opts.schedticks, schedtickDelta: opts.schedticks } : {}),
  };
}
