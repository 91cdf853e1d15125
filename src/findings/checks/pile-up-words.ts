import type { PileUp } from '../../trace/pile-up.js';
import { fmtS } from '../check.js';

/**
 * A drained pile-up (RunSummary.pileUp) as the words of analyze's headline and the report's story
 * say it where no finding holds: the goroutines waited on each other, off every run queue, which
 * the scheduler's own figures do not show.
 */
export function pileUpWords(p: PileUp): string {
  const at = (ms: number | null) => (ms === null ? '' : ` at ${fmtS(ms)}`);
  return `goroutines parked in ${p.reason} rose from ${p.from}${at(p.fromMs)} to ${p.peak}${at(p.peakMs)} (a new high at ${p.highs} dumps, line ${p.peakLine}) and fell back to ${p.last} by the last dump${at(p.lastMs)}: other goroutines readied them, so no leak, yet each had waited on them off the run queues, a wait the Ps' figures do not show (a consumer slower than its producers, a lock held long, a dependency that slowed down)`;
}
