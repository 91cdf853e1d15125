/** The model's G, P and M records (runtime2.go g, p, m), holding only what scheduling needs. */
import { LocalRunQueue, type QueuedCounter } from './run-queue.js';

/** runtime2.go _Grunnable.._Gdead, _Pidle.._Pgcstop: defined once in trace/runtime-constants.ts. */
export {
  G_DEAD,
  G_RUNNABLE,
  G_RUNNING,
  G_SYSCALL,
  G_WAITING,
  P_GCSTOP,
  P_IDLE,
  P_RUNNING,
  P_SYSCALL,
} from '../trace/runtime-constants.js';
import { G_RUNNABLE, P_GCSTOP } from '../trace/runtime-constants.js';

/** What a waiting G waits for (decides where it goes when woken). */
export const W_NONE = 0;
export const W_TIMER = 1;
export const W_CHAN = 2;
export const W_NET = 3;
export const W_FOREVER = 4;

export class G {
  goid = 0;
  status = G_RUNNABLE;
  waitReason = '';
  waitKind = W_NONE;
  /** Index into the model's compiled groups; -1 for runtime goroutines, -2 for main. */
  group = -1;
  burstsLeft = 1;
  cpuLeftNs = 0;
  /** Children still to create (main's bursts, tree nodes) before the G's own work. */
  spawnLeft = 0;
  spawnGroup = -1;
  spawnCostNs = 0;
  treeDepth = 0;
  lockedM = -1;
  m = -1;
  lastP = 0;
  /** P whose timer heap holds this G's sleep. */
  timerP = -1;
  /** P the G entered its syscall on. */
  syscallP = -1;
  /** Sequence number of the pending wake-up event (stale events are ignored). */
  wakeSeq = -1;
  /** In a syscall that burns CPU in the kernel (block.cpu). */
  kernelCpu = false;
  /** CPU its kernel call still needs while it waits for a core (runtime/slices.ts). */
  kernelLeftNs = 0;
  /** Ping-pong partner (block.partner), -1 if none. */
  partner = -1;
  /** Its CPU work is a loop that calls nothing (behaviour.callFree): only async preemption stops it. */
  callFree = false;
  /**
   * sysmon asked it to stop while its loop could not (gp.preempt, stackguard0 = stackPreempt): its
   * next function call, at the loop's end, is preempted (newstack → gopreempt_m). execute clears it.
   */
  preemptAsked = false;
  /** MB allocated per second of CPU work (behaviour.allocMBps). */
  allocMBps = 0;
  /** Its run is cut short by a mark assist that will park it (gc.ts), with this much CPU work left after. */
  assistPark = false;
  assistRestNs = 0;
  /** Readied by semrelease(&work.markDoneSema): it releases the next waiter when it runs (mark-done-sema.ts). */
  semaRelease = false;
  constructor(readonly slot: number) {}
}

export class P {
  state = P_GCSTOP;
  /** Its G did not answer the pending stop-the-world (Sched.stwHeld). */
  stwHeld = false;
  readonly q: LocalRunQueue;
  schedtick = 0;
  syscalltick = 0;
  m = -1;
  /** G executing (or in a syscall) on this P, -1 while the M is scheduling or starting. */
  curG = -1;
  runEndSeq = -1;
  runEndAt = 0;
  /** Executing a G's CPU work (counts towards the cores in use); runFactor = wall time per CPU time. */
  executing = false;
  runFactor = 1;
  /** Pending M arrival (startm latency), or this P's spinning M asleep in runqgrab (stealVictim), and when it is due (ns). */
  startSeq = -1;
  startAt = 0;
  /** runqgrab's usleep(3): the P whose runnext this P's M takes if it is still there when it wakes, and that G. */
  stealVictim = -1;
  stealG = -1;
  /** sysmon's per-P record (sysmontick): last seen ticks and when. */
  sysmonSchedtick = 0;
  schedwhen = 0;
  sysmonSyscalltick = 0;
  syscallwhen = 0;
  /**
   * When this P's thread next gets a core (ns; 0: whenever it needs one). With more threads than
   * cores the OS runs each in turns, and a preemption sysmon asks for between two turns takes effect
   * at the next one (EV_TURN). Replay seeds it from the turns a log shows (replay/turns.ts).
   */
  turnAt = 0;
  turnSeq = -1;
  timers = 0;
  /**
   * Sleeping Gs whose timers on this P are due but not yet run: the P runs them when it next schedules
   * (checkTimers). The first dueCount entries (a count, so that emptying the list frees no storage).
   */
  readonly dueTimers: number[] = [];
  dueCount = 0;
  /** When the current run started (ns) and its CPU work (ns), for the allocation it did. */
  runStartAt = 0;
  /** This P's GC mark worker G (-1 until the first mark phase), its mode (gc.ts WORKER_*), since when, and whether sysmon preempted it. */
  gcWorkerG = -1;
  gcWorkerMode = 0;
  gcWorkerFrom = 0;
  gcPreempted = false;
  /** Time this P spent in fractional mark work this cycle (p.gcFractionalMarkTime). */
  gcFractionalNs = 0;
  /** Dead G slots cached on this P (gFree). */
  gfree: number[] = [];
  onIdleList = false;
  constructor(
    readonly id: number,
    queued?: QueuedCounter,
  ) {
    this.q = new LocalRunQueue(queued, id);
  }
}

export class M {
  p = -1;
  curg = -1;
  spinning = false;
  /** Parked on the idle list (stopm) or waiting for its locked G (stoplockedm). */
  parked = false;
  lockedg = -1;
  sysmon = false;
  /**
   * An M that never takes a P: the cgo extra M (oneNewExtraM: no thread until a C thread calls into
   * Go, its locked G in _Gdead/_Gdeadextra) or the template thread (templateThread, asleep in
   * notesleep: blocked but not on the idle list). Both count in mcount.
   */
  extra = false;
  template = false;
  /** On the idle list but still finishing findRunnable's re-checks until then (ns): mget skips it. */
  idleFrom = 0;
  /** When this M last started spinning (becomeSpinning, or startm for a spinning M), for the counters. */
  spinFrom = 0;
  constructor(readonly id: number) {}
}
