/**
 * A stop-the-world read from a summary line's counts, which print neither gcwaiting nor stopwait.
 *
 * Outside a stop, every P off the idle list (gomaxprocs − idleprocs; pidleput and pidleget run under
 * sched.lock, which schedtrace holds while it prints) is held by an M that is not on the idle list
 * either: running, spinning, in a syscall, or being started for that P. stopTheWorldWithSema instead moves each P to _Pgcstop, off the
 * idle list, and parks its M on the idle list (schedule → gcstopm → stopm → mput), so stopped Ps
 * outnumber the threads awake to hold them. `threads` is mcount(), every M, sysmon's too;
 * `idlethreads` is sched.nmidle. Ms the count takes for awake while they hold no P (in a syscall
 * after handoffp, a locked M parked: nmidlelocked, a cgo callback's extra M) can only make the test
 * fail, never pass. One P can be held by no counted M for microseconds: before Go 1.15 startm took it
 * off the idle list and newm had not yet counted the new M (mcommoninit); from Go 1.20 wakep takes the
 * P (pidlegetSpinning) in one hold of sched.lock and startm takes or reserves the M in another; so two
 * unheld Ps are needed, which a stop reaches only from 3 Ps (the M that stops the world holds its own P's
 * place).
 *
 * Checked on every dump of the samples' scheddetail captures (20,402 dumps of 329 logs, Go 1.5 to
 * 1.27), whose header prints gcwaiting and stopwait beside these counts: all 87 dumps with two or more
 * unheld Ps were inside a stop; of the 13 with one, 12 were and one was not (Go 1.5, 16 Ps, 8 idle).
 */
import type { TimelinePoint } from './timeline.js';

/** Unheld Ps from which a summary dump is read as inside a stop-the-world. */
export const STOPPED_UNHELD_PS = 2;

/**
 * Ps off the idle list beyond the awake Ms, sysmon's left out, that could hold them; 0 for counts that
 * cannot be (more idle threads than threads but sysmon, more idle Ps than Ps: a damaged line, which
 * invariant-violation reports), which show no stop.
 */
export function unheldPs(gomaxprocs: number, idleprocs: number, threads: number, idlethreads: number): number {
  if (idlethreads < 0 || idlethreads >= threads || idleprocs < 0 || idleprocs > gomaxprocs) return 0;
  return gomaxprocs - idleprocs - (threads - idlethreads - 1);
}

/** Whether a dump's counts show a stopped (or stopping) world (STOPPED_UNHELD_PS). */
export function stoppedByCounts(gomaxprocs: number, idleprocs: number, threads: number, idlethreads: number): boolean {
  return unheldPs(gomaxprocs, idleprocs, threads, idlethreads) >= STOPPED_UNHELD_PS;
}

/**
 * Whether a dump may be inside a stop: stoppedByCounts, or one unheld P beside no idle P. A stop takes
 * the idle Ps first (stopTheWorldWithSema: pidleget under sched.lock, each to _Pgcstop), so while it
 * is under way idleprocs is 0 and the Ps already stopped are unheld, one of them at 2 or 3 Ps. One
 * unheld P beside no idle P is also what waking an M leaves for microseconds when it took the last
 * idle P before the M was counted or taken (above), so it is no claim (gc-stop does not count it); it only keeps a dump
 * from being read as a backlog. On the scheddetail dumps of the samples all 12 such dumps were inside
 * a stop; on novel18's 3-P ReadMemStats loop (summary lines) 11 such dumps, 9 of which had counted
 * toward two saturation episodes.
 */
export function mayBeStoppedByCounts(
  gomaxprocs: number,
  idleprocs: number,
  threads: number,
  idlethreads: number,
): boolean {
  const unheld = unheldPs(gomaxprocs, idleprocs, threads, idlethreads);
  return unheld >= STOPPED_UNHELD_PS || (idleprocs === 0 && unheld >= 1);
}

/** Whether a dump may show the world stopped or stopping: scheddetail's gcwaiting, or the counts (mayBeStoppedByCounts). */
export function mayBeStopped(pt: TimelinePoint): boolean {
  return pt.gcwaiting === true || mayBeStoppedByCounts(pt.gomaxprocs, pt.idleprocs, pt.threads, pt.idlethreads);
}
