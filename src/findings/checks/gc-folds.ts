import { round3 } from '../check.js';
import type { Finding, FindingOf } from '../finding.js';
import { explainGcPressure } from './gc-pressure-words.js';
import { isSustainedStop } from './gc-stop.js';
import { GC_NEGLIGIBLE_PERCENT } from './gc-thresholds.js';

/**
 * Goroutines parked in semacquire while GC cycles came back to back, on a release whose wait reasons
 * name no lock (before Go 1.20: datesBefore120): a goroutine that allocates when a cycle is due calls
 * gcStart, which takes work.startSema before it tests the trigger again and worldsema to stop the
 * world, so under sustained GC pressure the allocators wait there (mgc.go, gcStart) and the reading
 * is no evidence of a lock. A lock-contention reading not named by its wait reason, all of whose
 * dumps lie within a sustained GC-pressure episode of its run, is folded into that episode's
 * evidence (gcStartWaits), whose words give both readings, and dropped.
 */
export function foldGcStartWaits(fs: Finding[]): Finding[] {
  // Most runs have no lock reading: no list is made for them.
  if (!fs.some((f) => f.kind === 'lock-contention')) return fs;
  const gcs = sustainedGc(fs);
  if (gcs.length === 0) return fs;
  return fs.filter((f) => {
    if (f.kind !== 'lock-contention' || f.evidence.named) return true;
    const gc = coveringGc(gcs, f);
    if (gc === undefined) return true;
    const had = gc.evidence.gcStartWaits;
    gc.evidence.gcStartWaits = {
      waitersPeak: Math.max(had?.waitersPeak ?? 0, f.evidence.waitersPeak),
      dumps: (had?.dumps ?? 0) + f.evidence.dumps,
    };
    reword(gc);
    return false;
  });
}

/**
 * A backlog beside idle Ps while GC cycles come back to back. Every stop of the world preempts the
 * running goroutines (stopTheWorldWithSema → preemptall; at its next safe point gopreempt_m →
 * goschedImpl). Up to Go 1.25 each puts itself on the global queue (globrunqput); from Go 1.26 it
 * stays in its P's runnext (goschedImpl: preempted && sched.gcwaiting → runqput(pp, gp, true)),
 * which schedtrace's per-P count (runqtail − runqhead) leaves out, and the goroutine runnext held
 * goes to the ring's tail. The allocators that found a cycle due wait for it to start (gcStart,
 * work.startSema) and are readied one at a time onto the releasing goroutine's P (runnext, pushing
 * the one before to the ring). startTheWorldWithSema then hands the Ps that have work to their Ms
 * and wakes one more (wakep), and each M that finds work wakes the next (resetspinning → wakep):
 * the queued goroutines wait beside idle Ps while an M spins up, until the Ms are back, longer when
 * their threads wait for a CPU. With cycles ending between every two dumps (two stops each), dumps
 * keep catching that, so saturation's reading of such a dump (cpu-starved: the spinning M was not
 * running, so the threads waited for a CPU) is not the only explanation. A saturation episode all
 * of whose dumps were of that kind, within a sustained GC-pressure episode of its run, with no more
 * goroutines waiting at any dump than there are Ps, is folded into the GC episode's evidence
 * (restartBacklog), whose words give both readings, and dropped. GOMAXPROCS bounds what one stop
 * queues on every release: the goroutine each P ran before Go 1.26, and from Go 1.26 at most the
 * goroutine each P's runnext held, the preempted one staying out of the counts. With more waiting
 * than Ps, or a dump where every P was busy beside the backlog, the program had more runnable
 * goroutines than Ps, and saturation stays.
 */
export function foldGcRestartBacklog(fs: Finding[]): Finding[] {
  if (!fs.some(isRestartShaped)) return fs;
  const gcs = sustainedGc(fs);
  if (gcs.length === 0) return fs;
  return fs.filter((f) => {
    if (!isRestartShaped(f)) return true;
    const gc = coveringGc(gcs, f);
    if (gc === undefined) return true;
    const e = f.evidence;
    const had = gc.evidence.restartBacklog;
    gc.evidence.restartBacklog = {
      dumps: (had?.dumps ?? 0) + e.dumps,
      waitingPeak: Math.max(had?.waitingPeak ?? 0, e.waitingPeak),
      idleprocsPeak: Math.max(had?.idleprocsPeak ?? 0, e.idleprocsPeak),
    };
    reword(gc);
    return false;
  });
}

/**
 * One event, one finding: a scheddetail dump caught inside a stop-the-world is a note (gc-stop with no
 * impact, isSustainedStop). Within a sustained GC-pressure episode of its run, read from the gctrace
 * lines, the stop is one of that episode's cycles (gcStart and gcMarkDone each stop the world), whose
 * pauses gc-pressure already counts by the runtime's own clock: the note adds nothing and is dropped.
 * A sustained gc-stop never meets one (the check leaves the share to gc-pressure when gctrace lines
 * are printed), and a note outside the episode stays.
 */
export function foldGcStopNotes(fs: Finding[]): Finding[] {
  if (!fs.some((f) => f.kind === 'gc-stop' && !isSustainedStop(f))) return fs;
  const gcs = sustainedGc(fs);
  if (gcs.length === 0) return fs;
  return fs.filter((f) => f.kind !== 'gc-stop' || isSustainedStop(f) || coveringGc(gcs, f) === undefined);
}

/** A saturation episode whose every dump had idle Ps beside the backlog, never more waiting than Ps (foldGcRestartBacklog). */
export function isRestartShaped(f: Finding): f is FindingOf<'saturation'> {
  if (f.kind !== 'saturation') return false;
  const e = f.evidence;
  return e.cpuStarvedDumps === e.dumps && e.waitingPeak <= e.gomaxprocs;
}

/** The sustained GC-pressure episodes among a run's findings (not the heap's growth at start-up). */
function sustainedGc(fs: readonly Finding[]): FindingOf<'gc-pressure'>[] {
  return fs.filter(
    (f): f is FindingOf<'gc-pressure'> =>
      f.kind === 'gc-pressure' && f.evidence.sustained && f.startup === undefined && f.tMs !== null,
  );
}

/** The episode among `gcs` of f's stream and run whose span holds all of f's; undefined when none does. */
function coveringGc(gcs: readonly FindingOf<'gc-pressure'>[], f: Finding): FindingOf<'gc-pressure'> | undefined {
  if (f.tMs === null) return undefined;
  const from = f.tMs;
  const to = f.tEndMs ?? from;
  return gcs.find((g) => g.stream === f.stream && g.run === f.run && g.tMs! <= from && to <= (g.tEndMs ?? g.tMs!));
}

/** Words made already (a live listener's) are made again with what was folded in. */
function reword(gc: FindingOf<'gc-pressure'>): void {
  if (gc.explanation !== '') Object.assign(gc, explainGcPressure(gc));
}

/**
 * GC while the heap grows at start-up. The process's first cycles run at the runtime's least heap
 * goal (4 MB × GOGC/100: mgcpacer.go, heapMinimum) and the next ones at (at GOGC=100) twice a live heap still
 * being built, so they come fast and stop coming once the heap holds its working set. An episode
 * whose every hit came from the process's start (Hit.fromStart: its streak began with the first
 * cycle, gc 1, and had no long pause), that ended before the run did and took under
 * GC_NEGLIGIBLE_PERCENT of the Ps' time over the whole run is that growth, not what the run lost its
 * time to: it stays listed, marked (Finding.startup) and worded so, and ranks as a note (rank.ts).
 * It reads no evidence, so a run whose findings are only counted ranks the same. `fromMs`, `toMs`:
 * the run's first and last dump.
 */
export function markStartupGc(fs: readonly Finding[], fromMs: number | null, toMs: number | null): void {
  if (fromMs === null || toMs === null || toMs <= fromMs) return;
  const runMs = toMs - fromMs;
  for (const f of fs) {
    if (f.tEndMs === null || f.tEndMs >= toMs) continue;
    const share = (100 * f.impact) / runMs;
    if (share < GC_NEGLIGIBLE_PERCENT) f.startup = { runMs, runSharePercent: round3(share) };
  }
}
