import type { PileUp } from '../../trace/pile-up.js';
import { fmtS } from '../check.js';

/**
 * What waiting with a reason means, for a pile-up that drained: who was waiting on whom. A sender
 * parks until a receiver takes its value (chansend → gopark; chanrecv readies it), so a pile of
 * senders is producers ahead of their consumer; a receiver, a select or a Cond or WaitGroup waiter
 * parks until something is sent, closed, signalled or done, which idle workers waiting for work do
 * as well as callers waiting for an answer; a lock waiter parks until the holder unlocks. A receive
 * or a select may also wait on a timer's channel (time.After, a Ticker), which the runtime sends on
 * when the timer fires (time.sendTime).
 */
function whoWaited(reason: string): string {
  if (reason.startsWith('chan send'))
    return 'senders blocked until a receiver took their values: producers ahead of a consumer slower than they are';
  if (reason.startsWith('sync.Mutex') || reason.startsWith('sync.RWMutex') || reason === 'semacquire')
    return 'waiters for a lock (or a semaphore) until its holder released it: a lock held long or taken by many at once';
  if (reason.startsWith('chan receive') || reason.startsWith('select'))
    return 'goroutines waiting on a channel or a timer: callers waiting for an answer, as from a dependency that slowed down, idle workers waiting for work, or goroutines waiting out a timeout or a tick (time.After, a Ticker), which the counts do not tell apart';
  return 'goroutines waiting to be signalled or done for: callers waiting for an answer, as from a dependency that slowed down, or idle workers waiting for work, which the counts do not tell apart';
}

/** Who ends a wait with this reason: another goroutine, or for a receive or a select a timer's channel too. */
function readiedBy(reason: string): string {
  return reason.startsWith('chan receive') || reason.startsWith('select')
    ? 'other goroutines or timers readied them'
    : 'other goroutines readied them';
}

/**
 * A drained pile-up (RunSummary.pileUp) as the words of analyze's headline and the report's story
 * say it where no finding holds: the goroutines waited on each other (or on timers), off every run
 * queue, which the scheduler's own figures do not show.
 */
export function pileUpWords(p: PileUp): string {
  const at = (ms: number | null) => (ms === null ? '' : ` at ${fmtS(ms)}`);
  return `goroutines parked in ${p.reason} rose from ${p.from}${at(p.fromMs)} to ${p.peak}${at(p.peakMs)} (a new high at ${p.highs} dumps, line ${p.peakLine}) and fell back to ${p.last} by the last dump${at(p.lastMs)}: ${readiedBy(p.reason)}, so no leak, but they waited off the run queues, where the Ps' figures do not show it (${whoWaited(p.reason)})`;
}
