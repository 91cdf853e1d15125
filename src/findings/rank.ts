/**
 * Ranking by consequence: what most explains lost throughput or latency comes first. A process
 * that died outranks everything; then findings by impact (weighted by how sure they are); notes
 * (GOMAXPROCS changes, a dump inside a stop-the-world) last. The headline is the first finding a
 * run's story should start with, or null for an unremarkable run.
 */
import type { Confidence, Finding } from './finding.js';
import { isSustainedStop } from './checks/gc-stop.js';
import { findingInfo } from './finding-info.js';

const confidenceWeight: Record<Confidence, number> = { certain: 1, likely: 0.8, possible: 0.5 };

/** The weighted consequence used for ranking. */
export function consequence(f: Finding): number {
  return f.impact * confidenceWeight[f.confidence];
}

/**
 * The finding's rank tier: its kind's, except a restart that is only possible (another process's
 * dumps, not a process that died: restart.ts) and GC while the heap grew at start-up
 * (gc-pressure.ts markStartupGc), which are notes, and stop-the-world dumps sustained
 * over a share of the run (gc-stop.ts), which are GC's cost.
 */
export function tierOf(f: Finding): number {
  if (f.kind === 'restart' && f.confidence === 'possible') return 2;
  if (f.startup !== undefined) return 2;
  return isSustainedStop(f) ? 1 : findingInfo[f.kind].tier;
}

/** Whether `inner`'s time span lies within `outer`'s (findings of one run of one stream). */
function within(inner: Finding, outer: Finding): boolean {
  if (inner.tMs === null || outer.tMs === null) return false;
  return inner.tMs >= outer.tMs && (inner.tEndMs ?? inner.tMs) <= (outer.tEndMs ?? outer.tMs);
}

/**
 * The consequence a finding is ranked by. An overflow episode that lies within a saturation episode
 * is that backlog's bookkeeping: with more runnable goroutines than the Ps' threads run, a ring that
 * reaches 256 spills to the global queue (runqputslow) as a matter of course, and what costs latency
 * is the backlog, which saturation measures. Such an overflow ranks just below the saturation that
 * holds it, whatever their impacts (which are not in one unit). An overflow episode reaching outside
 * every saturation episode (a spill into idle Ps, or one spawn storm across several backlogs) ranks
 * by its own consequence.
 */
function rankKeys(fs: readonly Finding[]): Map<Finding, number> {
  const keys = new Map<Finding, number>();
  const runOf = (f: Finding) => `${f.stream}\u0000${f.run}`;
  const saturationsByRun = new Map<string, Finding[]>();
  for (const f of fs) {
    if (f.kind !== 'saturation') continue;
    const inRun = saturationsByRun.get(runOf(f));
    if (inRun === undefined) saturationsByRun.set(runOf(f), [f]);
    else inRun.push(f);
  }
  for (const f of fs) {
    let key = consequence(f);
    if (f.kind === 'local-overflow')
      for (const s of saturationsByRun.get(runOf(f)) ?? [])
        if (within(f, s)) key = Math.min(key, consequence(s) * (1 - 1e-9));
    keys.set(f, key);
  }
  return keys;
}

export function rankFindings(fs: readonly Finding[]): Finding[] {
  const key = rankKeys(fs);
  return [...fs].sort(
    (a, b) => tierOf(a) - tierOf(b) || key.get(b)! - key.get(a)! || a.line - b.line || a.kind.localeCompare(b.kind),
  );
}

/** The finding a summary should lead with; null when nothing in the run matters. */
export function headline(ranked: readonly Finding[]): Finding | null {
  for (const f of ranked) if ((findingInfo[f.kind].headline && f.startup === undefined) || isSustainedStop(f)) return f;
  return null;
}
