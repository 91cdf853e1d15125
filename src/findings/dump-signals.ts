/**
 * What a dump shows that some check could hit on, as bits read once per dump: the runner leaves a
 * check out of the dumps that show none of the bits it declares (Check.quietUnless), which on a
 * plain summary dump is most checks. Each bit is implied by its check's own condition (never the
 * other way round), so a check left out would have returned null. The backlog and long-ring bits
 * are backlogOf's (trace/backlog.ts) and isLopsided's (checks/backlog.ts) tests, without saturatedDump's guards.
 */
import type { BatchRows } from '../trace/batch-rows.js';
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
  DETAIL_DUMP,
  LOCK_WAITERS,
  LONG_RING,
  PROCS_CHANGED,
  QUEUES_FELL,
  WORLD_STOPPING,
} from './check.js';
import { backlogOf } from '../trace/backlog.js';
import { STOPPED_UNHELD_PS, unheldPs } from '../trace/stopped-world.js';
import { isLopsided } from './checks/backlog.js';
import { mayViolate, relationsMayFail, tickWentBack } from './checks/invariant-violation.js';
import { IO_WAIT_REASON } from './checks/io-wait-drop.js';
import { mayShowLockContention } from './checks/lock-contention.js';
import { threadLimit } from './checks/thread-growth.js';

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
  if (
    cur.crash !== undefined ||
    cur.exitText !== undefined ||
    mayViolate(cur, countsRead) ||
    tickWentBack(prev, cur) !== null
  )
    return EVERY_CHECK;
  const n = cur.gomaxprocs;
  // scheddetail. Its other fields only keep checks quiet (gcwaiting: saturation, idle-with-work;
  // locked Ms: thread-growth) or add to a hit's words.
  let s = 0;
  if (cur.gcwaiting === true || (cur.stopwait ?? 0) !== 0) s |= WORLD_STOPPING;
  const ioBefore = prev?.gByReason;
  const ioAfter = cur.gByReason;
  if (
    ioBefore !== undefined &&
    ioAfter !== undefined &&
    (ioBefore[IO_WAIT_REASON] ?? 0) - (ioAfter[IO_WAIT_REASON] ?? 0) > n
  )
    s |= IO_WAIT_FELL;
  if (ioAfter !== undefined || cur.gcwaiting !== undefined) s |= DETAIL_DUMP;
  if (ioAfter !== undefined && mayShowLockContention(cur)) s |= LOCK_WAITERS;
  return (
    s |
    countSignals(
      index === 0 && run !== 0,
      n,
      cur.idleprocs,
      cur.spinningthreads ?? 0,
      cur.threads - cur.idlethreads,
      cur.runqueue,
      cur.runq.length,
      queued,
      maxLocal,
      cur.gc !== undefined,
      prev !== undefined,
      prev?.gomaxprocs ?? 0,
      prev?.runq.length ?? 0,
      prev?.runqueue ?? 0,
      prevWaiting,
      cur.schedtickDelta?.length ?? -1,
    )
  );
}

/**
 * dumpSignals of a byte scanner's batch row (rows.batch row r, after the first of the range: the dump
 * before it is row r - 1): it carries nothing but a plain summary dump's counts, each read from at
 * most nine digits.
 */
export function rowSignals(
  rows: BatchRows,
  r: number,
  run: number,
  index: number,
  queued: number,
  prevWaiting: number,
  maxLocal: number,
): number {
  const b = rows.batch!;
  const n = b.gomaxprocs[r]!;
  const idle = b.idleprocs[r]!;
  const threads = b.threads[r]!;
  const idlethreads = b.idlethreads[r]!;
  const sp = b.spinningthreads[r]!;
  const rings = b.runqFrom[r + 1]! - b.runqFrom[r]!;
  if (relationsMayFail(n, idle, threads, idlethreads, sp < 0 ? null : sp, rings) || rows.ticksWentBack(r))
    return EVERY_CHECK;
  return countSignals(
    index === 0 && run !== 0,
    n,
    idle,
    Math.max(sp, 0),
    threads - idlethreads,
    b.runqueue[r]!,
    rings,
    queued,
    maxLocal,
    b.gc[r] !== undefined,
    true,
    b.gomaxprocs[r - 1]!,
    b.runqFrom[r]! - b.runqFrom[r - 1]!,
    b.runqueue[r - 1]!,
    prevWaiting,
    // Read only where the queues fell far enough for it to count.
    prevWaiting - b.runqueue[r]! - queued > 2 * n + 2 ? rows.tickDeltas(r) : -1,
  );
}

/**
 * The signals of a dump that carries no more than a plain summary dump's counts: `busyThreads` its
 * threads neither idle, `rings` how many it printed, `tickDeltas` how many schedtick deltas its point
 * holds (-1: none); the `prev` counts are the dump before's (`hasPrev` false at the run's first).
 */
function countSignals(
  first: boolean,
  n: number,
  idle: number,
  spinning: number,
  busyThreads: number,
  runqueue: number,
  rings: number,
  queued: number,
  maxLocal: number,
  gc: boolean,
  hasPrev: boolean,
  prevN: number,
  prevRings: number,
  prevRunqueue: number,
  prevWaiting: number,
  tickDeltas: number,
): number {
  const waiting = runqueue + queued;
  let s = 0;
  if (first) s |= FIRST_DUMP;
  if (hasPrev && prevN !== n) s |= PROCS_CHANGED;
  if (hasPrev && prevN === n && tickDeltas === n && prevWaiting - waiting > 2 * n + 2) s |= QUEUES_FELL;
  if (backlogOf(n, idle, spinning, waiting, gc) !== null) s |= BACKLOG;
  if (idle > 0 && waiting >= idle && spinning === 0) s |= IDLE_BESIDE_WORK;
  if (gc) s |= GC_CYCLES;
  // busyThreads is threads − idlethreads: as unheldPs with no idle thread.
  if (unheldPs(n, idle, busyThreads, 0) >= STOPPED_UNHELD_PS) s |= WORLD_STOPPING;
  if (busyThreads > threadLimit(n, idle)) s |= BUSY_THREADS;
  if (hasPrev && prevN === n && prevRings === n && rings === n) {
    const growth = runqueue - prevRunqueue;
    if (growth >= OVERFLOW_BATCH - n - 2 || growth >= Math.max(32, 4 * n)) s |= GLOBAL_JUMP;
  } else if (runqueue >= OVERFLOW_BATCH) s |= GLOBAL_JUMP;
  if (idle === 0 && rings === n && isLopsided(maxLocal, queued, n)) s |= LONG_RING;
  return s;
}
