import type { RunFacts } from './release-facts.js';

/**
 * How sysmon's preemption reaches a goroutine that has run for forcePreemptNS, as far as a run's
 * layout tells the release.
 *
 * - 'async': Go 1.14+. preemptone also signals the thread (preemptM), and the goroutine stops at
 *   the next asynchronous safe point, so a time slice ends soon after 10 ms (up to about 20 ms once
 *   sysmon, finding nothing to retake, sleeps its longest, 10 ms, between looks).
 * - 'cooperative': Go 1.5-1.13. preemptone only sets gp.stackguard0 = stackPreempt, which the
 *   goroutine sees at its next function call (morestack): a loop without calls keeps its P until
 *   it blocks or ends, so a slice has no upper bound.
 * - 'unknown': the summary line of Go 1.5-1.19 is one layout; only scheddetail's P lines tell 1.14
 *   (timerslen=) from before it.
 */
export type Preemption = 'async' | 'cooperative' | 'unknown';

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
