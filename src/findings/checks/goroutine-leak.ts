/**
 * Goroutines piling up parked, read from a scheddetail dump's G lines. A goroutine parked on a
 * channel, a select, a sync.Cond or a WaitGroup (gopark with waitReasonChanReceive, …, runtime2.go)
 * runs again only when another goroutine readies it (chansend/closechan → goready, Cond.Signal/
 * Broadcast → readyWithTime, WaitGroup.Done → semrelease) or, for a receive or a select, when a
 * timer's channel fires: the runtime runs time.sendTime, a non-blocking send on the channel of
 * time.After, a Timer or a Ticker, which readies its receiver like any send. A context deadline
 * ends a wait on ctx.Done() through another goroutine (time.AfterFunc runs the cancel in a new
 * one, goFunc). No scheduler rule or GC wakes it. When the count parked with one such reason sets a
 * new high at dump after dump, more goroutines parked than were readied in every interval, and the
 * earlier ones are still there: the signature of a leak (a send nobody receives, a receive nobody
 * sends to), unless a timeout longer than the log ends the waits.
 * Counts cannot prove it: the parked may be other goroutines at each dump (long waits whose
 * arrivals keep outgrowing them), and something may wake them all later (a close at shutdown).
 * So the claim is `likely` at most, and `possible` for reasons a healthy program grows too: IO wait
 * (connections kept open), before Go 1.20 semacquire (sync.Mutex waiters printed it too), and
 * sleep. A sleeper's own timer wakes it (timeSleep → gopark(waitReasonSleep), resetForSleep), so a
 * sleep count that sets new high after new high for a second or more is either goroutines sleeping
 * in loops that nothing stops (refreshers, pollers whose stop signal was lost: they run again, for
 * good, a leak all the same) or single sleeps longer than the rise piling up (backoffs, a slowed
 * dependency faked with a sleep), which level off at the sleep's length and drain.
 * A leaked goroutine never runs again, so the episode is held open while the count stays up, and a
 * later fall by more than half the rise refutes the claim (they were readied: connections closed,
 * a channel closed at shutdown): the episode is dropped, not reported (refutesEpisode).
 * Where the runtime itself found them unreachable (status 10, `_Gleaked`, the goroutine-leak
 * detector of GOEXPERIMENT=goroutineleakprofile), it is certain.
 */
import { PILE_UP_MIN_GROWTH } from '../../trace/pile-up.js';
import { datesBefore120, type RunFacts } from '../../trace/release-facts.js';
import { G_LEAKED } from '../../trace/runtime-constants.js';
import { gStatusName } from '../../trace/timeline.js';
import { type Check, fmtMs, DETAIL_DUMP, hedgeCap } from '../check.js';
import type { GoroutineLeakEvidence } from '../evidence.js';
import type { Finding, FindingOf } from '../finding.js';
import { IO_WAIT_REASON as IO_WAIT } from './io-wait-drop.js';
import { SEMACQUIRE } from './lock-contention.js';

/** waitReasonSleep (time.Sleep), runtime2.go. */
const SLEEP = 'sleep';

/**
 * The reasons a leak parks goroutines with (runtime2.go's waitReason strings): those another
 * goroutine's action ends (or, for a receive or a select, a timer's channel), and sleep, which a
 * loop nothing stops returns to for good.
 */
export const LEAK_REASONS: readonly string[] = [
  'chan receive',
  'chan send',
  'chan receive (nil chan)',
  'chan send (nil chan)',
  'select',
  'select (no cases)',
  'sync.Cond.Wait',
  'sync.WaitGroup.Wait',
  SEMACQUIRE,
  IO_WAIT,
  SLEEP,
  'chan receive (durable)',
  'chan send (durable)',
  'select (durable)',
  'sync.WaitGroup.Wait (durable)',
];

/** New highs of one reason's count, with none of the dumps between falling back, before it is a leak. */
export const LEAK_NEW_HIGHS = 4;
/**
 * New highs before the claim is `likely`: fewer are as well read as a pool or a server still taking
 * on its workers or clients, which parks them one step at a time too.
 */
export const LEAK_LIKELY_HIGHS = 10;
/** Fewest goroutines the count must have grown by over the streak. */
export const LEAK_MIN_GROWTH = PILE_UP_MIN_GROWTH;
/**
 * Shortest rise that is a leak: a server taking on its connections, or a pool its workers, piles
 * them up in tens of milliseconds at start-up (600 connections into IO wait over 50 ms in the
 * labelled netburst captures); goroutines leaked by a program's traffic pile up for as long as it runs.
 */
export const LEAK_MIN_MS = 1000;
/**
 * A fall this small (goroutines readied and parked again between the reads, a worker pool waiting
 * on the same channel) does not end the streak: at least 8, and one per P.
 */
export function leakSlack(gomaxprocs: number): number {
  return Math.max(8, gomaxprocs);
}

const LEAKED = gStatusName(G_LEAKED);

/** Each leak reason's place in LEAK_REASONS. */
const LEAK_INDEX: ReadonlyMap<string, number> = new Map(LEAK_REASONS.map((r, i) => [r, i]));
/**
 * A dump's count of each leak reason, by place, read at every detailed dump (step is never called
 * again before it returns). A dump holds a few reasons: reading the ones it has costs less than
 * looking each leak reason up in it, a keyed read the optimizing compiler cannot specialise (every
 * dump's counts object has a shape of its own), most of them for reasons it does not have.
 */
const leakCounts = new Float64Array(LEAK_REASONS.length);

function readLeakCounts(byReason: Readonly<Record<string, number>>): Float64Array {
  const counts = leakCounts;
  counts.fill(0);
  for (const reason in byReason) {
    const i = LEAK_INDEX.get(reason);
    if (i !== undefined) counts[i] = byReason[reason]!;
  }
  return counts;
}

/** One reason's streak; a check's state keeps one per reason and fills it again (no allocation per run). */
interface Streak {
  /** Whether a streak is under way (the count was above 0 at some dump of the run). */
  active: boolean;
  start: number;
  startT: number | null;
  startLine: number;
  high: number;
  highs: number;
  /** The largest single rise: growth in one step is a start-up or a burst, not a pile-up. */
  biggestRise: number;
  dumps: number;
  /** When the count last set a new high. */
  highT: number | null;
  reported: boolean;
}

function restart(s: Streak, count: number, tMs: number | null, line: number): void {
  s.active = true;
  s.start = count;
  s.startT = tMs;
  s.startLine = line;
  s.high = count;
  s.highs = 0;
  s.biggestRise = 0;
  s.dumps = 1;
  s.highT = tMs;
  s.reported = false;
}

export const goroutineLeak: Check<'goroutine-leak'> = {
  kind: 'goroutine-leak',
  basis: 'threshold',
  severity: 'warning',
  mergeGap: { dumps: 1, ms: 0 },
  perP: false,
  quietUnless: { wakesOn: DETAIL_DUMP, settlesAfter: 0 },
  create(run) {
    const streaks: Streak[] = LEAK_REASONS.map(() => ({
      active: false,
      start: 0,
      startT: null,
      startLine: 0,
      high: 0,
      highs: 0,
      biggestRise: 0,
      dumps: 0,
      highT: null,
      reported: false,
    }));
    /**
     * The reported pile-up the open episode stands on (its reason's index, -1 for none), and the
     * lowest count of that reason seen since: the claim stands while it stays above half the rise.
     */
    let held = -1;
    let heldFrom = 0;
    let heldPeak = 0;
    let heldLow = 0;
    const refuted = (): boolean => held >= 0 && heldLow * 2 <= heldPeak + heldFrom;
    /**
     * Reasons a healthy program parks in too: their pile-up is a `possible` leak at most. (The run's
     * era is read when asked: it is known only once its first dump has been read.)
     */
    const ambiguousAt = (i: number): boolean => isAmbiguous(LEAK_REASONS[i]!, run);
    /**
     * Which of two pile-ups the finding stands on: the one that supports the stronger claim (a
     * reason another goroutine or a timer ends, risen long enough to be `likely`), then the larger. An
     * http.Transport leaked per request leaves a readLoop in IO wait and a writeLoop in select for
     * each connection: the select pile-up is the likely leak, though the IO wait one is as large.
     */
    const growthOf = (i: number): number => streaks[i]!.high - streaks[i]!.start;
    const strength = (i: number): number => (!ambiguousAt(i) && streaks[i]!.highs >= LEAK_LIKELY_HIGHS ? 1 : 0);
    const outranks = (i: number, j: number): boolean =>
      strength(i) !== strength(j) ? strength(i) > strength(j) : growthOf(i) > growthOf(j);
    return {
      reset() {
        for (const s of streaks) s.active = false;
        held = -1;
      },
      holdsEpisode: () => held >= 0 && !refuted(),
      refutesEpisode: refuted,
      step(ctx) {
        const { cur } = ctx;
        const byReason = cur.gByReason;
        const byStatus = cur.gByStatus;
        if (byReason === undefined || byStatus === undefined) return null;
        const counts = readLeakCounts(byReason);
        if (held >= 0) heldLow = Math.min(heldLow, counts[held]!);
        const slack = leakSlack(cur.gomaxprocs);
        let best = -1;
        /** The largest other pile-up that qualifies at this dump: named beside the one reported. */
        let beside = -1;
        for (let i = 0; i < LEAK_REASONS.length; i++) {
          const count = counts[i]!;
          const s = streaks[i]!;
          if (!s.active) {
            if (count > 0) restart(s, count, cur.tMs, cur.line);
            continue;
          }
          if (count < s.high - slack) {
            restart(s, count, cur.tMs, cur.line);
            continue;
          }
          s.dumps++;
          // Only a new high continues the episode: where the count holds, the pile-up has stopped
          // (a pool at its size, or a leak that stopped leaking), and the words' rate is of the rise.
          if (count <= s.high) continue;
          s.highs++;
          s.biggestRise = Math.max(s.biggestRise, count - s.high);
          s.high = count;
          s.highT = cur.tMs;
          const growth = s.high - s.start;
          if (s.highs < LEAK_NEW_HIGHS || growth < LEAK_MIN_GROWTH || s.biggestRise * 2 > growth) continue;
          if (s.startT !== null && cur.tMs !== null && cur.tMs - s.startT < LEAK_MIN_MS) continue;
          if (best < 0 || outranks(i, best)) {
            if (best >= 0 && (beside < 0 || growthOf(best) > growthOf(beside))) beside = best;
            best = i;
          } else if (beside < 0 || growthOf(i) > growthOf(beside)) beside = i;
        }
        const leaked = byStatus[LEAKED] ?? 0;
        if (best < 0 && leaked === 0) return null;
        let goroutines = 0;
        for (const k in byStatus) goroutines += byStatus[k]!;
        const s = best < 0 ? undefined : streaks[best]!;
        const reason = best < 0 ? LEAKED : LEAK_REASONS[best]!;
        const first = s !== undefined && !s.reported;
        if (s !== undefined) {
          s.reported = true;
          // The episode stands on the pile-up that outranks the others (outranks), as merge keeps it.
          if (held < 0 || refuted() || best === held || outranks(best, held)) {
            held = best;
            heldFrom = s.start;
            heldPeak = s.high;
            heldLow = s.high;
          }
        } else if (refuted()) held = -1;
        const ms = s !== undefined && s.startT !== null && s.highT !== null ? s.highT - s.startT : null;
        const evidence: GoroutineLeakEvidence = {
          reason,
          from: s?.start ?? 0,
          to: s !== undefined ? (byReason[reason] ?? 0) : leaked,
          peak: s?.high ?? leaked,
          newHighs: s?.highs ?? 0,
          streakDumps: s?.dumps ?? 1,
          streakMs: ms,
          leaked,
          goroutines,
          gomaxprocs: cur.gomaxprocs,
        };
        if (beside >= 0)
          evidence.beside = {
            reason: LEAK_REASONS[beside]!,
            from: streaks[beside]!.start,
            peak: streaks[beside]!.high,
          };
        const ambiguous = best >= 0 && ambiguousAt(best);
        const short = s !== undefined && s.highs < LEAK_LIKELY_HIGHS;
        return {
          confidence: leaked > 0 ? 'certain' : ambiguous || short ? 'possible' : 'likely',
          confidenceReason: leakReason(reason, leaked, s?.highs ?? 0, ambiguous, short),
          evidence,
          // A leak costs memory and GC work, not the Ps' time: it leads only where nothing does.
          impact: 0,
          since: first ? { tMs: s!.startT, line: s!.startLine } : undefined,
          dumps: first ? s!.dumps : undefined,
        };
      },
    };
  },
  // A `possible` leak is so for its reason (ambiguousAt) or for its few steps; the episode's evidence
  // holds its highest count of steps.
  closingReason(f, run) {
    const e = f.evidence;
    const ambiguous = f.confidence === 'possible' && isAmbiguous(e.reason, run);
    const short = f.confidence === 'possible' && e.newHighs < LEAK_LIKELY_HIGHS;
    return leakReason(e.reason, e.leaked, e.newHighs, ambiguous, short);
  },
  merge(e, h) {
    if (h.reason !== e.reason) {
      // Another reason's pile-up now outranks this one's (step reports the one that does: the
      // stronger claim, then the larger): it takes over the episode's figures whole.
      Object.assign(e, h);
      return;
    }
    e.from = Math.min(e.from, h.from);
    e.to = h.to;
    e.peak = Math.max(e.peak, h.peak);
    e.newHighs = Math.max(e.newHighs, h.newHighs);
    e.streakDumps = Math.max(e.streakDumps, h.streakDumps);
    e.streakMs = h.streakMs ?? e.streakMs;
    e.leaked = Math.max(e.leaked, h.leaked);
    e.goroutines = h.goroutines;
    e.gomaxprocs = h.gomaxprocs;
    if (h.beside !== undefined) e.beside = h.beside;
  },
  explain(f) {
    const e = f.evidence;
    const growth = e.peak - e.from;
    const rate =
      e.streakMs !== null && e.streakMs > 0 ? `, about ${Math.round((growth / e.streakMs) * 1000)} a second` : '';
    const over = e.streakMs !== null ? ` over ${fmtMs(e.streakMs)}` : '';
    const pile =
      e.newHighs > 0
        ? `goroutines parked in ${e.reason} rose from ${e.from} to ${e.peak}${over}${rate}, setting a new high at ${e.newHighs} of ${e.streakDumps} dumps and never falling back by more than ${leakSlack(e.gomaxprocs)} (${e.goroutines} goroutines in all at the last dump)`
        : '';
    const detector =
      e.leaked > 0
        ? `the runtime's leak detector (GOEXPERIMENT=goroutineleakprofile) marked ${e.leaked} goroutines leaked: the GC found what they wait on unreachable from any running goroutine`
        : '';
    const why = whyParked(e.reason);
    const alongside =
      e.beside !== undefined
        ? ` Beside them, goroutines parked in ${e.beside.reason} rose from ${e.beside.from} to ${e.beside.peak} over the same dumps (one leaked object can strand several goroutines: a connection left in an idle pool keeps a reader in IO wait and a writer in select).`
        : '';
    const lock =
      e.lockReading !== undefined
        ? ` Before Go 1.20 a sync.Mutex or RWMutex waiter parks in semacquire too, so the same pile-up may be a lock held across a call that blocks, its waiters never handed it (up to ${e.lockReading.waitersPeak} waiting in ${e.lockReading.dumps} dumps; a Go 1.20+ build names the lock in these lines).`
        : '';
    const head =
      e.leaked > 0
        ? `Certainly leaked goroutines: ${detector}${pile ? `; ${pile}` : ''}.`
        : `${hedgeCap(f.confidence)} a goroutine leak: ${pile}. ${why}${alongside}${lock}`;
    return {
      explanation: head,
      suggestion: `Find where they wait: a goroutine profile (/debug/pprof/goroutine?debug=1) groups them by stack, and on Go 1.26+ a build with GOEXPERIMENT=goroutineleakprofile lists the leaked ones (/debug/pprof/goroutineleak). ${wayOut(e.reason)}`,
    };
  },
};

/** Reasons a healthy program parks in too (run: the release, as far as the run has shown it). */
function isAmbiguous(reason: string, run: Readonly<RunFacts> | undefined): boolean {
  return reason === IO_WAIT || reason === SLEEP || (reason === SEMACQUIRE && run !== undefined && datesBefore120(run));
}

/** Why the confidence: the runtime's detector, or the count's `highs` new highs and what else they may be. */
function leakReason(reason: string, leaked: number, highs: number, ambiguous: boolean, short: boolean): string {
  if (leaked > 0)
    return `the runtime's leak detector marked ${leaked} goroutines leaked (status ${G_LEAKED}): unreachable from any running goroutine`;
  const other = ambiguous
    ? `, and ${alsoParks(reason)}`
    : short
      ? `, and fewer than ${LEAK_LIKELY_HIGHS} steps read as well as a pool still taking on workers`
      : '';
  return `the count parked in ${reason} set a new high at ${highs} dumps without falling back; counts do not show that they are the same goroutines${other}`;
}

/** What else parks with an ambiguous reason (ambiguousAt), for the confidence's words. */
function alsoParks(reason: string): string {
  if (reason === IO_WAIT) return 'open connections park with that reason too';
  if (reason === SLEEP) return 'long sleeps piling up read the same until they end';
  return 'sync.Mutex waiters before Go 1.20 park with that reason too';
}

/** Why a pile-up of this reason may be a leak, and what else it may be. */
function whyParked(reason: string): string {
  if (reason === SLEEP)
    return "A sleeping goroutine's own timer wakes it, so at every new high more goroutines went to sleep than woke and left: goroutines that sleep in a loop nothing stops (a refresher, poller or retry loop whose owner is gone, which wakes, works and sleeps again for as long as the process runs) pile up this way, and so do single sleeps longer than the rise (backoffs, a wait faked with a sleep), which level off at the sleep's length and then drain.";
  if (reason === IO_WAIT)
    return 'A goroutine leaves IO wait only when netpoll finds its descriptor ready, its read or write deadline passes, or another goroutine closes the descriptor (netpollunblock, from netpoll, netpolldeadlineimpl or poll_runtime_pollUnblock): connections or files opened and never closed, or clients that connect and stay idle, pile up the same way as a server taking on more clients does, or as calls to a dependency that has slowed down (each caller waits for its answer, and they drain when it recovers).';
  // chanrecv and chansend on a nil channel, and block() for a select with no cases, gopark with no
  // wait queue to be found on: nothing can ready them.
  if (reason.endsWith('(nil chan)') || reason === 'select (no cases)')
    return 'A goroutine parked there never runs again: a receive or send on a nil channel and a select with no cases park for good, so a count that keeps rising is goroutines leaked for good.';
  const timed = endsOnTimer(reason);
  const readier = timed
    ? "another goroutine readies it (a send, receive or close on its channel, or the cancel that closes a context's Done channel) or a timer's channel fires (time.After, a Timer or a Ticker: the runtime sends on it, time.sendTime)"
    : reason.startsWith('chan send')
      ? 'another goroutine readies it (a receive or a close)'
      : 'another goroutine readies it (a send or close for a channel, Signal or Broadcast for a Cond, Done for a WaitGroup)';
  const timeout = timed
    ? ', a timeout longer than the log ends the waits (a select on time.After, a Timer or a context deadline that has not come yet)'
    : '';
  return `A goroutine parked there runs again only when ${readier}: at every new high more of them parked than were woken. That is a leak (a send nobody receives, a receive nobody sends to, a Wait nobody Done's) unless something wakes them all later${timeout}, each wait is long and the arrivals keep outgrowing it, or a pool or a server is still taking on workers or connections whose goroutines wait there (then the count levels off where they stop coming).`;
}

/**
 * Whether a timer can end a wait with this reason: a receive or a select can be on a timer's channel,
 * which the runtime sends on when the timer fires (time.sendTime); a send, a Cond, a WaitGroup or a
 * semaphore has no timeout.
 */
function endsOnTimer(reason: string): boolean {
  return reason.startsWith('chan receive') || reason.startsWith('select');
}

/** How goroutines parked with `reason` get a way out. */
function wayOut(reason: string): string {
  if (reason === IO_WAIT)
    return 'If the connections are meant to stay open, this is the server taking on clients; if they are calls waiting on a slow dependency, give each call a deadline (a context timeout, http.Client.Timeout) and cap the calls in flight; otherwise close what is done with and bound the rest: read and idle deadlines (SetReadDeadline, http.Server ReadTimeout and IdleTimeout), a cap on concurrent connections.';
  if (reason === SLEEP)
    return 'A goroutine that sleeps in a loop needs a way to stop: wait on a time.Ticker or timer in a select beside ctx.Done() or a stop channel, and have the owner that closes the session or connection stop it.';
  if (reason.startsWith('sync.Cond'))
    return 'Every Wait needs a Signal or Broadcast after its condition changes, including on shutdown and error paths.';
  if (reason.startsWith('sync.WaitGroup'))
    return 'Every Add needs its Done on every path (defer wg.Done() first thing in the goroutine), and a Wait nobody finishes blocks for good.';
  if (reason === SEMACQUIRE)
    // sema.go: WaitGroup.Wait parks through sync_runtime_Semacquire up to Go 1.23 (Go 1.24 adds
    // sync_runtime_SemacquireWaitGroup, "sync.WaitGroup.Wait"), internal/poll's fdMutex through
    // poll_runtime_Semacquire in every release, and sync.Mutex and RWMutex before Go 1.20.
    return "semacquire is a WaitGroup's Wait (up to Go 1.23; Go 1.24 prints sync.WaitGroup.Wait), a goroutine waiting for a file's or connection's lock (internal/poll's fdMutex: many goroutines reading or writing one descriptor), or before Go 1.20 a sync.Mutex or RWMutex waiter: every Add needs its Done on every path (defer wg.Done() first thing in the goroutine), every Lock its Unlock (defer mu.Unlock() right after it), and one descriptor written by many goroutines wants one writer goroutine.";
  return 'Give every blocked send or receive a way out (a buffered channel sized to the senders, a select on ctx.Done(), closing the channel when the last sender is done).';
}

/**
 * One event, one finding. Before Go 1.20 a WaitGroup.Wait and a sync.Mutex waiter both park with
 * waitReasonSemacquire, so a semacquire pile-up that the leak check reports is also read by
 * lock-contention, as contention. Where a leak episode on semacquire and a lock-contention episode
 * of unnamed waiters overlap in one run, the second is the same goroutines read another way: it is
 * folded into the leak's evidence (lockReading), whose words give both readings, and dropped.
 */
export function foldSemacquireContention(fs: Finding[]): Finding[] {
  // Most runs have no leak: no list is made for them.
  if (!fs.some((f) => f.kind === 'goroutine-leak')) return fs;
  const leaks = fs.filter(
    (f): f is FindingOf<'goroutine-leak'> => f.kind === 'goroutine-leak' && f.evidence.reason === SEMACQUIRE,
  );
  if (leaks.length === 0) return fs;
  return fs.filter((f) => {
    if (f.kind !== 'lock-contention' || f.evidence.named) return true;
    const leak = leaks.find(
      (l) => f.tMs !== null && l.tMs !== null && f.tMs <= (l.tEndMs ?? l.tMs) && l.tMs <= (f.tEndMs ?? f.tMs),
    );
    if (leak === undefined) return true;
    const had = leak.evidence.lockReading;
    leak.evidence.lockReading = {
      waitersPeak: Math.max(had?.waitersPeak ?? 0, f.evidence.waitersPeak),
      dumps: (had?.dumps ?? 0) + f.evidence.dumps,
    };
    // Words made already (a live listener's) are made again with the lock's reading.
    if (leak.explanation !== '') Object.assign(leak, goroutineLeak.explain(leak));
    return false;
  });
}
