/**
 * What a run's dumps tell of the release that printed them, and the runtime changes that dating
 * decides (the findings read a rule's release from these, never from a version string).
 */
import type { FormatEra } from './snapshot.js';

/** What a run's dumps have shown of its release so far (the findings' runner keeps it up to date). */
export interface RunFacts {
  /** The most specific layout any dump of the run showed (laterEra). */
  era: FormatEra;
  /** Some dump carried scheddetail lines (P, M, G). */
  detail: boolean;
}

/** Whether the layout dates the run before Go 1.20 (a scheddetail-only log of 1.20-1.26 prints one layout). */
export function datesBefore120(run: RunFacts): boolean {
  return run.era === 'go1.5' || run.era === 'go1.12' || run.era === 'go1.14';
}

/**
 * Whether the run's injectglist puts only one goroutine per idle P on the global queue and the rest
 * on the polling P's ring (Go 1.15+, when the poller holds a P), or the whole list on the global
 * queue (Go 1.5-1.14: globrunqput of each, then startm for as many idle Ps); null where the layout
 * does not tell (summary lines of 1.5-1.19, scheddetail of 1.14-1.19).
 */
export function injectglistSplits(run: RunFacts | undefined): boolean | null {
  if (run === undefined) return null;
  if (run.era === 'go1.20' || run.era === 'go1.25') return true;
  // scheddetail of 1.5-1.13: helpgc= on M lines (to 1.11), or P lines without timerslen= (1.12-1.13).
  if (run.era === 'go1.12' || (run.era === 'go1.5' && run.detail)) return false;
  return null;
}
