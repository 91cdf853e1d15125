import { datesBefore120, type RunFacts } from '../../trace/release-facts.js';
import { GLOBRUNQ_BATCH_MAX } from '../../trace/runtime-constants.js';
import { type Check, type Hit, sum, tickDeltas, QUEUES_FELL } from '../check.js';

/**
 * Slack for racy reads: schedtrace reads each ring's head and tail without the P's cooperation, so
 * every P's count (and schedtick) may be off by the few Gs that moved while the line was printed.
 */
function racySlack(gomaxprocs: number): number {
  return 2 * gomaxprocs + 2;
}

/**
 * Goroutines a dump may miss in flight. From Go 1.25 findRunnable takes a batch from the global
 * queue under sched.lock (globrunqgetbatch, at most 128, the G it runs among them) and puts the rest
 * in its ring after unlocking (runqputbatch); schedtrace holds sched.lock while it prints, so when it
 * takes the lock in between (the P's thread preempted by the OS, on a busy machine), the batch is in
 * neither queue, its P's ring reads 0, and the G to run is not yet counted by execute. They show up
 * by the next dump: a real capture shows 129 more left than dispatched, then 129 fewer. Up to Go
 * 1.24 globrunqget puts the batch in the ring under the lock; only a layout before 1.20 excludes 1.25.
 * `rings[from, to)` are the dump's rings.
 */
function inFlightSlack(
  rings: ArrayLike<number>,
  from: number,
  to: number,
  globalBefore: number,
  run: Readonly<RunFacts>,
): number {
  if (globalBefore === 0 || datesBefore120(run)) return 0;
  let empty = 0;
  for (let i = from; i < to; i++) if (rings[i] === 0) empty++;
  return empty * GLOBRUNQ_BATCH_MAX;
}

/**
 * Goroutines the earlier dump may have counted twice. schedtrace prints the rings one P after another
 * while the Ps run on, and an idle P's spinning M steals half of a victim's ring at a time
 * (stealWork → runqgrab: n − n/2): stolen from a P already printed by one printed later, they are in
 * both counts. A real Go 1.21 scheddetail capture (16 Ps, a netpoll wave draining) showed 200
 * goroutines gone where 163 were dispatched, with P0's ring at 75 and half of it, 37, unaccounted;
 * four Ps the header counted busy were idle by their own lines. So each ring of the earlier dump may
 * have lost half its goroutines to a thief after it was printed. `rings[from, to)` are that dump's.
 */
function stealSlack(rings: ArrayLike<number>, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n += Math.ceil(rings[i]! / 2);
  return n;
}

/**
 * The hit when more queued goroutines left the queues than `dispatched` (schedtick deltas) and the
 * slack allow; `ringsBefore[from, to)` are the earlier dump's rings, read for the steal slack only
 * when the rest of the slack does not already cover the fall (most dumps).
 */
function hitOf(
  queuedBefore: number,
  queuedAfter: number,
  dispatched: number,
  gomaxprocs: number,
  inFlight: number,
  ringsBefore: ArrayLike<number>,
  from: number,
  to: number,
): Hit<'model-divergence'> | null {
  const left = queuedBefore - queuedAfter;
  let slack = racySlack(gomaxprocs) + inFlight;
  if (left <= dispatched + slack) return null;
  slack += stealSlack(ringsBefore, from, to);
  if (left <= dispatched + slack) return null;
  return {
    confidence: 'certain',
    confidenceReason:
      'more goroutines left the queues than the schedticks allow, beyond the racy-read slack and a steal from every ring while the dump was printed',
    evidence: { queuedBefore, queuedAfter, leftQueues: left, schedticks: dispatched, slack },
  };
}

/**
 * Reachability from the previous dump under the model's rules. A queued G leaves the run queues
 * only by being dispatched: execute() increments p.schedtick for every G that does not inherit a time
 * slice, and only runnext Gs (never counted in the ring lengths) inherit one (runqget). Stealing,
 * global batches (globrunqget) and procresize move Gs between queues without removing any. So with
 * the P count unchanged, the number of queued Gs can fall by at most the schedticks spent.
 */
export const modelDivergence: Check<'model-divergence'> = {
  kind: 'model-divergence',
  basis: 'model',
  severity: 'error',
  mergeGap: { dumps: 1, ms: 0 },
  perP: false,
  quietUnless: { wakesOn: QUEUES_FELL, settlesAfter: 0 },
  create: (run) => ({
    reset() {},
    step(ctx) {
      const { prev, cur } = ctx;
      if (prev === undefined || prev.gomaxprocs !== cur.gomaxprocs) return null;
      if (cur.runq.length !== cur.gomaxprocs || prev.runq.length !== prev.gomaxprocs || cur.crash === true) return null;
      const ticks = tickDeltas(ctx);
      if (ticks === undefined) return null;
      return hitOf(
        prev.runqueue + sum(prev.runq),
        cur.runqueue + sum(cur.runq),
        sum(ticks),
        cur.gomaxprocs,
        inFlightSlack(cur.runq, 0, cur.runq.length, prev.runqueue, run),
        prev.runq,
        0,
        prev.runq.length,
      );
    },
    stepRow(ctx) {
      const { rows, row: r } = ctx;
      const b = rows.batch!;
      const n = b.gomaxprocs[r]!;
      // As step, the dump before being row r - 1 (a row is never a crash dump).
      if (b.gomaxprocs[r - 1] !== n || b.runqFrom[r + 1]! - b.runqFrom[r]! !== n) return null;
      if (b.runqFrom[r]! - b.runqFrom[r - 1]! !== n || rows.tickDeltas(r) !== n) return null;
      const before = b.runqueue[r - 1]! + rows.queued[r - 1]!;
      return hitOf(
        before,
        b.runqueue[r]! + ctx.queued,
        rows.tickDeltaSum(r, n),
        n,
        inFlightSlack(b.runq, b.runqFrom[r]!, b.runqFrom[r + 1]!, b.runqueue[r - 1]!, run),
        b.runq,
        b.runqFrom[r - 1]!,
        b.runqFrom[r]!,
      );
    },
  }),
  merge(e, h) {
    e.queuedAfter = h.queuedAfter;
    e.leftQueues += h.leftQueues;
    e.schedticks += h.schedticks;
  },
  explain(f) {
    const e = f.evidence;
    return {
      explanation: `${e.leftQueues} goroutines left the run queues (${e.queuedBefore} → ${e.queuedAfter}) but the Ps dispatched only ${e.schedticks} (schedtick deltas): every G leaving a run queue passes through execute(), which counts it, so no scheduler state reaches this dump from the previous one.`,
      suggestion:
        'Either lines of two processes are interleaved in one stream, the log lost or reordered lines, or the runtime behaves differently from the model; check the stream keys and the collection pipeline, and report the log if it is intact.',
    };
  },
};
