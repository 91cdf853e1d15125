import { FREEZE_STOP_WAIT, P_GCSTOP } from '../../trace/runtime-constants.js';
import { STOPPED_UNHELD_PS, unheldPs } from '../../trace/stopped-world.js';
import { type Check, DETAIL_DUMP, GC_CYCLES, intervalMs, UNUSUAL_DUMP, WORLD_STOPPING } from '../check.js';
import type { GcStopEvidence } from '../evidence.js';
import type { Finding } from '../finding.js';
import { noteStopReason, type StopReasonCount, stopReasonFix, stopReasonWords, stopsAllNamed } from './stop-reasons.js';

/**
 * Dumps inside a stop-the-world, of all a run's scheddetail dumps, from which the world stood still
 * for a share of the wall clock worth a finding (percent), and the fewest such dumps it rests on.
 * schedtrace's dumps come from sysmon at its own period, unrelated to when the GC stops the world,
 * so the share of dumps that catch it estimates the share of the time. The runtime means its pauses
 * to be well under a millisecond: one dump in ten inside one is a hundred times that.
 */
export const GC_STOP_SHARE_PERCENT = 10;
export const GC_STOP_DUMPS = 3;

const ASSIST_WAIT = 'GC assist wait';
const PRINTED_REASON = 'gcwaiting/stopwait are printed by the runtime';
const SHARE_REASON = `${PRINTED_REASON}; the share of the time is estimated from the share of dumps`;

/**
 * scheddetail: a stop-the-world in progress (stopTheWorldWithSema sets gcwaiting and stopwait; not
 * freezetheworld's freezeStopWait, a crash's). One such dump is a note. Many are GC costing the
 * program: with gctrace lines gc-pressure measures it from the runtime's own figures, without them
 * this check estimates the share from the dumps.
 *
 * Summary dumps print neither field, but their counts show a stopped world too: Ps off the idle
 * list that no awake M holds (trace/stopped-world.ts). From them only the sustained share is
 * reported, never a note: a single summary dump inside a stop says less than a scheddetail one.
 */
export const gcStop: Check<'gc-stop'> = {
  kind: 'gc-stop',
  basis: 'arithmetic',
  severity: 'info',
  // Dumps inside a stop-the-world a few apart are one stretch of GC work.
  mergeGap: { dumps: 10, ms: 0 },
  perP: false,
  // GC_CYCLES: a run with gctrace lines leaves the share to gc-pressure, and a summary run is
  // stepped only on the dumps whose signals wake the check.
  quietUnless: { wakesOn: UNUSUAL_DUMP | WORLD_STOPPING | DETAIL_DUMP | GC_CYCLES, settlesAfter: 0 },
  create() {
    let dumps = 0;
    let stopped = 0;
    let assistPeak = 0;
    let gctrace = false;
    let summaryStopped = 0;
    /** The stopping Ms' reasons at the run's scheddetail dumps inside a stop (stop-reasons.ts). */
    const reasons: StopReasonCount[] = [];
    const reasonsSoFar = (): StopReasonCount[] | undefined =>
      reasons.length === 0 ? undefined : reasons.map((r) => ({ ...r }));
    return {
      reset() {
        dumps = 0;
        stopped = 0;
        assistPeak = 0;
        gctrace = false;
        summaryStopped = 0;
        reasons.length = 0;
      },
      step(ctx) {
        const { cur } = ctx;
        if (cur.gc !== undefined) gctrace = true;
        if (cur.gcwaiting === undefined && cur.gByReason === undefined) {
          const unheld = unheldPs(cur.gomaxprocs, cur.idleprocs, cur.threads, cur.idlethreads);
          if (unheld < STOPPED_UNHELD_PS) return null;
          summaryStopped++;
          // Every dump of the run so far could have shown a stop, not only those the check woke on.
          const runDumps = ctx.index + 1;
          if (gctrace || summaryStopped < GC_STOP_DUMPS || summaryStopped * 100 < GC_STOP_SHARE_PERCENT * runDumps)
            return null;
          const evidence: GcStopEvidence = {
            gcwaiting: false,
            stopwait: 0,
            gcstopPs: 0,
            gomaxprocs: cur.gomaxprocs,
            stoppedDumps: summaryStopped,
            runDumps,
            assistWaitPeak: 0,
            gctrace,
            sustained: true,
            unheldPs: unheld,
          };
          return {
            confidence: 'likely',
            // The episode keeps its first hit's reason, so it names no count that later dumps change.
            confidenceReason: `read from the counts, not printed: dumps with ${STOPPED_UNHELD_PS} or more Ps off the idle list that no awake thread held, which outside a stop-the-world nothing leaves for more than microseconds (before Go 1.15 a thread being started, counted only once it ran: startm now reserves its ID, mReserveID); the share of the time is estimated from the share of dumps`,
            evidence,
            impact: Math.max(intervalMs(ctx) ?? 0, 0.001),
          };
        }
        dumps++;
        assistPeak = Math.max(assistPeak, cur.gByReason?.[ASSIST_WAIT] ?? 0);
        const stopwait = cur.stopwait ?? 0;
        if (!cur.gcwaiting && stopwait === 0) return null;
        // A crashing process frozen for good (freezetheworld, called by the first M that throws):
        // an M that throws after it prints this dump on its way down, no stop-the-world and no GC.
        if (stopwait === FREEZE_STOP_WAIT) return null;
        stopped++;
        noteStopReason(reasons, cur.mCounts?.preemptoff);
        const sustained = !gctrace && stopped >= GC_STOP_DUMPS && stopped * 100 >= GC_STOP_SHARE_PERCENT * dumps;
        const evidence: GcStopEvidence = {
          gcwaiting: cur.gcwaiting ?? false,
          stopwait,
          gcstopPs: cur.pStatus?.filter((s) => s === P_GCSTOP).length ?? 0,
          gomaxprocs: cur.gomaxprocs,
          stoppedDumps: stopped,
          runDumps: dumps,
          assistWaitPeak: assistPeak,
          gctrace,
          sustained,
        };
        const named = reasonsSoFar();
        if (named !== undefined) evidence.stopReasons = named;
        return {
          confidence: 'certain',
          confidenceReason: sustained ? SHARE_REASON : PRINTED_REASON,
          evidence,
          // Sampled: each dump inside a stop-the-world stands for its interval of every P standing still.
          // Only a sustained hit has any, which is how ranking tells it from a note (isSustainedStop).
          impact: sustained ? Math.max(intervalMs(ctx) ?? 0, 0.001) : 0,
        };
      },
      // The share each hit was sure of counted the dumps up to it; the finding claims the run's.
      // Over the whole run it may fall below GC_STOP_SHARE_PERCENT (a program that allocated, then
      // idled): the claim then goes, and a scheddetail episode stays a note of what its dumps printed.
      settle(f, runDumps) {
        const e = f.evidence;
        // A run past the trace's cap on findings keeps no evidence (RunChecker.countOnly): its
        // episode was sustained where it has an impact, and read from the counts with no scheddetail.
        const known = e.stoppedDumps !== undefined;
        const fromCounts = known ? e.unheldPs !== undefined : dumps === 0;
        const stops = fromCounts ? summaryStopped : stopped;
        const all = fromCounts ? runDumps : dumps;
        const sustained = !gctrace && stops >= GC_STOP_DUMPS && stops * 100 >= GC_STOP_SHARE_PERCENT * all;
        const wasSustained = known ? e.sustained : f.impact > 0;
        if (known) {
          e.stoppedDumps = stops;
          e.runDumps = all;
          e.gctrace = gctrace;
          e.assistWaitPeak = assistPeak;
          e.sustained = wasSustained && sustained;
          const named = reasonsSoFar();
          if (named !== undefined && !fromCounts) e.stopReasons = named;
        }
        if (!wasSustained || sustained) return true;
        if (fromCounts) return false;
        f.impact = 0;
        f.confidenceReason = PRINTED_REASON;
        return true;
      },
    };
  },
  merge(e, h) {
    e.stopwait = Math.max(e.stopwait, h.stopwait);
    e.gcstopPs = Math.max(e.gcstopPs, h.gcstopPs);
    e.stoppedDumps = h.stoppedDumps;
    e.runDumps = h.runDumps;
    e.assistWaitPeak = h.assistWaitPeak;
    e.gctrace = h.gctrace;
    e.sustained = e.sustained || h.sustained;
    if (h.unheldPs !== undefined) e.unheldPs = Math.max(e.unheldPs ?? 0, h.unheldPs);
    if (h.stopReasons !== undefined) e.stopReasons = h.stopReasons;
  },
  explain(f) {
    const e = f.evidence;
    const share = Math.round((100 * e.stoppedDumps) / e.runDumps);
    if (!e.sustained) {
      // A note of several dumps says how far it was from the share that makes it a finding.
      const many =
        f.episode.hits > 1 && !e.gctrace
          ? ` Stops showed at ${f.episode.hits} dumps of this stretch; over the run, ${e.stoppedDumps} of its ${e.runDumps} scheddetail dumps (${share}%), under the ${GC_STOP_SHARE_PERCENT}% at which this check calls it GC costing the program.`
          : '';
      return {
        explanation: `A stop-the-world was in progress (gcwaiting=${e.gcwaiting}, stopwait=${e.stopwait}, ${e.gcstopPs} P(s) in _Pgcstop): GC phase changes and calls such as runtime.GOMAXPROCS (one that changes the value), ReadMemStats, runtime.Stack of all goroutines and goroutine profiles stop every P.${stopReasonWords(e.stopReasons, e.stoppedDumps)}${many}`,
        suggestion:
          'Usually sub-millisecond; if it shows in many dumps, look at GC frequency (GOGC, GOMEMLIMIT) and runtime.ReadMemStats calls.',
      };
    }
    if (e.unheldPs !== undefined)
      return {
        explanation: `The world was stopped often: ${e.stoppedDumps} of the run's ${e.runDumps} dumps showed Ps that no awake thread held (up to ${e.unheldPs}: gomaxprocs − idleprocs Ps off the idle list, more than the threads − idlethreads threads awake besides sysmon). Outside a stop-the-world every P off the idle list has an awake M, running, spinning, in a syscall or being started for it; stopTheWorldWithSema parks each P in _Pgcstop and its M on the idle list (gcstopm). So every P stood still about ${share}% of the time: the dumps come from sysmon at its own period, unrelated to the stops, so the share of dumps estimates the share of the wall clock (roughly, from ${e.runDumps} samples). GC starts and ends each cycle with a stop (gcStart, gcMarkDone → stopTheWorldWithSema), and runtime.ReadMemStats, runtime.GOMAXPROCS calls that change the value, runtime.Stack of all goroutines, goroutine profiles and starting runtime/trace stop it the same way; a summary line does not say which, and no gctrace lines were printed.`,
        suggestion:
          'Run with GODEBUG=gctrace=1 to see whether the GC stops it (cycles per second, GC CPU), and with scheddetail=1 to see gcwaiting and stopwait; if the GC is not cycling that often, look for frequent runtime.ReadMemStats calls (runtime/metrics reads without stopping the world). Keep GOMAXPROCS at or below the CPUs the process gets, so stopping the world does not wait for threads without a core.',
      };
    // The stopping M named its reason (stop-reasons.ts): the callers replace the list of what may stop it.
    const fix = e.assistWaitPeak === 0 ? stopReasonFix(e.stopReasons) : null;
    const allNamed = e.assistWaitPeak === 0 && stopsAllNamed(e.stopReasons, e.stoppedDumps);
    const why = stopCauseWords(e, allNamed);
    return {
      explanation: `The world was stopped often: ${e.stoppedDumps} of the run's ${e.runDumps} scheddetail dumps fell inside a stop-the-world (gcwaiting=true or stopwait > 0, Ps moving to _Pgcstop), so every P stood still about ${share}% of the time. The dumps come from sysmon at its own period, unrelated to the stops, so the share of dumps estimates the share of the wall clock (roughly, from ${e.runDumps} samples). ${why}${allNamed ? '' : " No gctrace lines were printed to measure it: GODEBUG=gctrace=1 gives the cycles and GC's CPU share."}`,
      suggestion:
        fix !== null
          ? `${fix} Keep GOMAXPROCS at or below the CPUs the process gets, so stopping the world does not wait for threads without a core.`
          : e.assistWaitPeak === 0
            ? 'Run with GODEBUG=gctrace=1 to see whether the GC stops it (cycles per second, GC CPU); if not, look for frequent runtime.ReadMemStats calls (runtime/metrics reads without stopping the world). Keep GOMAXPROCS at or below the CPUs the process gets, so stopping the world does not wait for threads without a core.'
            : 'Allocate less (reuse buffers, sync.Pool, fewer pointers), or give the heap more room (a higher GOGC, or GOGC=off with GOMEMLIMIT, Go 1.19+, well above the live heap: a limit alone only lowers the heap goal); run with GODEBUG=gctrace=1 to see cycles per second and GC CPU, and keep GOMAXPROCS at or below the CPUs the process gets, so stopping the world does not wait for threads without a core.',
    };
  },
};

/** GC's stops, which the words for scheddetail stops name first. */
const GC_STOPS = 'GC starts and ends each cycle with one (gcStart, gcMarkDone → stopTheWorldWithSema)';

/** What stopped the world in a sustained scheddetail finding: the GC, by its assist waiters, or the reasons the Ms printed. */
function stopCauseWords(e: GcStopEvidence, allNamed: boolean): string {
  const named = stopReasonWords(e.stopReasons, e.stoppedDumps);
  // GC assist wait is set only by gcParkAssist: the GC was running. Without it the stops may be
  // runtime.ReadMemStats or GOMAXPROCS calls, which stop the world the same way.
  if (e.assistWaitPeak > 0)
    return `They were the GC's: up to ${e.assistWaitPeak} goroutines were parked in GC assist wait, which only gcParkAssist sets (they allocated past their assist credit and wait for the mark workers to earn some). GC starts and ends each cycle with a stop-the-world (gcStart, gcMarkDone → stopTheWorldWithSema); taking this much of the time, cycles come back to back or the Ms the world waits for are short of CPU.${named}`;
  if (named === '')
    return `${GC_STOPS}, and runtime.ReadMemStats, runtime.GOMAXPROCS calls that change the value, runtime.Stack of all goroutines, goroutine profiles and starting runtime/trace stop it the same way; the dumps do not say which.`;
  if (allNamed) return `${named.trimStart()} None of them was the GC's.`;
  return `${GC_STOPS}, and calls such as runtime.ReadMemStats and runtime.Stack of all goroutines stop it the same way.${named}`;
}

/**
 * A gc-stop finding that is GC costing the program, not a note (ranked and led with as one): read
 * from its consequence, which only sustained hits carry, since ranking must not need evidence (a
 * run past the trace's cap keeps none: RunChecker.countOnly).
 */
export function isSustainedStop(f: Finding): boolean {
  return f.kind === 'gc-stop' && f.impact > 0;
}
