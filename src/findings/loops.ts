import { noteCrashLoop } from './checks/crash-dump.js';
import { noteExitLoop } from './checks/restart.js';
import type { Finding, FindingKind } from './finding.js';

/**
 * A process that ends the same way at every start, read over the whole trace: crash dumps with the
 * same message (noteCrashLoop) and restarts after the same last words (noteExitLoop) each say how
 * many there were. `omitted`: findings counted past the cap, by kind.
 */
export function noteLoops(fs: readonly Finding[], omitted: Partial<Record<FindingKind, number>>): Finding[] {
  return noteExitLoop(noteCrashLoop(fs, omitted['crash-dump']), omitted.restart);
}
