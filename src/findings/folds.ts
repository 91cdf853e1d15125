/**
 * One event, one finding, read over a run: the folds that drop a finding another explains, in the
 * order the run's end applies them (RunChecker.finish). Live readings apply them too, to a finding
 * held back until what may fold it is known (live-findings.ts).
 */
import { foldGcStartWaits } from './checks/gc-folds.js';
import { foldSemacquireContention } from './checks/goroutine-leak.js';
import { foldSaturatedJumps, foldSpilledJumps, foldWaveLockWaits } from './checks/injection-burst.js';
import type { Finding } from './finding.js';

export function foldFindings(fs: Finding[]): Finding[] {
  return foldGcStartWaits(foldWaveLockWaits(foldSaturatedJumps(foldSpilledJumps(foldSemacquireContention(fs)))));
}
