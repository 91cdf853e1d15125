import { round3 } from '../check.js';
import type { Finding, FindingOf } from '../finding.js';
import { explainGcPressure } from './gc-pressure-words.js';
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
  const gcs = fs.filter(
    (f): f is FindingOf<'gc-pressure'> =>
      f.kind === 'gc-pressure' && f.evidence.sustained && f.startup === undefined && f.tMs !== null,
  );
  if (gcs.length === 0) return fs;
  return fs.filter((f) => {
    if (f.kind !== 'lock-contention' || f.evidence.named || f.tMs === null) return true;
    const from = f.tMs;
    const to = f.tEndMs ?? from;
    const gc = gcs.find(
      (g) => g.stream === f.stream && g.run === f.run && g.tMs! <= from && to <= (g.tEndMs ?? g.tMs!),
    );
    if (gc === undefined) return true;
    const had = gc.evidence.gcStartWaits;
    gc.evidence.gcStartWaits = {
      waitersPeak: Math.max(had?.waitersPeak ?? 0, f.evidence.waitersPeak),
      dumps: (had?.dumps ?? 0) + f.evidence.dumps,
    };
    // Words made already (a live listener's) are made again with the lock's reading.
    if (gc.explanation !== '') Object.assign(gc, explainGcPressure(gc));
    return false;
  });
}

/**
 * GC while the heap grows at start-up. The process's first cycles run at the runtime's least heap
 * goal (4 MB × GOGC/100: mgcpacer.go, heapMinimum) and the next ones at twice a live heap still
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
