import { FIRST_DUMP_MS } from '../trace/runtime-constants.js';
import { type Check, NAMED_RUNS } from './check.js';
import { crashDump } from './checks/crash-dump.js';
import { restart } from './checks/restart.js';
import type { Finding, FindingKind, FindingOf } from './finding.js';

/**
 * A process that ends the same way at every start, read over the whole trace: crash dumps with the
 * same message and restarts after the same last words each say how many there were, so the first
 * line of the story is the loop, not one crash. `omitted`: findings counted past the cap, by kind,
 * which may be more of the same ("at least").
 */
export function noteLoops(fs: readonly Finding[], omitted: Partial<Record<FindingKind, number>>): Finding[] {
  return noteExitLoop(noteCrashLoop(fs, omitted['crash-dump'] ?? 0), omitted.restart ?? 0);
}

/**
 * Crash dumps of one stream that died with the same message (a pod restarted by its supervisor
 * leaves one per process in its log): how many, their first runs, and how long after its start
 * each process died (schedtrace's clock starts with the process).
 */
function noteCrashLoop(fs: readonly Finding[], omitted: number): Finding[] {
  return noteRepeats(
    fs,
    crashDump,
    (f) => f.evidence.exitText,
    (list, runs, processes) => {
      // Each process's uptime at its first crash dump (an M that throws later prints another).
      const diedAt = new Map<number, number>();
      for (const f of list) if (f.tMs !== null) diedAt.set(f.run, Math.min(diedAt.get(f.run) ?? f.tMs, f.tMs));
      let min = Number.POSITIVE_INFINITY;
      let max = 0;
      for (const t of diedAt.values()) {
        min = Math.min(min, t);
        max = Math.max(max, t);
      }
      const uptimeMs = { min: Number.isFinite(min) ? min : 0, max };
      return { sameExit: { crashes: processes, runs, uptimeMs, atLeast: omitted > 0 } };
    },
  );
}

/** A time a logger puts first (`2026/12/02 14:28:56`, `2026-12-02T14:28:56.123Z`, `14:28:56.123`), and the blanks after it. */
const LEADING_TIME = /^(?:\d{4}[/-]\d\d[/-]\d\d[ T])?\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?\s+/;

/**
 * Restarts of one stream after the same last words (log.Fatal's line, its time left out), with no
 * panic printed (a panic's crash dump says it, noteCrashLoop) and no sign of processes side by side.
 */
function noteExitLoop(fs: readonly Finding[], omitted: number): Finding[] {
  return noteRepeats(
    fs,
    restart,
    (f) => {
      const e = f.evidence;
      if (e.exitText !== null || e.interleaved === true || e.priorOutput === null) return null;
      if ((e.firstMs ?? 0) > FIRST_DUMP_MS) return null;
      return e.priorOutput.text.replace(LEADING_TIME, '');
    },
    (_list, runs, processes) => ({ sameLastWords: { restarts: processes, runs, atLeast: omitted > 0 } }),
  );
}

/**
 * Findings of `check`'s kind grouped by stream and `keyOf` (null: not grouped); each of a group of
 * two or more runs gets the evidence `note` makes of the group (given its first NAMED_RUNS runs,
 * ascending, and how many runs in all), and its words made again.
 */
function noteRepeats<K extends FindingKind>(
  fs: readonly Finding[],
  check: Check<K>,
  keyOf: (f: FindingOf<K>) => string | null,
  note: (list: FindingOf<K>[], runs: number[], processes: number) => Partial<FindingOf<K>['evidence']>,
): Finding[] {
  const groups = new Map<string, FindingOf<K>[]>();
  for (const f of fs) {
    if (f.kind !== check.kind) continue;
    const key = keyOf(f as FindingOf<K>);
    if (key === null) continue;
    const k = `${f.stream}\n${key}`;
    const list = groups.get(k);
    if (list === undefined) groups.set(k, [f as FindingOf<K>]);
    else list.push(f as FindingOf<K>);
  }
  const noted = new Map<Finding, Finding>();
  for (const list of groups.values()) {
    // Processes, not findings: a dying process prints a crash dump on every M that throws.
    const allRuns = [...new Set(list.map((f) => f.run))].sort((a, b) => a - b);
    if (allRuns.length < 2) continue;
    const extra = note(list, allRuns.slice(0, NAMED_RUNS), allRuns.length);
    for (const f of list) {
      const copy = { ...f, evidence: { ...f.evidence, ...extra } } as FindingOf<K>;
      noted.set(f as Finding, { ...copy, ...check.explain(copy) } as Finding);
    }
  }
  return noted.size === 0 ? [...fs] : fs.map((f) => noted.get(f) ?? f);
}
