import type { FormatEra } from './snapshot.js';

/**
 * How sysmon's preemption reaches a goroutine that has run for forcePreemptNS, as far as a run's
 * layout tells the release.
 *
 * - 'async': Go 1.14+. preemptone also signals the thread (preemptM), and the goroutine stops at
 *   the next asynchronous safe point, so a time slice lasts at most about 10 ms.
 * - 'cooperative': Go 1.5-1.13. preemptone only sets gp.stackguard0 = stackPreempt, which the
 *   goroutine sees at its next function call (morestack): a loop without calls keeps its P until
 *   it blocks or ends, so a slice has no upper bound.
 * - 'unknown': the summary line of Go 1.5-1.19 is one layout; only scheddetail's P lines tell 1.14
 *   (timerslen=) from before it.
 */
export type Preemption = 'async' | 'cooperative' | 'unknown';

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

export function preemptionOf(run: RunFacts): Preemption {
  switch (run.era) {
    case 'go1.14':
    case 'go1.20':
    case 'go1.25':
      return 'async';
    case 'go1.12':
      return 'cooperative';
    // P lines without timerslen= (go1.5 with detail: helpgc= on M lines, or no timerslen) are 1.5-1.13.
    case 'go1.5':
      return run.detail ? 'cooperative' : 'unknown';
    default:
      return 'unknown';
  }
}
