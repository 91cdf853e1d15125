/**
 * How fast a run's idle Ps get threads while work waits, as its dumps show it. When goroutines are
 * queued and Ps are idle, the runtime wakes a spinning M for an idle P (wakep → startm), and each M
 * that finds work wakes the next: within microseconds on idle cores. On cores every thread wants,
 * each of those threads (a new one, clone, or an idle one woken) first waits for a core, and the
 * idle Ps are taken a few per interval: 23 idle Ps of 32 took 250 ms to be taken on 2 cores.
 *
 * An interval counts when some Ps were still idle at its end (otherwise they may all have been taken
 * at once) and either its first dump had at least as many goroutines queued as idle Ps (work for each
 * of them from the start), or it is the second or later of a drain: intervals in a row whose dumps
 * both read CPU-starved (Ps idle beside a backlog while an M spins, trace/backlog.ts) and in which
 * both the idle Ps and the queued goroutines fell. There fewer goroutines wait than Ps idle, but the
 * ones that wait each had an idle P from the start, and the Ps are taken one thread start at a time
 * (wakep's chain: 88 goroutines on the global queue of 112 Ps on 2 cores, after a stop-the-world,
 * taken 3 to 5 per 100 ms). One such interval alone is no drain: under GC at 48 Ps on 2 cores the
 * counts jump about that much from dump to dump. The Ps taken over the intervals counted, against
 * their time, give the wait per thread start, which the replay gives the model's machine (startm).
 */
import { backlogOfPoint, spinnerAtWork } from '../trace/backlog.js';
import type { SchedulerModel } from '../scheduler/model.js';
import { MS } from '../scheduler/runtime/sched.js';
import { queuedIn, type TimelinePoint } from '../trace/timeline.js';

/** Intervals kept: the start-up of a run, or a burst after an idle spell. */
const KEPT = 8;
/** Below this wait per start (ms) the runtime's own latencies stand: nothing was slow. */
const MIN_WAIT_MS = 1;

/** Ps idle beside a backlog while an M spins: threads waiting for cores (trace/backlog.ts). */
function starved(s: TimelinePoint, queued: number): boolean {
  return backlogOfPoint(s, queued) === 'cpu-starved';
}

export class ThreadStartTracker {
  private readonly taken: number[] = [];
  private readonly ms: number[] = [];
  /** Whether the interval before the one observed was a step of a drain. */
  private draining = false;

  observe(prev: TimelinePoint, cur: TimelinePoint): void {
    if (prev.tMs === null || cur.tMs === null || cur.tMs <= prev.tMs) return;
    const queuedBefore = queuedIn(prev);
    const queuedAfter = queuedIn(cur);
    const drainStep =
      cur.gomaxprocs === prev.gomaxprocs &&
      cur.idleprocs < prev.idleprocs &&
      queuedAfter < queuedBefore &&
      starved(prev, queuedBefore) &&
      starved(cur, queuedAfter);
    const inDrain = drainStep && this.draining;
    this.draining = drainStep;
    if (prev.idleprocs === 0 || cur.gomaxprocs !== prev.gomaxprocs) return;
    // Ps idle beside the work while the only M at work spins: they wait for that M to run the
    // expired timers (wakep starts none while one spins), not for cores; its threads start no slower.
    if (spinnerAtWork(prev)) return;
    // All taken by the next dump: they may have been taken at once, so the interval bounds nothing.
    // Nothing queued at the next dump: the Ps idle there had no work left to take (the queue may
    // have drained on Ps taken at once, which went idle again), so it bounds nothing either.
    if (cur.idleprocs === 0 || queuedAfter === 0) return;
    if (queuedBefore < prev.idleprocs && !inDrain) return;
    if (this.ms.length === KEPT) {
      this.taken.shift();
      this.ms.shift();
    }
    this.taken.push(Math.max(0, prev.idleprocs - cur.idleprocs));
    this.ms.push(cur.tMs - prev.tMs);
  }

  /** The wait per thread start (ms), or null when the log showed none or nothing slow. */
  waitMs(): number | null {
    if (this.ms.length === 0) return null;
    let taken = 0;
    let ms = 0;
    for (let i = 0; i < this.ms.length; i++) {
      taken += this.taken[i]!;
      ms += this.ms[i]!;
    }
    const wait = ms / Math.max(1, taken);
    return wait >= MIN_WAIT_MS ? wait : null;
  }

  seed(model: SchedulerModel): void {
    const wait = this.waitMs();
    model.sched.machine.startWaitNs = wait === null ? 0 : wait * MS;
  }
}
