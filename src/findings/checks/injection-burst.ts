import { type Check, GLOBAL_JUMP, IO_WAIT_FELL, intervalMs } from '../check.js';
import type { IoWaitDropEvidence } from '../evidence.js';
import type { Finding, FindingOf } from '../finding.js';
import {
  fitInformative,
  netpollGlobalBound,
  OverflowSeen,
  overflowTolerance,
  readBulkArrival,
} from './global-arrivals.js';
import { datesBefore120, injectglistSplits } from '../../trace/release-facts.js';
import { type IoWaitDrop, NetworkWaitSeen, readIoWaitDrop } from './io-wait-drop.js';

/**
 * A wave of network wake-ups worth a finding: the earlier dump had less than one runnable goroutine
 * per P (no backlog), more goroutines left IO wait than the Ps can run at once, and the runnable
 * count rose by more than the Ps run, so the wave left a backlog (injectglist hands one goroutine
 * to each idle P and queues the rest). Neither count grows with the interval: a steady stream of
 * readiness puts goroutines back in IO wait as fast as it takes them out, and lowers neither. Under
 * a backlog the IO wait count of a loaded server moves by tens from dump to dump as requests come
 * and go (every P busy, handlers queued), and a wave cannot be told from that churn.
 */
function isWave(w: IoWaitDrop, gomaxprocs: number): boolean {
  // Woken goroutines that ran into a lock they share wait in semacquire1, not on a queue: they count
  // with the runnable ones (a wave of readers that all update one map under a mutex).
  const readied = w.runnable + w.lockWaiters - (w.runnableBefore + w.lockWaitersBefore);
  return w.runnableBefore < gomaxprocs && w.woken > gomaxprocs && readied > gomaxprocs;
}

/** What the woken goroutines became by the later dump: runnable, or parked on a lock they share too. */
function readiedWords(
  gomaxprocs: number,
  runnableBefore: number,
  runnable: number,
  locksBefore: number,
  locks: number,
): string {
  return runnable - runnableBefore > gomaxprocs || locks <= locksBefore
    ? `the runnable goroutines rose from ${runnableBefore} to ${runnable}`
    : `the runnable goroutines went from ${runnableBefore} to ${runnable} and those parked on a sync lock from ${locksBefore} to ${locks}, together more than the Ps run`;
}

/**
 * A bulk arrival on the global queue that no P's own path explains: injectglist, when the network
 * poller readies many goroutines at once (timers ready theirs with goready, onto a ring). From Go 1.15
 * to 1.26 alike (injectglist in proc.go), a poller with no P (sysmon's netpoll every 10 ms when nobody polled, findRunnable's
 * blocking netpoll when no P is free) puts the whole list on the global queue; one holding a P puts
 * one goroutine per idle P there and the rest on its own ring (runqputbatch), spilling what does
 * not fit. So a wave shows on the global queue, or only on the rings (then only the G lines of
 * scheddetail show it). Up to Go 1.14 every poller put the whole list on the global queue.
 *
 * The other paths (global-arrivals.ts) are bounded: forced preemption and syscall returns by the
 * interval's time and threads, Gosched by schedticks, runqdrain by a GC cycle, overflow by ring
 * evidence, and the poller itself by its pace (netpollGlobalBound): growth past what it and the
 * other paths together could deliver is a ring spilling, local-overflow's. Growth past the time
 * bound is `possible` (a Gosched storm is bounded only by schedticks), past the schedtick bound too
 * `likely`. Growth that fits k×129 within a loose
 * tolerance with no ring seen full is reported here, `possible` (such a fit happens by chance),
 * unless the run showed an overflow with ring evidence before; a tight fit is local-overflow's.
 *
 * With scheddetail the G lines show the wave itself (io-wait-drop.ts): a fall of the IO wait count
 * is certain proof of that many network wake-ups, wherever they were queued. Where the count shows
 * no wave, the global queue is read as above.
 */
export const injectionBurst: Check<'injection-burst'> = {
  kind: 'injection-burst',
  basis: 'model',
  severity: 'info',
  mergeGap: { dumps: 1, ms: 0 },
  perP: false,
  quietUnless: { wakesOn: GLOBAL_JUMP | IO_WAIT_FELL, settlesAfter: 0 },
  create: (run) => {
    const seen = new OverflowSeen();
    /** The run's global queue grew past what the poller could deliver: a ring spilled (local-overflow's). */
    let spilled = false;
    const network = new NetworkWaitSeen();
    return {
      reset() {
        seen.reset();
        spilled = false;
        network.reset();
      },
      step(ctx) {
        const { prev, cur } = ctx;
        const r = seen.update(ctx);
        const pollerExcluded = network.pollerExcluded(prev, cur);
        if (prev === undefined) return null;
        const n = cur.gomaxprocs;
        const w = readIoWaitDrop(prev, cur, datesBefore120(run));
        if (w !== null && isWave(w, n)) {
          let maxLocal = 0;
          for (let i = 0; i < cur.runq.length; i++) maxLocal = Math.max(maxLocal, cur.runq[i]!);
          const evidence: IoWaitDropEvidence = {
            via: 'io-wait',
            gomaxprocs: n,
            ioWaitBefore: w.before,
            ioWaitAfter: w.after,
            woken: w.woken,
            runnableBefore: w.runnableBefore,
            runnable: w.runnable,
            globalAfter: cur.runqueue,
            maxLocal,
          };
          if (w.lockWaiters > w.lockWaitersBefore) {
            evidence.lockWaitersBefore = w.lockWaitersBefore;
            evidence.lockWaiters = w.lockWaiters;
          }
          return {
            confidence: 'certain',
            confidenceReason: `IO wait fell from ${w.before} to ${w.after}, and only netpollunblock takes a goroutine out of it: at least ${w.woken} were woken by the network side, more than the ${n} Ps run at once, and ${readiedWords(n, w.runnableBefore, w.runnable, w.lockWaitersBefore, w.lockWaiters)}`,
            evidence,
            moved: w.woken,
            impact: w.woken / n,
          };
        }
        // A run that overflowed with ring evidence, ring evidence now, or a tight fit: local-overflow's.
        if (seen.seen || (r !== null && (r.p >= 0 || r.tight))) return null;
        // Blame needs evidence: where the G lines show no network waiting in the run (NetworkWaitSeen),
        // a global-queue jump is not read as the poller's wave (bbolt's 1,000 writers released by one
        // close, 259 on the global queue with every G in chan receive or runnable).
        if (pollerExcluded) return null;
        const b = readBulkArrival(ctx);
        if (b === null) return null;
        // More than the poller can deliver in the interval: a ring spilled (local-overflow's).
        if (b.growth > netpollGlobalBound(ctx, run) + b.timeBound) {
          spilled = true;
          return null;
        }
        // A run whose rings spilled before, and whose global queue never grew by whole netpoll
        // batches from idle: its program spawns faster than a P runs, and a smaller jump is more
        // simply that again than a wave of network readiness nothing in the run shows.
        if (spilled && !seen.netpollWaves) return null;
        const pastTicks = b.tickBound !== null && b.growth > b.tickBound;
        // With so many Ps or dispatches that the overflow tolerance covers half a batch, any growth
        // fits some overflows, and a spill is bounded by nothing the dump shows.
        const tolerance = overflowTolerance(ctx);
        const anyFits = r === null && !fitInformative(tolerance);
        const confidence = pastTicks && r === null && !anyFits ? 'likely' : 'possible';
        const fits =
          r !== null
            ? `; ${r.k}×129${r.remainder === 0 ? '' : r.remainder > 0 ? ` + ${r.remainder}` : ` − ${-r.remainder}`} would fit an overflow, but no ring was seen near 256 or at 128${r.netpollBatches === null ? '' : `, and ${r.netpollBatches}×128 (whole netpoll batches) fits as well`}`
            : anyFits
              ? `; any growth lies within ${tolerance} of some overflows of 129 here, so a ring that filled and drained between the dumps is not excluded`
              : '';
        return {
          confidence,
          confidenceReason: `growth ${b.growth} exceeds the ${b.timeBound} forced preemption and syscall returns could have sent there${
            b.tickBound === null
              ? ' (no schedticks: Gosched is not bounded)'
              : pastTicks
                ? ` and the ${b.tickBound} time slices the Ps started`
                : `, but not the ${b.tickBound} time slices the Ps started (a Gosched per slice)`
          }${fits}`,
          evidence: {
            via: 'global-queue',
            gomaxprocs: n,
            globalBefore: prev.runqueue,
            globalAfter: cur.runqueue,
            growth: b.growth,
            maxLocal: b.maxLocal,
            idleBefore: prev.idleprocs,
            preemptionBound: b.tickBound,
            timeBound: b.timeBound,
            fitsOverflow: r !== null || anyFits,
            intervalMs: intervalMs(ctx),
          },
          moved: b.growth,
          impact: b.growth / n,
        };
      },
    };
  },
  merge(e, h) {
    if (e.via === 'io-wait') {
      // A global-queue reading beside the IO wait count adds nothing to it.
      if (h.via !== 'io-wait') return;
      e.ioWaitAfter = h.ioWaitAfter;
      e.woken += h.woken;
      if (h.lockWaiters !== undefined && h.lockWaiters > (e.lockWaiters ?? 0)) {
        e.lockWaiters = h.lockWaiters;
        e.lockWaitersBefore = h.lockWaitersBefore;
      }
      if (h.runnable > e.runnable) {
        e.runnableBefore = h.runnableBefore;
        e.runnable = h.runnable;
        e.globalAfter = h.globalAfter;
        e.maxLocal = h.maxLocal;
      }
      return;
    }
    if (h.via === 'io-wait') {
      // The episode becomes the certain reading (the runner took its confidence already).
      const fields = e as unknown as Record<string, unknown>;
      for (const k of Object.keys(fields)) delete fields[k];
      Object.assign(fields, h);
      return;
    }
    e.globalAfter = h.globalAfter;
    e.growth += h.growth;
    e.maxLocal = Math.max(e.maxLocal, h.maxLocal);
    e.timeBound = Math.max(e.timeBound, h.timeBound);
    e.fitsOverflow ||= h.fitsOverflow;
    e.intervalMs = e.intervalMs === null || h.intervalMs === null ? null : e.intervalMs + h.intervalMs;
  },
  explain(f, run) {
    const e = f.evidence;
    const splits = injectglistSplits(run);
    if (e.via === 'io-wait') {
      const locks =
        e.lockWaiters === undefined
          ? ''
          : ` At the wave, ${e.lockWaiters} goroutines waited for a sync lock (parked by semacquire1): the woken goroutines run on every P at once and contend for a lock they share, a cost of the wave rather than a lock held too long.`;
      const readied =
        e.lockWaiters === undefined || e.lockWaitersBefore === undefined
          ? `the runnable goroutines rose from ${e.runnableBefore} to ${e.runnable} at one dump, ${e.globalAfter} of them on the global queue and ${e.maxLocal} on the longest ring (from Go 1.15 injectglist marks the whole list runnable before it queues any)`
          : `${readiedWords(e.gomaxprocs, e.runnableBefore, e.runnable, e.lockWaitersBefore, e.lockWaiters)} at one dump, ${e.globalAfter} on the global queue and ${e.maxLocal} on the longest ring`;
      return {
        explanation: `At least ${e.woken} goroutines waiting on network I/O were woken (IO wait ${e.ioWaitBefore} → ${e.ioWaitAfter}), more than the ${e.gomaxprocs} Ps can run at once, and ${readied}. Only netpollunblock takes a goroutine out of IO wait: the poller finding descriptors ready (netpoll, then ${injectglistPuts(splits)}), a read or write deadline expiring, or another goroutine closing the connections or setting a past deadline.${locks}`,
        suggestion:
          'A wave of network readiness (or of deadlines or closes). If the wave costs latency, spread the work that triggers it (jitter client timers, stagger deadlines) or bound concurrent connections; a wave of closes at shutdown is expected.',
      };
    }
    const bounds =
      e.preemptionBound === null
        ? `forced preemption and syscall returns could add at most ${e.timeBound} (this log prints no schedticks, so a Gosched loop is not excluded)`
        : e.growth > e.preemptionBound
          ? `forced preemption and syscall returns could add at most ${e.timeBound}, and a Gosched per time slice the Ps started at most ${e.preemptionBound}`
          : `forced preemption and syscall returns could add at most ${e.timeBound}, but a Gosched per time slice the Ps started could add ${e.preemptionBound}, so a Gosched loop is not excluded`;
    const why =
      f.confidence === 'likely'
        ? 'so injectglist (the network poller readying goroutines at once) probably put them there'
        : `injectglist (the network poller readying goroutines at once) possibly put them there${
            e.fitsOverflow
              ? '; the growth also fits whole overflows of 129, so a ring that filled and drained between the dumps is not excluded'
              : '; the growth fits no whole number of overflows (k×129), which rules out a ring that filled and spilled between the dumps (runqputslow) only if no P took a batch from the global queue meanwhile (globrunqget, up to 128 whenever a P finds its own ring empty)'
          }`;
    // What the dumps show: the growth over the interval between them, not when within it it came.
    const over = e.intervalMs === null ? 'between two dumps' : `within ${e.intervalMs} ms`;
    return {
      explanation: `${e.growth} goroutines reached the global queue ${over} (${e.globalBefore} → ${e.globalAfter}) while no ring was half full and no GC cycle ended; ${bounds}; ${why}. ${wavePuts(splits)}`,
      suggestion:
        f.confidence === 'possible'
          ? 'Possibly a wave of network readiness: if the program does no network I/O at that moment, the jump is a ring that spilled between the dumps instead (a spawn loop, a broadcast, or timers starting goroutines on one P; see local-overflow). If a wave costs latency, stagger what triggers it or bound concurrent connections; idle Ps pick the goroutines up within one period.'
          : 'A wave of network readiness. If the wave costs latency, stagger what triggers it or bound concurrent connections; idle Ps pick the goroutines up within one period.',
    };
  },
};

/**
 * One event, one finding, read over the whole run: a run whose rings were later caught spilling
 * (a local-overflow on named Ps, ring evidence, at least likely) spills faster than its Ps run, and a global jump
 * before that evidence which fit whole spills as well as a poller's wave is more simply that again.
 * Such `possible` jumps read from the global queue alone are dropped; scheddetail's IO wait readings
 * stay.
 */
export function foldSpilledJumps(fs: Finding[]): Finding[] {
  if (!hasBurst(fs)) return fs;
  const spillAt = fs.reduce(
    (at, f) =>
      f.kind === 'local-overflow' && f.episode.ps.length > 0 && f.confidence !== 'possible' && f.tMs !== null
        ? Math.min(at, f.tMs)
        : at,
    Number.POSITIVE_INFINITY,
  );
  if (spillAt === Number.POSITIVE_INFINITY) return fs;
  return fs.filter(
    (f) =>
      f.kind !== 'injection-burst' ||
      f.confidence !== 'possible' ||
      f.evidence.via !== 'global-queue' ||
      !f.evidence.fitsOverflow ||
      f.tMs === null ||
      f.tMs > spillAt,
  );
}

/**
 * One event, one finding, read over the whole run: inside a saturation episode every P is busy beside
 * a backlog, and no P whose ring or the global queue holds work reaches findRunnable's own netpoll
 * (it comes after them, before stealing), so mostly sysmon polls, every 10 ms or later, and injectglist puts all it found on the global
 * queue at once. A loaded server's steady readiness then arrives in batches a wave cannot be told from
 * (under a backlog the IO wait reading says the same: isWave), and the batches are the saturation's
 * doing. Global-queue jumps inside a saturation episode that is at least likely are dropped.
 */
export function foldSaturatedJumps(fs: Finding[]): Finding[] {
  if (!hasBurst(fs)) return fs;
  const spans: [number, number][] = [];
  for (const f of fs)
    if (f.kind === 'saturation' && f.confidence !== 'possible' && f.tMs !== null && f.tEndMs !== null)
      spans.push([f.tMs, f.tEndMs]);
  if (spans.length === 0) return fs;
  return fs.filter(
    (f) =>
      f.kind !== 'injection-burst' ||
      f.evidence.via !== 'global-queue' ||
      f.tMs === null ||
      !spans.some(([from, to]) => f.tMs! >= from && f.tMs! <= to),
  );
}

/** Whether a run has a burst for a fold to read: most have none, and then no list is made. */
function hasBurst(fs: readonly Finding[]): boolean {
  return fs.some((f) => f.kind === 'injection-burst');
}

/**
 * One event, one finding: injectglist readies a wave's goroutines all at once, and they run on every
 * P together; any lock their first steps share (a server's connection bookkeeping, a pool, a cache)
 * is then contended, and its waiters park in semacquire1 ("sync.Mutex.Lock"). A lock-contention
 * reading of a single dump that a certain wave (read from the IO wait count) also covers is that
 * wave's cost, not a lock held too long: it is folded into the wave's evidence (lockWaiters) and
 * dropped. Contention that outlasts the wave (two dumps or more) stays lock-contention.
 */
export function foldWaveLockWaits(fs: Finding[]): Finding[] {
  if (!hasBurst(fs)) return fs;
  const waves = fs.filter(
    (f): f is FindingOf<'injection-burst'> & { evidence: IoWaitDropEvidence } =>
      f.kind === 'injection-burst' && f.evidence.via === 'io-wait' && f.confidence === 'certain' && f.tMs !== null,
  );
  if (waves.length === 0) return fs;
  return fs.filter((f) => {
    if (f.kind !== 'lock-contention' || f.evidence.dumps !== 1 || f.tMs === null) return true;
    const at = f.tMs;
    const wave = waves.find((w) => w.run === f.run && at >= w.tMs! && at <= (w.tEndMs ?? w.tMs!));
    if (wave === undefined) return true;
    if (f.evidence.waitersPeak > (wave.evidence.lockWaiters ?? 0)) {
      wave.evidence.lockWaiters = f.evidence.waitersPeak;
      // A peak of another dump than the wave's own pair: no count before it to set beside it.
      delete wave.evidence.lockWaitersBefore;
    }
    // Words made already (a live listener's) are made again with the lock's reading.
    if (wave.explanation !== '') Object.assign(wave, injectionBurst.explain(wave));
    return false;
  });
}

/** Where injectglist queues a woken list, as the release does (injectglistSplits). */
function injectglistPuts(splits: boolean | null): string {
  if (splits === false) return 'injectglist puts the whole list on the global queue, as it did before Go 1.15';
  const split = "injectglist puts one goroutine per idle P on the global queue and the rest on the polling P's ring";
  return splits === null ? `${split}, from Go 1.15; before, the whole list on the global queue` : split;
}

/** What of a wave reaches the global queue, as the release does (injectglistSplits): the sentence. */
function wavePuts(splits: boolean | null): string {
  if (splits === false) return 'Before Go 1.15 injectglist puts the whole wave there, whichever M polled.';
  const split =
    'A poller without a P (sysmon, a blocking netpoll) puts the whole wave there; one with a P puts one goroutine per idle P there and the rest on its own ring';
  return splits === null ? `${split} (from Go 1.15; before, the whole wave went there too).` : `${split}.`;
}
