/**
 * The Go runtime's scheduler constants, defined once (src/runtime/runtime2.go and proc.go). Every
 * rule, parser and model that reasons about them imports them from here.
 */

/** Slots in a P's local run queue ring (runtime2.go: `runq [256]guintptr`). */
export const LOCAL_RUNQ_CAPACITY = 256;
/** runqputslow moves the oldest half of a full ring: 128 Gs. */
export const RUNQ_HALF = LOCAL_RUNQ_CAPACITY / 2;
/** One overflow (runqputslow): the oldest 128 ring Gs plus the G being put go to the global queue. */
export const OVERFLOW_BATCH = RUNQ_HALF + 1;
/** globrunqget / globrunqgetbatch take at most this many: min(size/gomaxprocs+1, size, 128). */
export const GLOBRUNQ_BATCH_MAX = RUNQ_HALF;
/**
 * netpoll reads at most 128 events per call on Linux (netpoll_epoll.go: `var events [128]`, the same
 * in Go 1.13 and 1.26; kqueue on macOS and the BSDs reads 64, netpoll_kqueue.go); injectglist
 * without a P (sysmon; a blocking netpoll that found no idle P) puts what they ready on the global queue, so a wave of
 * descriptors with one goroutine waiting on each arrives there in steps of about 128, one short of
 * an overflow. An event readies both the reader and the writer parked on its descriptor
 * (netpollready: rg and wg), so a call may ready up to 256 where both wait; the rules that bound
 * the poller by 128 a call say they assume one waiter per descriptor.
 */
export const NETPOLL_BATCH = 128;
/** sysmon polls the network only when nobody has for this long ("poll network if not polled for more than 10ms"). */
export const SYSMON_NETPOLL_MS = 10;
/** findRunnable (schedule up to Go 1.18) takes one G from the global queue when p.schedtick % 61 == 0 (fairness). */
export const FAIRNESS_TICK = 61;
/** sysmon preempts a G that ran longer than forcePreemptNS (10 ms). */
export const FORCE_PREEMPT_MS = 10;
/**
 * forcegcperiod (proc.go): sysmon has forcegchelper start a GC cycle when none ran for 2 minutes, a
 * gcTriggerTime cycle that gctrace does not mark "(forced)" (only runtime.GC's gcTriggerCycle sets
 * work.userForced); with gctrace on, forcegchelper prints "GC forced" on a line of its own.
 */
export const FORCE_GC_PERIOD_MS = 2 * 60 * 1000;
/**
 * A process's first dump prints SCHED 0ms: schedtrace counts its time from its own first call
 * (proc.go: `var starttime`, set to nanotime() when still 0), which sysmon makes on its first loop
 * (its lasttrace starts at 0, so the period has passed). gctrace's `@` counts from runtimeInitTime
 * instead, which runtime.main sets just after it starts sysmon. A run that begins later than this after the clock went back is no
 * process's start; any margin would do, the first dump being at 0 exactly.
 */
export const FIRST_DUMP_MS = 20;
/**
 * freezeStopWait (proc.go): what freezetheworld sets sched.stopwait to, beside gcwaiting, when a
 * crashing process stops every goroutine for good. A dump printing it is a dying process's.
 */
export const FREEZE_STOP_WAIT = 0x7fffffff;
/** gcBackgroundUtilization (mgcpacer.go): the share of Ps the GC's background mark workers take. */
export const GC_BACKGROUND_UTILIZATION = 0.25;

/** P status values (runtime2.go _Pidle.._Pdead). */
export const P_IDLE = 0;
export const P_RUNNING = 1;
export const P_SYSCALL = 2;
export const P_GCSTOP = 3;
export const P_DEAD = 4;

/** G status values (runtime2.go _Gidle.._Gdeadextra). */
export const G_IDLE = 0;
export const G_RUNNABLE = 1;
export const G_RUNNING = 2;
export const G_SYSCALL = 3;
export const G_WAITING = 4;
export const G_DEAD = 6;
export const G_PREEMPTED = 9;
/** _Gleaked: the goroutine-leak detector (GOEXPERIMENT=goroutineleakprofile) found it unreachable. */
export const G_LEAKED = 10;
/** The _Gscan bit ORed into a G's status while the GC scans its stack. */
export const G_SCAN_BIT = 0x1000;

/**
 * gcControllerState.startCycle (mgcpacer.go): the 25% background goal split into dedicated mark
 * workers (rounded to nearest) and, when that rounded up by more than 30% of the goal, one worker
 * fewer covered by a fractional worker (its per-P share of the time): none at 1 to 3 Ps.
 */
export function markWorkers(gomaxprocs: number): { dedicated: number; fractional: number } {
  const goal = gomaxprocs * GC_BACKGROUND_UTILIZATION;
  let dedicated = Math.floor(goal + 0.5);
  let fractional = 0;
  const utilError = goal > 0 ? dedicated / goal - 1 : 0;
  if (utilError < -0.3 || utilError > 0.3) {
    if (dedicated > goal) dedicated--;
    fractional = (goal - dedicated) / gomaxprocs;
  }
  return { dedicated, fractional };
}

/** Dedicated mark workers for a cycle (see markWorkers). */
export function dedicatedMarkWorkers(gomaxprocs: number): number {
  return markWorkers(gomaxprocs).dedicated;
}

/**
 * Runtime goroutines a GC cycle's end puts in the run queues whatever the program does, one each:
 * bgsweep, readied by gcSweep (mgc.go) and yielding while it sweeps (gosched_m → goschedImpl puts it
 * on the global queue), and bgscavenge, woken once sweeping is done (readyForScavenger in Go 1.15–1.18, scavenger.ready from 1.19;
 * in 1.13–1.14 wakeScavenger at mark termination). Up to Go 1.19
 * bgsweep calls Gosched after every span; from Go 1.20 only every sweepBatchSize (10) spans and
 * only when no P is idle or it was asked to preempt (mgcsweep.go bgsweep → goschedIfBusy), so beside
 * idle Ps it runs on instead of waiting. Either way it is at most one of the waiting: an upper bound.
 */
export const GC_BACKGROUND_RUNNABLE = 2;
