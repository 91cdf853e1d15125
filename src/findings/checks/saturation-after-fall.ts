/**
 * A backlog that began after GOMAXPROCS fell: fewer Ps for the same goroutines is a cause the run
 * itself shows (runtime.GOMAXPROCS, or from Go 1.25 the runtime following a lowered CPU limit), and
 * the saturation's words name it. Read over a run at its end, as the folds are (folds.ts).
 */
import type { Finding, FindingOf } from '../finding.js';

/**
 * Sets afterFall on each saturation episode of the run whose P count is the one a gomaxprocs-change
 * of the same run fell to, at or before the episode began (the latest such fall). Drops nothing. The
 * words name the fall only where every P was busy beside the backlog (saturation-words.ts).
 */
export function noteSaturationAfterFall(fs: Finding[]): Finding[] {
  const falls: { stream: string; run: number; from: number; to: number; tMs: number }[] = [];
  const fall = (g: Finding, from: number | undefined, to: number | undefined, tMs: number | null) => {
    if (from !== undefined && to !== undefined && tMs !== null && from > to)
      falls.push({ stream: g.stream, run: g.run, from, to, tMs });
  };
  for (const g of fs) {
    if (g.kind !== 'gomaxprocs-change') continue;
    const { path, to } = (g as FindingOf<'gomaxprocs-change'>).evidence;
    // Only the episode's first and last changes have a time: its first (path[0] → path[1], at tMs)
    // and, when the path is whole (at most GOMAXPROCS_PATH_CAP changes listed), its last (at tEndMs).
    fall(g, path[0], path[1], g.tMs);
    if (g.tEndMs !== null && path[path.length - 1] === to) fall(g, path[path.length - 2], to, g.tEndMs);
  }
  if (falls.length === 0) return fs;
  for (const f of fs) {
    if (f.kind !== 'saturation' || f.tMs === null) continue;
    const e = (f as FindingOf<'saturation'>).evidence;
    let latest: (typeof falls)[number] | undefined;
    for (const x of falls)
      if (x.stream === f.stream && x.run === f.run && x.to === e.gomaxprocs && x.tMs <= f.tMs)
        if (latest === undefined || x.tMs > latest.tMs) latest = x;
    if (latest !== undefined) e.afterFall = { from: latest.from, tMs: latest.tMs };
  }
  return fs;
}
