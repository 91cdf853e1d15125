/**
 * One event, one finding, read over a run: the folds that drop a finding another explains, in the
 * order the run's end applies them (RunChecker.finish), and last the note that ties a backlog to the
 * GOMAXPROCS fall before it. Live readings apply them too, to a finding
 * held back until what may fold it is known (live-findings.ts).
 */
import { foldGcRestartBacklog, foldGcStartWaits, foldGcStopNotes } from './checks/gc-folds.js';
import { foldSemacquireContention } from './checks/goroutine-leak.js';
import { foldSaturatedJumps, foldSpilledJumps, foldWaveLockWaits } from './checks/injection-burst.js';
import { noteSaturationAfterFall } from './checks/saturation-after-fall.js';
import type { Finding, FindingKind } from './finding.js';

/**
 * The kinds whose evidence a fold reads: a run counted past the trace's cap (RunChecker.countOnly)
 * keeps theirs, so that its findings fold as a kept run's do.
 */
export const FOLDS_READ_EVIDENCE: ReadonlySet<FindingKind> = new Set([
  'saturation',
  'gc-pressure',
  'injection-burst',
  'lock-contention',
  'goroutine-leak',
  'gomaxprocs-change',
]);

export function foldFindings(fs: Finding[]): Finding[] {
  return noteSaturationAfterFall(
    foldGcRestartBacklog(
      foldGcStopNotes(
        foldGcStartWaits(foldWaveLockWaits(foldSaturatedJumps(foldSpilledJumps(foldSemacquireContention(fs))))),
      ),
    ),
  );
}
