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

export function rankFindings(fs: readonly Finding[]): Finding[] {
  return [...fs].sort(
    (a, b) =>
      tierOf(a) - tierOf(b) || consequence(b) - consequence(a) || a.line - b.line || a.kind.localeCompare(b.kind),
  );
}

/** The finding a summary should lead with; null when nothing in the run matters. */
export function headline(ranked: readonly Finding[]): Finding | null {
  for (const f of ranked) if ((findingInfo[f.kind].headline && f.startup === undefined) || isSustainedStop(f)) return f;
  return null;
}
