/**
 * The numbers each finding kind rests on, one record type per kind (a discriminated union through
 * Finding.kind). Arrays are copies: no evidence refers to a timeline point's own arrays.
 */

export interface SaturationEvidence {
  gomaxprocs: number;
  /** Runnable goroutines waiting (global + rings), mean and peak over the episode. */
  waitingMean: number;
  waitingPeak: number;
  /** Waiting goroutines per running P: how many time slices a runnable goroutine queues behind. */
  backlogPerP: number;
  backlogPerPPeak: number;
  /**
   * The sums behind the two means, over the episode's backlog dumps. Merged hit by hit, a mean
   * rounded at every step stops moving once the episode is long (a change of 10 goroutines moves
   * the mean of 200 dumps by less than the rounding): the means are taken from the sums instead.
   */
  waitingSum: number;
  backlogSum: number;
  /**
   * Dumps in which Ps were idle beside the backlog while an M was spinning: the spinning M was not
   * running (a running one steals within microseconds), so the threads waited for a CPU of the OS.
   */
  cpuStarvedDumps: number;
  /** Most idle Ps in such a dump (0 when every P was busy throughout). */
  idleprocsPeak: number;
  /** Observed time slice (ms per schedule per P, from schedtick deltas), or null when not printed. */
  sliceMs: number | null;
  /**
   * Σ syscalltick deltas (scheddetail P lines) of the dumps where they outnumbered the schedules: a
   * goroutine back from a syscall on its own P runs on without a schedule, so a "slice" spans its
   * syscalls.
   */
  syscalls?: number;
  /**
   * Most goroutines in a system call at one dump (scheddetail G lines, status 3 `_Gsyscall`). Absent
   * when no dump showed one.
   */
  inSyscallPeak?: number;
  /**
   * Most Ps at one dump that idleprocs did not count but whose P line says _Pidle with no M
   * (scheddetail): handed to an M that had not started running (startm or startlockedm set
   * mp.nextp and woke its thread). Absent when no dump showed one.
   */
  handoffPeak?: number;
  /** Schedules counted (Σ schedtick deltas) and the running-P milliseconds they cover, behind sliceMs. */
  dispatches: number;
  dispatchMs: number;
  /** backlogPerP × slice: the queueing a runnable goroutine sees before it runs. */
  queueingMs: number;
  globalPeak: number;
  /**
   * The longest ring that stood far above the others (lopsidedRing; 0 when none did) and its P:
   * goroutines created or readied on a P wait on its ring until it runs them or a P with no work
   * of its own steals half. The backlog's shape.
   */
  ringPeak: number;
  ringPeakP: number;
  /** threads − idlethreads at the peak: Ms that hold a P or spin, or are in syscalls, cgo calls or locked. */
  busyThreadsPeak: number;
  /** Of those, the Ms locked to a goroutine (M lines' lockedg, LockOSThread); null when the dumps print no M lines. */
  lockedThreads: number | null;
  /** Dumps with the backlog. */
  dumps: number;
  /**
   * The run's GOMAXPROCS had fallen to this episode's count before the backlog began: the count
   * before the fall and when the fall was seen (its gomaxprocs-change's first or last change, the
   * two with a time; noteSaturationAfterFall, at the run's end). Absent otherwise.
   */
  afterFall?: { from: number; tMs: number };
  /**
   * Dumps inside the episode without it: CPU-bound work in phases drops its backlog for a dump
   * (saturation's SATURATION_GAP_DUMPS). 0 when the backlog was in every dump.
   */
  gapDumps: number;
  /**
   * Dumps inside the episode that came first after a GOMAXPROCS change: procresize left nothing of
   * their size to compare them with, so they neither had the backlog nor broke it (0 without a change).
   */
  resizeDumps: number;
  /**
   * With scheddetail: the most Ps at one backlog dump held by a goroutine in a system call
   * (status=2 `_Psyscall` up to Go 1.25; from Go 1.26 status=1 with the goroutine in status 3, an
   * upper bound: syscallPs). 0 when the dumps with P lines showed none; absent without P lines.
   */
  syscallPsPeak?: number;
}

export interface GcPressureEvidence {
  gomaxprocs: number;
  cycles: number;
  /** The time those cycles ended in: from the dump before the first with cycles to the last. */
  spanMs: number;
  cyclesPerSecond: number;
  /**
   * GC CPU by the gctrace lines' `cpu` fields (stop-the-world as printed, assists, dedicated and
   * fractional workers; idle marking left out, as the runtime leaves it out) over the Ps' time
   * (GOMAXPROCS × wall clock) in the episode, percent.
   */
  gcCpuPercent: number;
  /** The runtime's own figure on the last gctrace line: GC's CPU share since the program started. */
  runtimeCpuPercent: number;
  /**
   * The runtime's cumulative figure before the episode's first cycle (0 at the program's start) and
   * at its last: `at` ms since start, `percent` as printed.
   */
  runtimeFrom: { atMs: number; percent: number };
  runtimeTo: { atMs: number; percent: number };
  /**
   * GC's share of the Ps' time in the episode by the runtime's own accounting, from the two
   * cumulative figures (runtimeSpanShare), or null when they cannot give it within 2 points.
   */
  runtimeSpanPercent: number | null;
  /** Whether GOMAXPROCS held in the run up to the episode's end (the cumulative figure is per P). */
  gomaxprocsHeld: boolean;
  /**
   * The episode's sums of the cycles' figures (ms, to the microsecond gctrace prints): summed to a
   * tenth at every hit, the small figures of a log read every few ms (a stop-the-world of 0.02 ms a
   * dump) would round away.
   */
  assistCpuMs: number;
  backgroundCpuMs: number;
  /** Wall clock of the stop-the-world phases, and their CPU as the cpu fields print it. */
  stwMs: number;
  stwCpuMs: number;
  /** Stop-the-world phases longer than a P's thread can wait for a CPU (GcSample.stwOverCpuWait). */
  stwOverCpuWait: number;
  /**
   * The stop-the-world phases' wall clock over the episode's span, percent: the share of the time the
   * world was stopped or stopping (gcStart stamps tSweepTerm before stopTheWorldWithSema).
   */
  stwSharePercent: number;
  /** The wall-clock window (ms since start) the share is over: first cycle's start to the last dump. */
  stwWindow: { fromMs: number; toMs: number };
  markMs: number;
  /** Ps given to dedicated mark workers per cycle (gcControllerState.startCycle). */
  dedicatedWorkers: number;
  /** Global-queue jumps during GC that no 129-step explains: dedicated workers' runqdrain. */
  drainJumps: number;
  /** Cycles gctrace marks `(forced)`: runtime.GC or debug.FreeOSMemory (work.userForced), never sysmon's periodic GC. */
  forcedCycles: number;
  /**
   * The latest heap goal and the live heap of the cycle before it (MB), from which the pacer set
   * it (GOGC=100: about twice the live heap); null before two cycles were seen.
   */
  heap: { goalMB: number; liveBeforeMB: number } | null;
  /** The longest single stop-the-world phase in the episode (gctrace's wall clock), with its cycle. */
  longestPause: GcPause;
  /**
   * Whether the cycles were sustained pressure (GC_DUMPS dumps in a row); false when only a long
   * stop-the-world made the episode.
   */
  sustained: boolean;
  /**
   * Sustained by cycles too far apart for dumps in a row: one cycle's CPU came to GC_CPU_PERCENT of
   * the Ps' time since the cycle before (long marks of a large heap).
   */
  spaced: boolean;
  /** The episode's first gctrace cycle (1: it began with the process's first collection) and its heap goal (MB). */
  fromCycle: number;
  fromGoalMB: number;
  /**
   * Goroutines parked in semacquire, not named by a Go 1.20+ wait reason, at dumps within the
   * episode: a lock-contention reading folded in (foldGcStartWaits), since allocators wait there in
   * gcStart when cycles come back to back.
   */
  gcStartWaits?: { waitersPeak: number; dumps: number };
  /**
   * Goroutines queued beside idle Ps while an M spun, at dumps within the episode: a saturation
   * reading of the cpu-starved kind only, folded in (foldGcRestartBacklog), since every stop of the
   * world queues the goroutines it preempted and start-the-world brings the Ms back one at a time.
   */
  restartBacklog?: { dumps: number; waitingPeak: number; idleprocsPeak: number };
}

export interface GcPause {
  ms: number;
  cycle: number;
  atMs: number;
  phase: 'sweep termination' | 'mark termination';
}

export interface IdleWithWorkEvidence {
  gomaxprocs: number;
  idleprocs: number;
  idleprocsPeak: number;
  waiting: number;
  waitingPeak: number;
  /** The busiest ring at the last dump, or -1 when the work waits in the global queue only. */
  busiestP: number;
  dumps: number;
}

export interface ThreadGrowthEvidence {
  gomaxprocs: number;
  threadsBefore: number;
  /** threads, idlethreads, lockedThreads and busyThreads: the dump of the busy peak (busyThreadsPeak). */
  threads: number;
  threadsPeak: number;
  idlethreads: number;
  /** Ms held by LockOSThread (M lines with lockedg, or nmidlelocked), null without scheddetail. */
  lockedThreads: number | null;
  /** threads − idle − locked: Ms that are running, spinning, or blocked in syscalls/cgo. */
  busyThreads: number;
  busyThreadsPeak: number;
  limit: number;
  /** Goroutines in _Gsyscall (scheddetail), null without it. */
  inSyscall: number | null;
}

export interface LocalOverflowEvidence {
  gomaxprocs: number;
  globalBefore: number;
  globalAfter: number;
  growth: number;
  /** k: whole overflows of 129 (runqputslow). */
  overflows: number;
  /** growth − k×129: Gs other paths added (+) or the fairness pick and batches took (−) meanwhile. */
  remainder: number;
  tolerance: number;
  /** The ring the overflow is pinned on, before and after (null when no ring is evidence). */
  ringBefore: number | null;
  ringAfter: number | null;
  /** Whether a single dump showed the signature (runqueue = k×129 beside a ring at 128). */
  singleDump: boolean;
  /** The global queue now holds k×129 (± remainder): what it held before was taken first. */
  drainedFirst: boolean;
  /**
   * With no ring evidence in this interval: when this run last showed an overflow with ring
   * evidence (the first one), which is what makes the jump a possible overflow at all.
   */
  earlierOverflowMs: number | null;
  /**
   * When the growth fits no multiple of 129: what the rings empty before hold now (heldByWoken),
   * whose sum with the growth does fit. Consistent with taken batches, not evidence.
   */
  heldByWoken: number | null;
  /**
   * With no ring evidence: the most the network poller and a P's own paths together could have put
   * on the global queue in the interval, when the growth passed it (netpollGlobalBound); else null.
   */
  pollerBound: number | null;
  /**
   * The G lines showed no goroutine in IO wait at the dumps read in the run (NetworkWaitSeen): the
   * poller readied none, and pollerBound counts only injectglist's other callers besides a P's paths.
   */
  pollerExcluded: boolean;
  /**
   * Dumps of the episode with Ps idle beside a whole spill (129 or more on the global queue) while
   * every M at work was spinning (each P not idle held by a spinning M, and no other thread busy
   * but sysmon): the spinner was the one putting the goroutines there (spinnerEvidence in
   * local-overflow.ts). 0 when none.
   */
  spinnerAtWorkDumps: number;
  /** The most Ps idle at those dumps. */
  spinnerAtWorkIdlePeak: number;
}

/** injection-burst read from a jump of the global queue (summary lines). */
export interface GlobalArrivalEvidence {
  via: 'global-queue';
  gomaxprocs: number;
  globalBefore: number;
  globalAfter: number;
  growth: number;
  maxLocal: number;
  idleBefore: number;
  /** Most Gs preemption, Gosched and syscall returns could have added (one per time slice), null without schedticks. */
  preemptionBound: number | null;
  /** Most Gs forced preemption (one per running P per 10 ms) and syscall returns could have added. */
  timeBound: number;
  /** The growth fits k×129 too, with no ring seen near full (an unseen overflow is not excluded). */
  fitsOverflow: boolean;
  /** The time between the dumps the growth was read over (summed over an episode's intervals), null without dump times. */
  intervalMs: number | null;
}

/** injection-burst read from the G lines of scheddetail dumps: the fall of the IO wait count. */
export interface IoWaitDropEvidence {
  via: 'io-wait';
  gomaxprocs: number;
  /** Gs in IO wait (parked in netpollblock) at the episode's first earlier dump and at its last dump. */
  ioWaitBefore: number;
  ioWaitAfter: number;
  /** The fewest Gs woken from IO wait: the falls of the count, summed over the episode. */
  woken: number;
  /** Runnable Gs at the later dump that had the most over the episode (and at the dump before it), and that dump's queues. */
  runnableBefore: number;
  runnable: number;
  globalAfter: number;
  maxLocal: number;
  /**
   * The most goroutines parked for a sync lock at one of the wave's dumps, where more were than at
   * the dump before (woken goroutines that ran into a lock they share), or where a lock-contention
   * reading of that dump alone was folded into the wave (foldWaveLockWaits).
   */
  lockWaiters?: number;
  /** Parked for a sync lock at the dump before the one of lockWaiters (unset where a fold gave lockWaiters). */
  lockWaitersBefore?: number;
}

export type InjectionBurstEvidence = GlobalArrivalEvidence | IoWaitDropEvidence;

export interface ImbalanceEvidence {
  gomaxprocs: number;
  maxLocal: number;
  maxLocalPeak: number;
  othersMean: number;
  idleprocs: number;
  runq: number[];
}

export interface LockContentionEvidence {
  gomaxprocs: number;
  /** The wait reasons name the lock (Go 1.20+); false: "semacquire", which WaitGroups print too up to Go 1.23 (and every sync lock before 1.20). */
  named: boolean;
  /** Goroutines parked for locks at the episode's peak dump, and summed over its dumps. */
  waitersPeak: number;
  waitersSum: number;
  /** At the peak dump: waiting goroutines by reason (sync.Mutex.Lock, sync.RWMutex.Lock, sync.RWMutex.RLock, semacquire). */
  mutex: number;
  rwLock: number;
  rwRLock: number;
  semacquire: number;
  /** At the peak dump: every goroutine (G lines), idle Ps and runnable goroutines. */
  goroutines: number;
  idleprocs: number;
  runnable: number;
  dumps: number;
  /** Dumps inside the episode without enough waiters (one at a time: the check's merge gap). */
  gapDumps: number;
}

export interface GoroutineLeakEvidence {
  /** The wait reason whose count piled up ('leaked' when only the runtime's detector said so). */
  reason: string;
  /** Goroutines parked with it where the streak began, at the latest dump, and at its highest. */
  from: number;
  to: number;
  peak: number;
  /** Dumps of the streak that set a new high, of all its dumps. */
  newHighs: number;
  streakDumps: number;
  /** From the streak's first dump to the latest (null without times). */
  streakMs: number | null;
  /** Goroutines in status 10 (_Gleaked) at the latest dump. */
  leaked: number;
  /** Every G line of the latest dump. */
  goroutines: number;
  gomaxprocs: number;
  /** The largest other pile-up that set new highs over the same dumps (another wait reason). */
  beside?: { reason: string; from: number; peak: number };
  /**
   * Before Go 1.20, the lock-contention reading of the same semacquire pile-up, folded into this
   * finding (foldSemacquireContention): its peak of waiters and its dumps.
   */
  lockReading?: { waitersPeak: number; dumps: number };
}

export interface GomaxprocsChangeEvidence {
  /** GOMAXPROCS before the episode's first change and after its last. */
  from: number;
  to: number;
  globalBefore: number;
  globalAfter: number;
  /** Summed over the episode's falls. */
  queuedOnRemovedPs: number;
  /** Changes seen (one per dump whose P count differs from the dump before), and how many were falls. */
  changes: number;
  falls: number;
  /** GOMAXPROCS from the first dump on, one value per change, the first GOMAXPROCS_PATH_CAP + 1. */
  path: number[];
}

export interface RestartEvidence {
  run: number;
  /** The panic/fatal error line printed before the restart, when the log has one. */
  exitText: string | null;
  /** Without one, the last line of other output before the restart and its input line (Snapshot.priorOutput). */
  priorOutput: { text: string; line: number } | null;
  /** The run's first dump's time (ms): about 0 for a new process (FIRST_DUMP_MS); null when not printed. */
  firstMs: number | null;
  /** Set when the run began beside another process that went on, not after one that died (decideBeside). */
  interleaved?: boolean;
  /**
   * With `interleaved`: how many runs of the stream began so (the processes that started in it),
   * given once, on the first of them (collapseBeside).
   */
  processes?: number;
  /**
   * The restarts of this stream after the same last words, their times left out (noteExitLoop),
   * when there are two or more: how many, their runs (the first few), "at least" past the cap.
   */
  sameLastWords?: { restarts: number; runs: number[]; atLeast: boolean };
}

export interface CrashDumpEvidence {
  exitText: string | null;
  goroutines: number;
  running: number;
  runnable: number;
  runqueue: number;
  /**
   * The crash dumps of this stream that died with the same message (noteCrashLoop), when there are
   * two or more: how many, their runs (the first few), and how long after its start each process
   * died (schedtrace's clock starts with the process).
   */
  sameExit?: { crashes: number; runs: number[]; uptimeMs: { min: number; max: number }; atLeast: boolean };
}

export interface GcStopEvidence {
  gcwaiting: boolean;
  stopwait: number;
  gcstopPs: number;
  gomaxprocs: number;
  /**
   * Of the run's dumps (scheddetail dumps, or every dump when read from the counts), those inside a
   * stop-the-world: over the whole run once it ended (gcStop.settle), up to the episode's latest in a
   * live run's episode.
   */
  stoppedDumps: number;
  runDumps: number;
  /** Most goroutines parked in "GC assist wait" (gcParkAssist) at one dump of the run (so far, while live). */
  assistWaitPeak: number;
  /** Whether the run printed gctrace cycles (then gc-pressure gives the stop-the-world share). */
  gctrace: boolean;
  /** A share of GC_STOP_SHARE_PERCENT or more over GC_STOP_DUMPS or more, with no gctrace: a finding, not a note. */
  sustained: boolean;
  /**
   * Set when the stops were read from summary dumps' counts, which print no gcwaiting
   * (trace/stopped-world.ts): the most Ps off the idle list beyond the awake Ms that could hold them.
   */
  unheldPs?: number;
  /**
   * With scheddetail: the reasons the stopping M printed (m.preemptoff) at the run's dumps inside a
   * stop, with how many dumps each (stop-reasons.ts); absent when none printed one.
   */
  stopReasons?: StopReasonCount[];
}

export interface ModelDivergenceEvidence {
  queuedBefore: number;
  queuedAfter: number;
  leftQueues: number;
  schedticks: number;
  slack: number;
}

export interface InvariantViolationEvidence {
  violated: string;
  field: string;
  value: number;
}

export interface EvidenceByKind {
  saturation: SaturationEvidence;
  'gc-pressure': GcPressureEvidence;
  'idle-with-work': IdleWithWorkEvidence;
  'thread-growth': ThreadGrowthEvidence;
  'local-overflow': LocalOverflowEvidence;
  'injection-burst': InjectionBurstEvidence;
  imbalance: ImbalanceEvidence;
  'lock-contention': LockContentionEvidence;
  'goroutine-leak': GoroutineLeakEvidence;
  'gomaxprocs-change': GomaxprocsChangeEvidence;
  restart: RestartEvidence;
  'crash-dump': CrashDumpEvidence;
  'gc-stop': GcStopEvidence;
  'model-divergence': ModelDivergenceEvidence;
  'invariant-violation': InvariantViolationEvidence;
}

export type EvidenceOf<K extends keyof EvidenceByKind> = EvidenceByKind[K];
import type { StopReasonCount } from './checks/stop-reasons.js';
