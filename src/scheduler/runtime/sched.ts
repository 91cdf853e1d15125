/**
 * The runtime's shared state, as proc.go keeps it in `sched` and `allp`: every runtime function in
 * this folder is a plain function over one Sched. The simulated program (../program/) reaches the
 * runtime only through the runtime-shaped calls in goroutine.ts; the machine (../machine/) says how
 * long CPU work takes on the cores there are.
 */
import type { Kernel } from '../../sim/kernel.js';
import type { Random } from '../../sim/random.js';
import type { Snapshot } from '../../trace/snapshot.js';
import type { G, M, P } from '../entities.js';
import type { Machine } from '../machine/machine.js';
import type { GcSpec } from '../../workload/spec.js';
import type { GoProfile } from '../profiles.js';
import { GlobalRunQueue, queuedCounter } from '../run-queue.js';
import { StealOrder } from '../steal-order.js';
import { RuntimeCounters } from './counters.js';

export const NONE = -1;

/** One GC cycle as a gctrace line printed it: sweep termination, concurrent mark, mark termination (ns). */
export interface GcCyclePlan {
  stwNs: number;
  markNs: number;
  markTermNs: number;
}
/**
 * A queue entry standing for a G replay seeded from an observed count: it becomes a G of the seed
 * group (Program.seededG) only when a P is about to run it, so a huge observed queue costs no memory.
 */
export { SEEDED } from '../run-queue.js';
export const MS = 1_000_000;
/** Ps tracked in the non-empty-queue bitmask; beyond it stealWork walks every P. */
export const MASK_PS = 1024;

/** What the runtime asks of the program running on it (the code of its goroutines). */
export interface Program {
  /** g's current stretch of CPU work on p has ended: its code decides what comes next. */
  runEnd(p: P, g: G): void;
  /** g has exited (or was superseded): it leaves its group. */
  gdead(g: G): void;
  /** A SEEDED queue entry is about to run on p: the G it stands for. */
  seededG(p: P): G;
}

export interface TraceOptions {
  periodMs: number;
  detail: boolean;
  onSnapshot: (s: Snapshot) => void;
}

export class Sched {
  program!: Program;
  readonly gs: G[] = [];
  readonly gfreeGlobal: number[] = [];
  nextGoid = 1;
  readonly allp: P[] = [];
  gomaxprocs: number;
  readonly ms: M[] = [];
  readonly idleMs: number[] = [];
  /** Idle threads that exist only as a count (a replay's observed `threads`): mget makes one an M when needed. */
  spareMs = 0;
  readonly idlePs: number[] = [];
  readonly global = new GlobalRunQueue();
  /** Gs in all local queues (rings + runnext). */
  readonly queued = queuedCounter(MASK_PS);
  /** stealWork's scratch: candidate victims and their ranks in the enumeration. */
  readonly candId = new Int32Array(MASK_PS);
  readonly candRank = new Int32Array(MASK_PS);
  readonly stealOrder = new StealOrder();
  /** Every execute since the start: a G taken off a run queue (or handed over) to run. */
  executions = 0;
  /** What the runtime did, counted as the patched real runtime counts it (counters.ts). */
  readonly counters = new RuntimeCounters();
  /** sysmon's retake is handing a P off (startm's new threads are counted as the retake's). */
  inRetake = false;
  /** startTheWorldWithSema is starting Ms for the Ps with work (counted apart, as the patch counts them). */
  inStartTheWorld = false;
  nmspinning = 0;
  needspinning = 0;
  gcwaiting = false;
  stopwait = 0;
  /**
   * Ps whose running G did not answer a stop-the-world's preemption (a loop that calls nothing,
   * without async preemption): the world stops, and its stop time starts, only once they stop.
   */
  stwHeld = 0;
  /** The start of the world a stop waits to schedule until stwHeld is 0 (arg, and the stop's length). */
  deferredStart: { arg: number; ns: number } | null = null;
  /** The machine's load when the last stop-the-world began: the threads that run again after it. */
  stwLoad = 1;
  /** Gs made ready by the network poller, not yet collected by a netpoll call. */
  readonly netReady: number[] = [];
  lastpoll = 0;
  /** The M blocked in findRunnable's netpoll(delay) until the next timer or I/O: no P, not idle. */
  netpollM = NONE;
  /** When netpollM blocked: its epoll_wait sleeps end on whole milliseconds from here (netpollWakeAt). */
  netpollSince = 0;
  /** How far past the millisecond grid that M's epoll_wait ends (the timer slack), drawn as it blocked. */
  netpollOvershootNs = 0;
  /** Pending timers (sleeping Gs) over all Ps: the sum of p.timers. */
  ntimers = 0;
  /** Gs waiting on the network poller. */
  netWaiters = 0;
  /** runqget's second result: the G came from runnext (it inherits the time slice). */
  inherit = false;
  /** The P a new G is allocated on (gfget's free list), while newproc1 runs. */
  curPForAlloc: P | null = null;
  /** The main goroutine's slot. */
  mainG = NONE;
  /** The cgo extra M's locked G (oneNewExtraM), NONE without cgo; its goid, which newproc1 skips. */
  extraG = NONE;
  extraGoid = 0;
  /** The M that panicked (fatalpanic), once one has. */
  dyingM = NONE;
  /** The template thread's M (newmHandoff.haveTemplateThread), once one was started. */
  templateThread = NONE;

  // GC (mgc.go, mgcpacer.go; see gc.ts)
  /** A cycle is under way (from its first stop-the-world to the end of mark termination). */
  gcCycleActive = false;
  /** The mark phase (gcBlackenEnabled). */
  gcMarking = false;
  gcMarkStartNs = 0;
  gcDedicatedLeft = 0;
  gcFractionalGoal = 0;
  /** Some G of the program allocates (behaviour.allocMBps): gcMarkDone looks for them in the queues. */
  allocators = false;
  /** The CPU an allocating G runs in this mark phase before its assist parks (gc.ts assistWork), ns; 0: never. */
  gcAssistQuantumNs = 0;
  gcMaxIdle = 0;
  gcIdleWorkers = 0;
  /** Gs parked in gcParkAssist (work.assistQueue). */
  readonly assistQueue: number[] = [];
  /** Gs blocked in semacquire(&work.markDoneSema), in order (mark-done-sema.ts). */
  readonly markDoneSema: number[] = [];
  /** MB allocated since the last cycle (allocation-paced cycles). */
  gcAllocMB = 0;
  /** Cycles placed from an observed log's gctrace lines (gc.ts gcCycleAt), by event argument. */
  readonly gcPlan: GcCyclePlan[] = [];
  /** The placed cycle under way: its phases last as the gctrace line says (stw.ts). */
  gcDriven: GcCyclePlan | null = null;
  /** The P whose G ran the last mark termination (gcMarkDone's holder), NONE if none. */
  gcTermP = NONE;
  /** The background sweeper's G (sweep.g), NONE until gcenable starts it (sweep.ts). */
  sweepG = NONE;
  /** The sweeper is parked in "GC sweep wait" (sweep.parked). */
  sweepParked = false;
  /** Sweep CPU the sweeper has yet to claim this cycle, ns. */
  sweepLeftNs = 0;

  // sysmon state (proc.go sysmon)
  sysmonDelayUs = 20;
  sysmonIdle = 0;
  /** When sysmon woke to find every core held for a turn (runtime/slices.ts). */
  sysmonWaitFrom = 0;
  lasttrace = -1;
  starttime = -1;
  /**
   * sysmon's preemption stops a G whose loop calls nothing (G.callFree): the release has async
   * preemption (GoProfile.asyncPreemption) and GODEBUG=asyncpreemptoff=1 is not set.
   */
  asyncPreempt: boolean;
  /** wakep calls since the last dump that took the spinning slot and found no idle P (wakep-in-flight.ts). */
  wakepsWithoutP = 0;
  /**
   * The dumps' own draws (wakep-in-flight.ts), apart from rng: what a dump reads does not move the
   * run's random stream, so a model run is the same with or without tracing.
   */
  readonly traceRng: Random;
  /** rng.float as one function made once, for the machine's draws (a closure per call would be garbage). */
  readonly uniform: () => number;

  constructor(
    readonly k: Kernel,
    readonly rng: Random,
    readonly prof: GoProfile,
    readonly machine: Machine,
    gomaxprocs: number,
    readonly gc: GcSpec | undefined,
    readonly trace: TraceOptions | undefined,
    traceRng: Random,
  ) {
    this.gomaxprocs = gomaxprocs;
    this.asyncPreempt = prof.asyncPreemption;
    this.uniform = () => rng.float();
    this.traceRng = traceRng;
  }

  get npidle(): number {
    return this.idlePs.length;
  }
  get timersPending(): boolean {
    return this.ntimers > 0;
  }
}
