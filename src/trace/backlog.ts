/**
 * A dump's backlog as the runtime's rules read it, from its counts alone: the findings' saturation
 * and dump signals (findings/checks/backlog.ts) and the replay's thread starts
 * (replay/thread-starts.ts) read it the same way.
 */
import { GC_BACKGROUND_RUNNABLE } from './runtime-constants.js';
import type { TimelinePoint } from './timeline.js';

/** Waiting goroutines per P at or above which the Ps count as oversubscribed. */
export const SATURATION_BACKLOG = 1;

/**
 * Every P busy with a backlog (`ps-busy`), or Ps idle beside a backlog while an M spins: the CPUs,
 * not the Ps, ran out (`cpu-starved`).
 */
export type BacklogKind = 'ps-busy' | 'cpu-starved';

/**
 * The backlog's kind from a dump's counts, `waiting` its runqueue plus rings (`spinning` 0 when not
 * printed): every P busy (idleprocs=0, read under sched.lock) with at least one runnable goroutine
 * waiting per P, or Ps idle beside the backlog while an M spins; null when neither. For the second,
 * however many Ps are idle: a spinning M that runs steals within microseconds (stealWork), so one
 * spinning beside stealable work is waiting for a CPU whether or not the work could fill every idle
 * P. `gcEnded`: GC cycles ended in the interval before the dump (its gctrace lines), so the sweeper
 * and the scavenger may be among the waiting (GC_BACKGROUND_RUNNABLE) without any goroutine of the
 * program waiting: only the rest count. At one P they alone made a one-P allocator under 650-690
 * cycles a second read as saturation (the labelled p1 split).
 */
export function backlogOf(
  gomaxprocs: number,
  idleprocs: number,
  spinning: number,
  waiting: number,
  gcEnded: boolean,
): BacklogKind | null {
  const program = gcEnded ? Math.max(0, waiting - GC_BACKGROUND_RUNNABLE) : waiting;
  if (idleprocs === 0) return program >= SATURATION_BACKLOG * gomaxprocs ? 'ps-busy' : null;
  const running = gomaxprocs - idleprocs;
  return running > 0 && spinning > 0 && program >= SATURATION_BACKLOG * running ? 'cpu-starved' : null;
}

/** backlogOf a timeline point's counts, `waiting` its runqueue plus rings. */
export function backlogOfPoint(pt: TimelinePoint, waiting: number): BacklogKind | null {
  return backlogOf(pt.gomaxprocs, pt.idleprocs, pt.spinningthreads ?? 0, waiting, pt.gc !== undefined);
}

/**
 * Ps idle while every M at work spins: each P not idle is held by a spinning M (gomaxprocs −
 * idleprocs = spinningthreads) and no thread but sysmon is busy besides them (threads counts every
 * M, sysmon's too: mcount; idlethreads the idle list). wakep starts no M while one spins
 * (sched.nmspinning is not 0), and a spinning M runs expired timers in findRunnable (its own P's,
 * other Ps' in stealWork → checkTimers, timers.check from Go 1.23; per-P timers from Go 1.14): while it does, the idle Ps wait for it, not for cores.
 */
export function spinnerAtWork(pt: TimelinePoint): boolean {
  const spinning = pt.spinningthreads ?? 0;
  return (
    pt.idleprocs > 0 &&
    spinning >= 1 &&
    pt.gomaxprocs - pt.idleprocs === spinning &&
    pt.threads - pt.idlethreads - 1 === spinning
  );
}
