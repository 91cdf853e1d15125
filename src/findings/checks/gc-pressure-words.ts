import { markWorkers } from '../../trace/runtime-constants.js';
import { cpuWaitBoundMs } from '../../trace/cpu-wait.js';
import { round1 } from '../check.js';
import type { GcPressureEvidence } from '../evidence.js';
import type { FindingOf } from '../finding.js';
import { GC_PAUSE_MS, GC_STOPPED_WORDS_PERCENT } from './gc-thresholds.js';
import { stwProcsOf, windowMs } from './gc-stop-share.js';

/** What a gc-pressure episode means, in the runtime's terms, and what to do about it (its explanation and suggestion). */
export function explainGcPressure(f: FindingOf<'gc-pressure'>): { explanation: string; suggestion: string } {
  const e = f.evidence;
  const drains =
    e.drainJumps > 0
      ? ` ${e.drainJumps} global-queue jump(s) during GC moved whole rings, the signature of preempted dedicated mark workers draining their P (gcBgMarkWorker → runqdrain, a runqget loop before Go 1.17), not overflow.`
      : '';
  // gctrace prints "(forced)" only for a cycle runtime.GC started (gcStart: work.userForced =
  // trigger.kind == gcTriggerCycle; debug.FreeOSMemory calls runtime.GC): Go 1.20 to 1.26 as
  // checked (Go 1.9's gcStart: gcTriggerAlways or gcTriggerCycle, never gcTriggerTime). sysmon's
  // periodic GC (forcegchelper) starts a gcTriggerTime cycle, printed without it: every forced
  // cycle is an explicit call.
  const forced =
    e.forcedCycles > 0
      ? ` ${e.forcedCycles} of the cycles were forced (gctrace's "(forced)", which sysmon's periodic GC never prints): the program calls runtime.GC or debug.FreeOSMemory (or, built with GOEXPERIMENT=goroutineleakprofile on Go 1.26, collects the goroutineleak profile, whose cycles gctrace marks "checking for goroutine leaks"), and the heap goal does not pace those.`
      : '';
  const mostlyForced = e.forcedCycles > 0 && 2 * e.forcedCycles >= e.cycles;
  // gcControllerState.heapGoal: the marked heap plus GOGC% of it (from Go 1.18 also of the stacks
  // and globals scanned), at least heapMinimum, capped by the memory limit (Go 1.19+). A goal
  // near the live heap means the cap (GOMEMLIMIT) or a low GOGC sets it.
  const headroom =
    e.heap === null || mostlyForced
      ? null
      : Math.round((100 * (e.heap.goalMB - e.heap.liveBeforeMB)) / e.heap.liveBeforeMB);
  const tight = headroom !== null && headroom < 50;
  const goal = tight
    ? ` The heap goal stood only ${headroom}% above the live heap the cycle before left (${e.heap!.goalMB} MB over ${e.heap!.liveBeforeMB} MB, where GOGC=100 puts it about 100% above): a memory limit (GOMEMLIMIT) near the live heap, or a low GOGC, sets the goal, so each cycle starts soon after the last.`
    : '';
  const p = e.longestPause;
  const long = p.ms >= GC_PAUSE_MS;
  // stopTheWorldWithSema waits until every P has stopped: a running goroutine must reach a safe
  // point (preemptall; asynchronous from Go 1.14) and its thread must get a CPU to do so.
  const why =
    'stopTheWorldWithSema waits until every P has stopped, and a running goroutine stops only when its thread runs to a safe point (preemptall, then the preemption signal from Go 1.14): a thread waiting for a CPU (more Ps than the CPUs the process gets, a CPU quota throttled) or a goroutine in a loop that cannot be preempted (before Go 1.14, or GODEBUG=asyncpreemptoff=1) holds every other goroutine still';
  const spaced = e.spaced
    ? ` The cycles were few and long: their concurrent marks add up to ${(e.markMs / 1000).toFixed(1)} s of the ${(e.spanMs / 1000).toFixed(1)} s (${unanswered(e) ? 'a mark worker, too, gets a P only when that P next schedules (findRunnableGCWorker)' : 'a large heap to mark'}), and every mark phase takes its quarter of the Ps' time for its whole length, assists on top (gcControllerState.startCycle's 25% goal).`
    : '';
  const stoppedWords = stopped(e);
  const cpus = stwProcs(e);
  // With more Ps than CPUs the stopped-world words have said why stopping took long.
  const fewCpus = stoppedWords !== '' && cpus < e.gomaxprocs;
  const pauseWords = !long
    ? ''
    : fewCpus
      ? ` The longest lasted ${p.ms} ms (${p.phase} of cycle ${p.cycle}, at ${(p.atMs / 1000).toFixed(3)} s), where the runtime aims at well under a millisecond.`
      : ` The longest stop-the-world lasted ${p.ms} ms (${p.phase} of cycle ${p.cycle}, at ${(p.atMs / 1000).toFixed(3)} s), where the runtime aims at well under a millisecond: every goroutine stood still for it. ${why}.`;
  if (!e.sustained && long)
    return {
      explanation: `GC paused the program: a stop-the-world of ${p.ms} ms (${p.phase} of cycle ${p.cycle}, at ${(p.atMs / 1000).toFixed(3)} s, gctrace's wall clock). The runtime aims at pauses well under a millisecond; for this one every goroutine stood still. Apart from it the cycles around it were no sustained pressure by this check's rule (${e.cycles} cycle${e.cycles === 1 ? '' : 's'} ended in this interval; the runtime puts GC at ${e.runtimeCpuPercent}% of the Ps' time since the program started). ${why}.${forced}`,
      suggestion:
        'If GOMAXPROCS is above the CPUs the process gets (a container limit, a shared machine), set it to the CPU limit so the Ps stop quickly; check for CPU throttling; with asyncpreemptoff or before Go 1.14, add calls to tight loops.',
    };
  const startup = f.startup;
  if (startup !== undefined) {
    const goalTo = e.heap?.goalMB;
    return {
      explanation: `GC while the heap grew at start-up: ${e.cycles} cycles at ${e.cyclesPerSecond} per second from the process's first, the heap goal going from ${e.fromGoalMB} MB${goalTo !== undefined ? ` to ${goalTo} MB` : ''}, ${share(e)}. The first cycles run at the runtime's least goal (4 MB × GOGC/100, heapMinimum) and the next at the live heap still being built plus GOGC% of it (twice it at GOGC=100), so they come fast and stop once the heap holds its working set, as they did here. Over the run's ${seconds(startup.runMs)} they took ${startup.runSharePercent < 0.1 ? 'under 0.1' : round1(startup.runSharePercent)}% of the Ps' time: not what the run lost its time to.${pauseWords}${forced}`,
      suggestion:
        'Nothing to change for the steady state. If start-up time matters, let the heap grow before collecting: a higher GOGC while warming up (debug.SetGCPercent), or GOMEMLIMIT (Go 1.19+) with GOGC=off until the working set is built.',
    };
  }
  // gcStart takes work.startSema before it checks the trigger again (and stopTheWorld worldsema):
  // every allocator that finds a cycle due waits there while another starts it.
  const startWaits =
    e.gcStartWaits !== undefined
      ? ` Up to ${e.gcStartWaits.waitersPeak} goroutines waited in semacquire at ${e.gcStartWaits.dumps === 1 ? 'a dump' : `${e.gcStartWaits.dumps} dumps`} of these cycles: before Go 1.20 that is where an allocating goroutine waits when a cycle is due and another is starting it (gcStart takes work.startSema before it checks the trigger again, then worldsema to stop the world), so with cycles back to back the allocators queue there and are readied onto the releasing goroutine's P one at a time; a sync.Mutex waits with the same reason before Go 1.20 and a WaitGroup up to Go 1.23, which a newer build or a goroutine profile would tell apart.`
      : '';
  // Each stop queues the goroutines it preempted (goschedImpl → globrunqput; from Go 1.26 runnext,
  // displacing the goroutine there to the ring); start-the-world wakes one M, and each M that finds
  // work the next (foldGcRestartBacklog).
  const rb = e.restartBacklog;
  const restartWaits =
    rb !== undefined
      ? ` At ${rb.dumps === 1 ? 'a dump' : `${rb.dumps} dumps`} of these cycles up to ${rb.waitingPeak} runnable goroutines waited beside up to ${rb.idleprocsPeak} idle Ps while an M was spinning, never more than one per P. The cycles make that queue themselves: every stop of the world preempts the running goroutines, each putting itself on the global queue (preemptall, then gopreempt_m → goschedImpl; from Go 1.26 it stays in its P's runnext, which the dumps do not count, and moves the goroutine that was there to the P's ring), and allocators that found a cycle due wait for it to start (gcStart's work.startSema) and are readied one at a time onto the releasing goroutine's P; start-the-world wakes one M, and each M that finds work wakes the next (wakep), so after each stop the queue waits for the Ms to come back one at a time, longer where their threads wait for a CPU. With cycles between every two dumps the dumps keep catching it. A CPU shortage alone (more runnable threads than cores) shows the same, and the counts cannot tell the two apart.`
      : '';
  return {
    explanation: `GC pressure, ${e.cycles} GC cycle${e.cycles === 1 ? '' : 's'} at ${e.cyclesPerSecond} per second, ${share(e)}.${stoppedWords}${startWaits}${restartWaits} Each mark phase gives ${e.dedicatedWorkers > 0 ? `${e.dedicatedWorkers * 4 === e.gomaxprocs ? 'a quarter' : 'about a quarter'} of the Ps (${e.dedicatedWorkers} of ${e.gomaxprocs}) to dedicated mark workers` : `fractional mark work, up to 25% of each P's time (fractionalUtilizationGoal: ${e.gomaxprocs} × 25% is ${e.gomaxprocs / 4} of a P, too little for a dedicated worker)`}${e.dedicatedWorkers > 0 && markWorkers(e.gomaxprocs).fractional > 0 ? ', topped up to 25% by a fractional worker' : ''} (gcControllerState.startCycle) and makes allocating goroutines assist (CPU of assists ${round1(e.assistCpuMs)} ms, background workers ${round1(e.backgroundCpuMs)} ms${stoppedWords !== '' ? '' : `, stop-the-world ${round1(e.stwCpuMs)} ms over ${round1(e.stwMs)} ms of wall clock`}).${spaced}${pauseWords}${drains}${forced}${goal}`,
    suggestion: `${stoppedWords !== '' && unanswered(e) ? 'Find what holds the stops up: with GODEBUG=asyncpreemptoff=1, or before Go 1.14, a loop that calls no function cannot be stopped (turn asynchronous preemption back on, or call a function in the loop); check for CPU throttling and for other processes on the CPUs. ' : fewCpus ? `Set GOMAXPROCS to the CPUs the process gets (${cpus} here, or its CPU limit) so that stopping the world does not wait for threads without a CPU. ` : ''}${
      mostlyForced
        ? 'Most cycles were forced: find the runtime.GC or debug.FreeOSMemory calls (or goroutineleak profile collections) and make them rarer (GOGC and GOMEMLIMIT do not pace forced cycles).'
        : tight
          ? "The live heap is close to what the goal allows: raise GOMEMLIMIT (or GOGC) if the memory is there, or make the live heap smaller (caches, buffers held); near a memory limit the collector runs almost back to back, up to the GC CPU limiter's half of the CPU."
          : 'Allocate less (reuse buffers, sync.Pool, fewer pointers), or give the heap room so the collector runs less often: raise GOGC, or set GOGC=off with GOMEMLIMIT (Go 1.19+) at the memory you can afford (a memory limit alone only ever brings cycles sooner: the heap goal is the lower of the two, heapGoalInternal).'
    }`,
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** work.stwprocs (min(GOMAXPROCS, CPUs), gcStart), from what the cpu fields made of the pauses' wall clock. */
function stwProcs(e: GcPressureEvidence): number {
  return stwProcsOf(e.stwCpuMs, e.stwMs, e.gomaxprocs);
}

/**
 * Stop phases longer than waiting for CPUs explains, at least UNANSWERED_MIN of them and
 * UNANSWERED_SHARE of the episode's: a running goroutine did not answer preemption (a loop without
 * calls, with asynchronous preemption off or before Go 1.14), a CPU quota stopped every thread for
 * longer, or other processes kept the CPUs (the bound counts the process's own threads). Throttling alone makes a few pauses long, those that meet it: 2 to 6 of 422 to 506 on the
 * labelled half-CPU quota logs; on no committed sample more than 3.3%, where loops that cannot be
 * preempted made 32% and 100% (samples/programs/stwloop).
 */
function unanswered(e: GcPressureEvidence): boolean {
  return e.stwOverCpuWait >= UNANSWERED_MIN && e.stwOverCpuWait >= UNANSWERED_SHARE * 2 * e.cycles;
}
const UNANSWERED_MIN = 3;
const UNANSWERED_SHARE = 0.1;

/** The words on the time the world was stopped, when it is a share worth saying. */
function stopped(e: GcPressureEvidence): string {
  if (e.stwSharePercent < GC_STOPPED_WORDS_PERCENT) return '';
  const pauses = 2 * e.cycles;
  const cpus = stwProcs(e);
  const onCpus = ` The cpu fields count each pause on ${cpus} CPUs (work.stwprocs, min(GOMAXPROCS, CPUs))`;
  const bound = cpuWaitBoundMs(e.gomaxprocs, cpus);
  const over = `${e.stwOverCpuWait} of the ${pauses} pauses lasted longer than the ${bound} ms a thread can wait for one of ${cpus} CPUs among ${e.gomaxprocs} Ps' threads (two of the kernel's fair-share periods)`;
  const otherCauses =
    'a running goroutine did not answer preemption (a loop that calls no function, with GODEBUG=asyncpreemptoff=1 or before Go 1.14), a CPU quota stopped every thread, or other processes kept the CPUs';
  const oversubscribed = unanswered(e)
    ? `${onCpus}. ${over}, which waiting for its CPUs does not explain: ${otherCauses}.`
    : cpus < e.gomaxprocs
      ? `${onCpus}: ${cpus} CPUs for ${e.gomaxprocs} Ps, so stopping the world waits for each running P's thread to get a CPU and reach a safe point.${e.stwOverCpuWait > 0 ? ` But ${over}: for those, ${otherCauses}.` : ''}`
      : '';
  // The share's own window (stwShareOf), so the words' figures agree with each other.
  return ` The stop-the-world phases took ${round1(e.stwMs)} ms of the ${seconds(windowMs(e.stwWindow, e.spanMs))} (${e.stwSharePercent}% of the wall clock; ${pauses} pauses, ${round1(e.stwMs / pauses)} ms each on average, from the request to stop to the restart): for that time the Ps stood still, the first stopped waiting for the last, whatever the CPU figures say.${oversubscribed}`;
}

/** GC's share of the Ps' time in the words: the runtime's own when its figures give it, else the cpu fields'. */
function share(e: GcPressureEvidence): string {
  if (e.runtimeSpanPercent !== null) {
    const from =
      e.runtimeFrom.atMs === 0 ? 'from the start' : `from ${e.runtimeFrom.percent}% at ${seconds(e.runtimeFrom.atMs)}`;
    const cpus = stwProcs(e);
    const onCpus =
      cpus < e.gomaxprocs && e.stwSharePercent < GC_STOPPED_WORDS_PERCENT
        ? `, counting each pause on ${cpus} CPUs (min(GOMAXPROCS, CPUs))`
        : '';
    return `GC taking about ${e.runtimeSpanPercent}% of the Ps' time in this span by the runtime's own accounting (its cumulative share went ${from} to ${e.runtimeTo.percent}% at ${seconds(e.runtimeTo.atMs)}; the cpu fields of these cycles add up to ${e.gcCpuPercent}%${onCpus})`;
  }
  return `GC taking ${e.gcCpuPercent}% of the Ps' time in this span by the gctrace lines' cpu fields (stop-the-world, assists, dedicated and fractional workers; the runtime reports ${e.runtimeCpuPercent}% since start)`;
}
