/**
 * What a dump shows that some check could hit on, as bits read once per dump: the runner leaves a
 * check out of the dumps that show none of the bits it declares (Check.quietUnless), which on a
 * plain summary dump is most checks. Each bit is implied by its check's own condition (never the
 * other way round), so a check left out would have returned null. The backlog and long-ring bits
 * are backlogKind's and isLopsided's tests (checks/backlog.ts), without saturatedDump's guards.
 */
import { OVERFLOW_BATCH } from '../trace/runtime-constants.js';
import type { TimelinePoint } from '../trace/timeline.js';
import {
  BACKLOG,
  BUSY_THREADS,
  EVERY_CHECK,
  FIRST_DUMP,
  GC_CYCLES,
  GLOBAL_JUMP,
  IDLE_BESIDE_WORK,
  IO_WAIT_FELL,
  LONG_RING,
  PROCS_CHANGED,
  QUEUES_FELL,
  WORLD_STOPPING,
} from './check.js';
import { backlogKind, isLopsided } from './checks/backlog.js';
import { mayViolate } from './checks/invariant-violation.js';
import { IO_WAIT_REASON } from './checks/io-wait-drop.js';

/**
 * The signals of `cur` after `prev` (the run's point before, undefined at its first), `index` the
 * dumps before it in the run; `queued` the sum of its rings, `maxLocal` the longest, `prevWaiting` runqueue
 * plus the rings' sum of prev; `countsRead` as mayViolate's (cur is a byte scanner's row).
 */
export function dumpSignals(
  prev: TimelinePoint | undefined,
  cur: TimelinePoint,
  run: number,
  index: number,
  queued: number,
  prevWaiting: number,
  maxLocal: number,
  countsRead = false,
): number {
  const waiting = cur.runqueue + queued;
  if (cur.crash !== undefined || cur.exitText !== undefined || mayViolate(cur, countsRead)) return EVERY_CHECK;
  let s = 0;
  const n = cur.gomaxprocs;
  // scheddetail. Its other fields only keep checks quiet (gcwaiting: saturation, idle-with-work;
  // locked Ms: thread-growth) or add to a hit's words.
  if (cur.gcwaiting === true || (cur.stopwait ?? 0) !== 0) s |= WORLD_STOPPING;
  const ioBefore = prev?.gByReason;
  const ioAfter = cur.gByReason;
  if (
    ioBefore !== undefined &&
    ioAfter !== undefined &&
    (ioBefore[IO_WAIT_REASON] ?? 0) - (ioAfter[IO_WAIT_REASON] ?? 0) > n
  )
    s |= IO_WAIT_FELL;
  const idle = cur.idleprocs;
  const spinning = cur.spinningthreads ?? 0;
  if (index === 0 && run !== 0) s |= FIRST_DUMP;
  if (prev !== undefined && prev.gomaxprocs !== n) s |= PROCS_CHANGED;
  const ticks = cur.schedtickDelta;
  if (
    prev !== undefined &&
    prev.gomaxprocs === n &&
    ticks !== undefined &&
    ticks.length === n &&
    prevWaiting - waiting > 2 * n + 2
  )
    s |= QUEUES_FELL;
  if (backlogKind(cur, waiting) !== null) s |= BACKLOG;
  if (idle > 0 && waiting >= idle && spinning === 0) s |= IDLE_BESIDE_WORK;
  if (cur.gc !== undefined) s |= GC_CYCLES;
  if (cur.threads - cur.idlethreads > 2 * n + 8) s |= BUSY_THREADS;
  const q = cur.runq;
  if (prev !== undefined && prev.gomaxprocs === n && prev.runq.length === n && q.length === n) {
    const growth = cur.runqueue - prev.runqueue;
    if (growth >= OVERFLOW_BATCH - n - 2 || growth >= Math.max(32, 4 * n)) s |= GLOBAL_JUMP;
  } else if (cur.runqueue >= OVERFLOW_BATCH) s |= GLOBAL_JUMP;
  if (idle === 0 && q.length === n && isLopsided(maxLocal, queued, n)) s |= LONG_RING;
  return s;
}
