import { type Check, intervalMs, LONG_RING, round1 } from '../check.js';
import { mayBeStopped } from '../../trace/stopped-world.js';
import { lopsidedRing, saturatedDump } from './backlog.js';

/** A lopsided ring (backlog.ts) for this many dumps and milliseconds. */
export const IMBALANCE_DUMPS = 3;
export const IMBALANCE_MS = 100;

/**
 * One P's ring far longer than the others', in consecutive dumps. Goroutines created or readied
 * by a goroutine go to its own P (newproc/ready → runqput); thieves take half a ring at a time
 * (stealWork → runqgrab; inline in findrunnable before Go 1.17), but only a P whose own ring and the
 * global queue ran dry steals: while every other P has work of its own, nothing takes from the long
 * ring, which its own P works off.
 * A burst (a spawner's fan-out, an injected wave) is worked off within a few time slices of 10 ms;
 * only a ring that leads for 10 slices (100 ms) is fed by its own P faster than it drains. Shorter,
 * it is the burst itself, which local-overflow or injection-burst report when they can.
 * Only dumps with no idle P count. Beside an idle P a long ring does not last: runqput's callers
 * (newproc, ready) call wakep, whose spinning M steals half the ring (findRunnable → stealWork →
 * runqgrab) within microseconds. A ring that stays long beside idle Ps for 100 ms means those Ms
 * got no CPU: the machine's cores ran out (saturation reports it, idle-with-work when no M spins),
 * not one P feeding itself. On the labelled captures every imbalance finding beside idle Ps was
 * this: 32-56 Ps on 2 cores.
 * Nor where the dump shows saturation's backlog (at least one waiting goroutine per P with none
 * idle): there the long ring is that backlog's shape, which saturation names (its longest ring),
 * not a second event; held for less than saturation's 500 ms it is a burst being worked off, like
 * the fan-out below the ring size. So with up to 64 Ps, where a ring of 64 alone is one per P,
 * imbalance is never reported: only more Ps leave room for a long ring beside a backlog of less
 * than one goroutine per P.
 */
export const imbalance: Check<'imbalance'> = {
  kind: 'imbalance',
  basis: 'threshold',
  severity: 'info',
  mergeGap: { dumps: 1, ms: 0 },
  perP: true,
  quietUnless: { wakesOn: LONG_RING, settlesAfter: 1 },
  create() {
    let lastP = -1;
    let streak = 0;
    let sinceT: number | null = null;
    let sinceLine = 0;
    let reported = false;
    /** The led ring's longest over the streak: its first finding stands for every dump since it began. */
    let peak = 0;
    return {
      reset() {
        lastP = -1;
        streak = 0;
        sinceT = null;
        sinceLine = 0;
        reported = false;
      },
      step(ctx) {
        const q = ctx.cur.runq;
        const n = q.length;
        // Inside a stop-the-world the backlog cannot be read (saturatedDump), and the ring is not
        // being served: no imbalance is read there.
        if (
          n < 2 ||
          n !== ctx.cur.gomaxprocs ||
          ctx.cur.idleprocs > 0 ||
          mayBeStopped(ctx.cur) ||
          saturatedDump(ctx) !== null
        ) {
          lastP = -1;
          return null;
        }
        const ring = lopsidedRing(q);
        if (ring === null) {
          lastP = -1;
          return null;
        }
        const { p, max, othersMean } = ring;
        if (lastP !== p) {
          streak = 0;
          reported = false;
          sinceT = ctx.cur.tMs;
          sinceLine = ctx.cur.line;
          peak = 0;
        }
        lastP = p;
        streak++;
        peak = Math.max(peak, max);
        const span = sinceT !== null && ctx.cur.tMs !== null ? ctx.cur.tMs - sinceT : null;
        if (streak < IMBALANCE_DUMPS || (span !== null && span < IMBALANCE_MS)) return null;
        const first = !reported;
        reported = true;
        return {
          p,
          confidence: 'likely',
          confidenceReason: ledReason(streak),
          evidence: {
            gomaxprocs: n,
            maxLocal: max,
            maxLocalPeak: first ? peak : max,
            othersMean: round1(othersMean),
            idleprocs: ctx.cur.idleprocs,
            runq: q.slice(),
          },
          // The ring's excess waits for its own P's turns, as long as the ring lasts: goroutines waiting
          // per P over the interval, saturation's measure of a backlog.
          impact: ((max - othersMean) / n) * (intervalMs(ctx) ?? 0),
          since: first ? { tMs: sinceT, line: sinceLine } : undefined,
          dumps: first ? streak : undefined,
        };
      },
    };
  },
  // Hits one dump apart only (mergeGap), so the episode's dumps are consecutive.
  closingReason: (f) => ledReason(f.episode.hits),
  merge(e, h) {
    e.maxLocal = h.maxLocal;
    e.maxLocalPeak = Math.max(e.maxLocalPeak, h.maxLocalPeak);
    e.othersMean = h.othersMean;
    e.idleprocs = Math.max(e.idleprocs, h.idleprocs);
    e.runq = h.runq;
  },
  explain(f) {
    const e = f.evidence;
    return {
      explanation: `P${f.p ?? '?'} held up to ${e.maxLocalPeak} runnable goroutines while the other Ps averaged ${e.othersMean}, with no P idle: one goroutine created or readied them on its own P (newproc/ready → runqput), and nothing steals while every P is busy: the other Ps take from this ring only when their own run dry, and its goroutines wait for their own P.`,
      suggestion:
        'Usually one goroutine spawning or waking many others; spread the producers over several goroutines, or ignore it if it clears within a few dumps.',
    };
  },
};

function ledReason(dumps: number): string {
  return `the same ring led in ${dumps} consecutive dumps; rings are read racily`;
}
