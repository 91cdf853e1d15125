import { type Preemption, preemptionOf } from '../../trace/preemption.js';
import type { RunFacts } from '../../trace/release-facts.js';
import { FORCE_PREEMPT_MS } from '../../trace/runtime-constants.js';
import { fmtMs } from '../check.js';
import type { SaturationEvidence } from '../evidence.js';
import type { FindingOf } from '../finding.js';
import {
  BACKLOG_BURST_MIN_DUMPS,
  SATURATION_DUMPS,
  SATURATION_GAP_DUMPS,
  SATURATION_MS,
  SATURATION_SERIAL_GAP_DUMPS,
} from './saturation-thresholds.js';
import { threadLimit } from './thread-growth.js';

/**
 * Mean time slices below this (10 µs, some tens of the runtime's own schedule) are goroutines
 * giving up their P at once (yield, block, exit), and the words say so.
 */
const SHORT_SLICE_MS = 0.01;
/**
 * The longest mean slice of goroutines whose threads have a CPU. sysmon notes a new schedtick at its
 * next look, at most 10 ms after the slice began (its longest sleep), and retake preempts the
 * goroutine forcePreemptNS (10 ms) after that: about 2 × forcePreemptNS, which CPU-bound captures
 * with no more Ps than CPUs measure (20–21 ms, the corpus' 1 to 3 Ps on 2 CPUs). A tenth more
 * allows for sysmon's sleep running over and the preemption signal's delivery.
 */
const PREEMPTED_SLICE_MS = 2.2 * FORCE_PREEMPT_MS;
/** The advice for goroutines that want more CPU than the Ps give. */
const MORE_CPU =
  'More goroutines want CPU than GOMAXPROCS Ps can run. Add CPU (raise the CPU limit and GOMAXPROCS together: Ps beyond the CPUs the process gets only add threads for the kernel to time-slice, so GOMAXPROCS above the limit is no cure), do less work per request, or bound concurrency (worker pool) so latency does not grow with the backlog.';
/** What slices under SHORT_SLICE_MS add in front of MORE_CPU. */
const POLLING_ADVICE =
  'If goroutines poll with runtime.Gosched, make them wait on a channel, a sync.Cond or a WaitGroup instead: a blocked goroutine takes no P until it is readied.';

/**
 * The backlog dumps of a log or run without a saturation finding (RunSummary.backlogDumps: no idle
 * P, a runnable goroutine waiting per P), as the words of analyze's headline and the report's story
 * say them: CPU-bound bursts shorter than saturation's streak. '' below BACKLOG_BURST_MIN_DUMPS.
 */
export function backlogBurstWords(backlogDumps: number, dumps: number): string {
  if (backlogDumps < BACKLOG_BURST_MIN_DUMPS) return '';
  return `in ${backlogDumps} of ${dumps} dumps no P was idle and at least one runnable goroutine per P waited (more goroutines wanted CPU than the Ps could run), in bursts shorter than saturation's ${SATURATION_DUMPS} dumps over ${SATURATION_MS} ms`;
}

/** What a saturation episode means, in the runtime's terms, and what to do about it (its explanation and suggestion). */
export function explainSaturation(
  f: FindingOf<'saturation'>,
  run?: Readonly<RunFacts>,
): { explanation: string; suggestion: string } {
  const e = f.evidence;
  // A ring far above the others (lopsidedRing) is named: in a saturated run that is the
  // backlog's shape, reported here rather than as a second finding (imbalance.ts).
  const lopsided =
    e.ringPeak > 0
      ? `, P${e.ringPeakP}'s ring up to ${e.ringPeak}: goroutines created or readied on a P wait on its ring until it runs them or a P with no work of its own steals half (runqgrab)`
      : '';
  const waited = `on average ${e.waitingMean} runnable goroutines waited (${e.backlogPerP} per running P, peak ${e.backlogPerPPeak}; global queue up to ${e.globalPeak}${lopsided})`;
  const span = f.tMs !== null && f.tEndMs !== null ? f.tEndMs - f.tMs : null;
  // A projection past the episode's length is no measurement: say what was seen.
  const queued =
    e.sliceMs === null
      ? unmeasuredWait(e.backlogPerP, e.queueingMs, run === undefined ? 'unknown' : preemptionOf(run))
      : span !== null && e.queueingMs > span
        ? `longer than the ${fmtMs(span)} the episode lasted (${e.backlogPerP} slices of ${fmtMs(e.sliceMs)})`
        : `about ${fmtMs(e.queueingMs)} before it ran, at the observed ${fmtMs(e.sliceMs)} per time slice (schedtick deltas)`;
  // A schedtick counts a new slice (execute without inheritTime): a goroutine that gets one and
  // leaves its P within microseconds yielded (Gosched → goschedImpl → globrunqput), blocked
  // (gopark) or ended (goexit0); no preemption is that frequent.
  const turns =
    e.sliceMs !== null && e.sliceMs > 0 && e.sliceMs < SHORT_SLICE_MS
      ? ` Slices that short (about ${Math.round(1 / e.sliceMs)} schedules a ms on each P) mean the running goroutines gave up their P almost as soon as they had it: each yielded (runtime.Gosched puts its caller on the global queue, goschedImpl), blocked, or ended within microseconds. The backlog is goroutines taking short turns rather than long computations waiting; a loop that polls and yields (for !ready { runtime.Gosched() }) keeps every poller runnable whether it has work or not, and looks just like this.`
      : '';
  // sysmon notes a P's schedtick when it looks, at most 10 ms apart (its longest sleep), and
  // preempts once forcePreemptNS passed since: a slice ends within about 20 ms. A mean past 30 ms
  // means the running goroutines were not preempted on time; one past PREEMPTED_SLICE_MS, that
  // their threads likely lacked a CPU for part of the slice.
  // Across syscalls too: exitsyscall's fast path gives a goroutine its own P back without a
  // schedule, so the slice runs on; retake leaves a P in a syscall alone while its syscalltick moves
  // only until its schedtick stood still for forcePreemptNS (sysretake), then preempts the goroutine
  // or, finding it in a syscall, takes the P (1.13 to 1.26 alike). Slices far past that mean sysmon's
  // checks came late or did not take hold; the counts do not say which.
  const unpreempted =
    e.sliceMs !== null && e.sliceMs > 3 * FORCE_PREEMPT_MS && e.syscalls !== undefined
      ? ` A goroutine held its P that long across syscalls: the P lines show ${e.syscalls} syscalls against ${e.dispatches} schedules. One back from a syscall takes its own P again without a schedule (exitsyscall's fast path), so its slice runs on across the calls; sysmon should end it about ${FORCE_PREEMPT_MS} ms after it sees it begin (forcePreemptNS: it preempts the goroutine, or takes the P when it finds it in a syscall, retake), so slices this long mean its checks came late or did not take hold, and the backlog waited for those Ps.`
      : e.sliceMs !== null && e.sliceMs > 3 * FORCE_PREEMPT_MS
        ? ` Slices that long are past what sysmon's preemption allows (forcePreemptNS, ${FORCE_PREEMPT_MS} ms after sysmon, looking at most ${FORCE_PREEMPT_MS} ms apart, saw the slice begin): the running goroutines were not preempted, because their threads waited for CPUs (more Ps than the CPUs the process gets, or a CPU quota's throttling) or preemption was off (GODEBUG=asyncpreemptoff=1, or a loop without function calls before Go 1.14).`
        : e.sliceMs !== null && e.sliceMs > PREEMPTED_SLICE_MS && e.syscalls === undefined
          ? ` Slices that long are past the about ${2 * FORCE_PREEMPT_MS} ms that sysmon's preemption allows a goroutine whose thread has a CPU (sysmon, looking at most ${FORCE_PREEMPT_MS} ms apart, notes the slice at its next look and preempts it forcePreemptNS, ${FORCE_PREEMPT_MS} ms, later): the Ps' threads, or sysmon's, likely waited for a CPU through part of them (more busy Ps than the CPUs the process gets, or a CPU quota's throttling), so a goroutine ran for only part of its slice. Preemption turned off (GODEBUG=asyncpreemptoff=1, or a loop without function calls before Go 1.14) makes slices this long too.`
          : '';
  // Slices of an ordinary length that span many syscalls each: the Ps were held by system calls
  // (exitsyscall's fast path runs the goroutine on without a schedule; a longer call keeps the P
  // until sysmon's retake hands it off), and more CPU for Go code is not what they wait for.
  const syscallBound = unpreempted === '' && e.syscalls !== undefined && e.syscalls >= 2 * e.dispatches;
  const perSchedule = Math.round((e.syscalls ?? 0) / Math.max(1, e.dispatches));
  const heldBySyscalls = syscallBound
    ? ` The P lines show ${e.syscalls} syscalls against ${e.dispatches} schedules (${perSchedule} per schedule)${e.inSyscallPeak !== undefined ? `, and the G lines up to ${e.inSyscallPeak} ${e.inSyscallPeak === 1 ? 'goroutine' : 'goroutines'} in a system call at one dump (status 3)` : ''}: the running goroutines made system calls through their slices. One back from a short call takes its own P again without a schedule (exitsyscall's fast path), and one in a longer call keeps its P until sysmon's retake hands it off (at its second look at the call: 20 µs to about 20 ms), so part of the Ps' busy time went to the kernel on those calls rather than to Go code.`
    : '';
  const syscallAdvice = syscallBound
    ? ` The goroutines make ${perSchedule} system calls per schedule: bound how many make blocking calls at once (a small pool for exec, file or cgo work) and batch small calls.`
    : '';
  // Threads busy well beyond the Ps' own: goroutines in blocking syscalls or cgo calls hold them
  // (or LockOSThread). One that returns finds no idle P and queues (exitsyscall → globrunqput),
  // and until sysmon's retake a P stays with a goroutine in a syscall (_Psyscall; from Go 1.26
  // _Prunning): busy Ps and a backlog, with the CPUs maybe not the limit.
  const manyThreads = e.busyThreadsPeak > threadLimit(e.gomaxprocs);
  // The M lines say which: threads locked by LockOSThread beyond the Ps' own are not in syscalls.
  const locked = manyThreads && e.lockedThreads !== null && e.lockedThreads >= e.busyThreadsPeak - e.gomaxprocs;
  const syscalls = locked
    ? ` Up to ${e.busyThreadsPeak} threads were busy for ${e.gomaxprocs} Ps, ${e.lockedThreads} of them locked to goroutines (LockOSThread; the M lines show lockedg): a locked goroutine runs only on its own thread, so each time a P picks one it hands itself to that thread (startlockedm) and its own M stops. The backlog is locked goroutines waiting for a P.`
    : manyThreads && e.globalPeak === 0
      ? // exitsyscall0 (exitsyscallNoP from Go 1.26) puts a goroutine that finds no idle P on the
        // global queue: an empty one in every dump says the backlog is not such goroutines.
        ` Up to ${e.busyThreadsPeak} threads were busy for ${e.gomaxprocs} Ps: goroutines in blocking syscalls or cgo calls, or locked to threads (LockOSThread), hold them. The backlog is not goroutines back from syscalls, though: one that finds no idle P goes to the global queue (exitsyscall0, exitsyscallNoP from Go 1.26 → globrunqput), which was empty at every dump; it sat on the Ps' rings, where goroutines readied on a P wait (with scheddetail the M lines say which threads are locked, the G lines which goroutines are in syscalls).`
      : manyThreads
        ? ` But up to ${e.busyThreadsPeak} threads were busy for ${e.gomaxprocs} Ps: goroutines in blocking syscalls or cgo calls, or locked to their threads (LockOSThread), hold them; only scheddetail's M and G lines tell which. One back from a syscall that finds no idle P waits in the run queues (exitsyscall → globrunqput), as a preempted one does (gopreempt_m → globrunqput), so part of this backlog may be such goroutines and the Ps, not necessarily the CPUs, the limit.`
        : '';
  if (e.cpuStarvedDumps === 0 && e.handoffPeak !== undefined) {
    // idleprocs counts the idle list only; a P handed to an M that has not run yet is off it.
    const lockedNote =
      e.lockedThreads !== null && e.lockedThreads > 0
        ? ` ${e.lockedThreads} Ms held goroutines locked to them (LockOSThread, the M lines' lockedg): each time a P picks one it hands itself to that goroutine's thread (startlockedm) and its own M stops, so every dispatch of a locked goroutine waits for a thread switch.`
        : '';
    return {
      explanation: `CPU saturation, the Ps waiting for threads: no P was on the idle list (idleprocs=0) ${e.gapDumps === 0 ? `in ${seenIn(e)} while ${waited}` : `and goroutines waited in ${seenIn(e)}; there ${waited}`}. But the P lines show up to ${e.handoffPeak} of ${e.gomaxprocs} Ps running nothing (status 0, m=nil): each had been handed to an M that had not started running yet (startm, or startlockedm, set mp.nextp and woke the thread), whose thread was waiting for a CPU. So not every P was running a goroutine; the backlog waited for threads to get a CPU as much as for Ps. A runnable goroutine waited ${queued}.${turns}${lockedNote}${unpreempted}${heldBySyscalls}${resizedNote(e)}`,
      suggestion:
        lockedNote !== ''
          ? 'Run fewer locked goroutines at once, or lock only the goroutines that need their thread: every dispatch of one switches threads (startlockedm). If GOMAXPROCS is above the CPUs the process gets, lower it to the CPU limit.'
          : `GOMAXPROCS is above the CPUs the process gets (a container CPU limit, or other processes on the cores): set GOMAXPROCS to the CPU limit, or give the process more CPU.${syscallAdvice}`,
    };
  }
  // idleprocs counts the idle list only: without the P lines a P off it may also be held by a
  // goroutine in a syscall (_Psyscall up to Go 1.25, _Prunning from Go 1.26) or handed to a thread
  // that has not run yet (startm sets mp.nextp).
  const offIdleList =
    'running a goroutine or, as only scheddetail could tell (P status 2 up to Go 1.25, G status 3 from 1.26), in a syscall or handed to a thread that had not started yet (startm)';
  const busyPs =
    e.syscallPsPeak === 0
      ? 'No P was free, so nothing could steal: the P and G lines, at the dumps that print them, show every P running a goroutine and none held by one in a system call'
      : e.syscallPsPeak !== undefined
        ? `No P was free, so nothing could steal, but not every P ran Go code: at one dump the P and G lines show up to ${e.syscallPsPeak} of the ${e.gomaxprocs} Ps held by goroutines in system calls (status=2, _Psyscall, up to Go 1.25; from Go 1.26 the P stays status=1 and its goroutine shows status=3), each kept until the call returns or sysmon's retake hands the P off. A P takes from the others' queues only once its own work runs out (findRunnable → stealWork), so the backlog waited its turn`
        : e.gomaxprocs === 1
          ? `The one P was never free: it was ${offIdleList}, so the backlog waited its turn`
          : `No P was free: each was ${offIdleList}. A P takes from the others' queues only once its own work runs out (findRunnable → stealWork), so the backlog waited its turn`;
  if (e.cpuStarvedDumps === 0)
    return {
      explanation: `CPU saturation, every P busy: ${e.gapDumps === 0 ? `no P was idle in ${seenIn(e)} while ${waited}` : `no P was idle and at least one goroutine per P waited in ${seenIn(e)}; there ${waited}`}. ${busyPs}; a runnable goroutine waited ${queued}.${turns}${unpreempted}${syscalls}${heldBySyscalls}${resizedNote(e)}${fallNote(e)}`,
      suggestion:
        fallAdvice(e) +
        (syscalls === ''
          ? `${turns === '' ? MORE_CPU : `${POLLING_ADVICE} If they do not, ${MORE_CPU[0]!.toLowerCase()}${MORE_CPU.slice(1)}`}${syscallAdvice}`
          : locked
            ? 'The locked goroutines want more CPU than GOMAXPROCS Ps give: run fewer of them at once, or give the process more CPU and Ps. Every dispatch of one also switches threads (startlockedm), so lock only the goroutines that need their thread, and let them run long slices.'
            : syscallBound
              ? `${syscallAdvice.trim()} If the CPUs have room, more Ps (GOMAXPROCS) let the others run sooner.`
              : 'Capture with GODEBUG=scheddetail=1 to see which: G lines with status=3 are in syscalls, M lines with lockedg= are locked threads. For syscalls, bound the blocking calls (a small pool for file, fsync or cgo work) so fewer goroutines come back at once; for locked goroutines, run fewer at once. If the CPUs have room, more Ps (GOMAXPROCS) let them run sooner.'),
    };
  const busy = e.dumps - e.cpuStarvedDumps;
  const lead =
    busy > 0
      ? `CPU saturation: ${e.gapDumps === 0 ? `every P busy with a backlog in ${busy} of ${seenIn(e)}` : `a backlog in ${seenIn(e)}, every P busy in ${busy} of them`}; in the other ${e.cpuStarvedDumps} up to ${e.idleprocsPeak} of ${e.gomaxprocs} Ps were idle beside the backlog while an M was spinning, probably because the CPUs, not the Ps, ran out`
      : `Probably CPU saturation outside the Ps: in ${seenIn(e)} up to ${e.idleprocsPeak} of ${e.gomaxprocs} Ps were idle beside the backlog while an M was spinning`;
  return {
    explanation: `${lead}; ${waited}. A spinning M that runs takes waiting work within microseconds (globrunqget, stealWork → runqgrab), so its thread was waiting for a CPU: the OS had more runnable threads than cores for this process, and wakep starts the next M only once the spinning one finds work, so Ms came up one at a time. A runnable goroutine waited ${queued}.${turns}${unpreempted}${resizedNote(e)}`,
    suggestion:
      'GOMAXPROCS is above the CPUs the process gets (a container CPU limit, or other processes on the cores). Set GOMAXPROCS to the CPU limit (Go 1.25+ does so under a cgroup limit, rounded up and at least 2, for a main module declaring go 1.25 or later, unless GOMAXPROCS is set), or give the process more CPU.',
  };
}

/**
 * The wait behind backlogPerP slices when no schedtick measures them. sysmon's forcePreemptNS bounds
 * a slice only where preemption is asynchronous (preemption.ts), and only in the wall time of threads
 * that have a CPU: with more Ps than the CPUs the process gets, a preempted thread waits for a core.
 */
function unmeasuredWait(backlogPerP: number, queueingMs: number, preemption: Preemption): string {
  const slices = `up to ${backlogPerP} time slices before it ran`;
  // retake preempts a goroutine that has run forcePreemptNS when sysmon looks, and sysmon sleeps
  // up to 10 ms between looks: a slice ends within about twice forcePreemptNS.
  const bound = `each at most about ${2 * FORCE_PREEMPT_MS} ms while the Ps' threads have a CPU (sysmon preempts a goroutine that has run ${FORCE_PREEMPT_MS} ms, forcePreemptNS, when it looks, and it looks at most ${FORCE_PREEMPT_MS} ms apart), so at most about ${fmtMs(2 * backlogPerP * FORCE_PREEMPT_MS)}, longer where the threads wait for CPUs (more Ps than the CPUs the process gets, or a CPU quota's throttling)`;
  const unmeasured =
    'this log prints no schedticks to measure the slices, and goroutines that block or yield sooner wait less';
  if (preemption === 'async') return `${slices}, ${bound}; ${unmeasured}`;
  if (preemption === 'cooperative')
    return `${slices}, with no upper bound: this release predates asynchronous preemption (Go 1.14; its P lines print no timerslen), so sysmon's request after forcePreemptNS (${FORCE_PREEMPT_MS} ms) is seen only at the running goroutine's next function call, and a loop without calls keeps its P until it blocks or ends (slices of ${FORCE_PREEMPT_MS} ms would make about ${fmtMs(queueingMs)}); ${unmeasured}`;
  return `${slices}; on Go 1.14 and later ${bound}; Go 1.5 to 1.13, whose summary line is the same, preempt only at a function call, where a loop without calls keeps its P and the wait has no bound; ${unmeasured}`;
}

/**
 * The dumps an episode's backlog was seen in: "N consecutive dumps", or, where it went on through
 * dumps without it (SATURATION_GAP_DUMPS), "N of M dumps" and the gaps' bound.
 */
function seenIn(e: SaturationEvidence): string {
  const r = e.resizeDumps;
  const resized = `right after a GOMAXPROCS change`;
  if (e.gapDumps === 0)
    return r === 0
      ? `${e.dumps} consecutive dumps`
      : `${e.dumps} dumps in a row but for ${r === 1 ? 'the one' : `the ${r}`} ${resized}`;
  const seen = `${e.dumps} of ${e.dumps + e.gapDumps} dumps ${IN_PHASES}`;
  return r === 0 ? seen : `${seen}, leaving out ${r} ${resized}`;
}

/** Why seenIn leaves out the dumps right after a GOMAXPROCS change (a sentence, or nothing). */
function resizedNote(e: SaturationEvidence): string {
  return e.resizeDumps === 0
    ? ''
    : ' A dump right after a GOMAXPROCS change counts neither way: procresize leaves nothing of the same size to compare it with.';
}

/**
 * The fall of GOMAXPROCS an every-P-busy backlog came after (afterFall; a sentence, or nothing). Not
 * said where Ps stood idle beside the backlog or waited for threads: there the CPUs ran out, and
 * more Ps would not have run the goroutines sooner.
 */
function fallNote(e: SaturationEvidence): string {
  const fall = e.afterFall;
  if (fall === undefined) return '';
  const ps = e.gomaxprocs === 1 ? 'one P' : `${e.gomaxprocs} Ps`;
  return ` The backlog came after GOMAXPROCS fell from ${fall.from} to ${e.gomaxprocs} at ${fall.tMs} ms (gomaxprocs-change): procresize left the run's goroutines ${ps} to run on where there had been ${fall.from}.`;
}

/** Advice for a backlog that came after GOMAXPROCS fell (afterFall), before the rest; or nothing. */
function fallAdvice(e: SaturationEvidence): string {
  const fall = e.afterFall;
  return fall === undefined
    ? ''
    : `GOMAXPROCS was lowered from ${fall.from} to ${e.gomaxprocs} before this backlog (a runtime.GOMAXPROCS call, or from Go 1.25 the runtime following a lowered CPU limit): if fewer Ps were not meant, restore them. `;
}

/** How an episode with dumps without the backlog went on through them. */
const IN_PHASES = `(in phases: the backlog was gone at ${SATURATION_GAP_DUMPS === 1 ? 'single dumps' : `up to ${SATURATION_GAP_DUMPS} dumps in a row`}, or at ${SATURATION_SERIAL_GAP_DUMPS} in a row in which a P still ran, a serial step, and came back after each)`;
