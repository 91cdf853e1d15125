/**
 * The machine under the runtime: its CPU cores and the OS threads that want them. Threads executing
 * Go code (an M holding a P that runs a G) and threads burning CPU inside a syscall share the cores;
 * with more of them than cores, the kernel gives each a fair share in time slices (CFS), so CPU work
 * takes proportionally longer wall time, a thread that wakes waits for a slice before it runs, and a
 * running goroutine that sysmon asks to yield does so only at its thread's next turn on a core.
 */
import type { P } from '../entities.js';

export interface MachineOptions {
  /** CPU cores (default: unlimited, one per runnable thread). */
  cpus?: number;
  /**
   * How long a thread holds a core in its turn when threads outnumber cores, in ns: a thread's turns
   * come (threads wanting a core / cores) × this apart, and a goroutine sysmon asks to yield between
   * two turns does so at the next. 0: no turns. Measured on the 32-P captures on 2 cores (Go 1.26
   * schedticks): 58 and 70 ms between one P's turns, 3.6 and 4.3 ms a turn.
   */
  turnSliceNs?: number;
}

/**
 * A thread that wakes while every core is busy usually runs at once (the kernel's wake-up
 * preemption), and otherwise only when the running thread's slice ends; the more threads want a
 * core, the more often. Measured with the runtime counters patch (scripts/runtime-counters/) on 2
 * cores, Linux 6.18 with CONFIG_HZ=250, Go 1.26.8's gcheavy: spinning Ms woken at GOMAXPROCS 2, 4,
 * 8 and 16 got a core 0.4 ms or more late 0%, 14%, 23% and 26% of the time, spread over 0.4-6.4 ms
 * (mean 2.2 ms). Here: a share of LATE_WAKE_SHARE_MAX × (1 − 1/load), where load is the threads
 * wanting a core per core (0.14 at a load of 2, 0.21 at 4, 0.245 at 8), uniform over 0.4-4 ms (mean
 * 2.2 ms). On the syscalls workload that makes sysmon's 20 µs sleeps end 260-271 µs late on average,
 * where the runtime's ended 268-326 µs late (10% of them 0.4-6.4 ms).
 */
const LATE_WAKE_SHARE_MAX = 0.28;
const LATE_WAKE_MIN_NS = 400_000;
const LATE_WAKE_SPREAD_NS = 3_600_000;
/**
 * A thread that wakes another can lose its core to it (the kernel's wake-up preemption: the sleeper
 * is behind in virtual runtime), and then waits its turn behind the threads runnable on its core.
 * Measured with the counters patches (x.stop_last_hist, x.stop_other_hist) on 2 cores, gcheavy, 2 s
 * runs: the M that stops last for a stop-the-world, whose gcstopm wakes the stopping M before it
 * unlocks sched.lock and reaches stopm's mput, got there 1.6 ms or more later at 2, 4, 8 and 16 Ps
 * 1-6%, 6-8%, 8-11% and 13-14% of the time on Go 1.19.8 (two runs each) and 0%, 3-9%, 10-14% and
 * 12-16% on Go 1.26.8 (three runs each); the Ms that stopped before it 3 times in about 5,200. The
 * late ones took 1.6-6.4 ms at 4 Ps and 3.2-25.6 ms at 8 and 16, about a base slice per runnable
 * thread per core. Here: a share of PREEMPTED_WAKER_SHARE_MAX × (1 − 1/load) (7% at a load of 2,
 * 10.5% at 4, 12% at 8), waiting load × base slice × 0.5-1.5 (1.5-4.5 ms at 4 Ps on 2 cores).
 */
const PREEMPTED_WAKER_SHARE_MAX = 0.14;
/**
 * An M that has dropped its P in findRunnable still has sched.lock and the re-checks of every P
 * (checkRunqsNoP, checkTimersNoP) before stopm's mput, and now and then loses its core in that window
 * (to a thread its unlock woke, or at the end of its slice). While it is away it is neither on a P nor
 * on the idle list, so a wakep for its P finds no idle M and creates a thread: how the gcheavy runs
 * come to hold one or two threads more than their Ps need. Measured with the counters patch
 * (x.drop_mput_hist) on 2 cores, Go 1.26.8's gcheavy, 1.1 s runs, three each: 1.6 ms or more from the
 * drop to mput in 0.1-0.5% of about 900 drops at 4 Ps, 0.1-0.3% of 1,300-1,650 at 8 and 0.7-1.1% of
 * 1,500-1,800 at 16, taking 1.6-12.8 ms at 4 Ps and mostly 6.4-25.6 ms at 16, as PREEMPTED_WAKER's do.
 * Here: a share of PREEMPTED_DROP_SHARE_MAX × (1 − 1/load) (0.5% at a load of 2, 0.9% at 8).
 */
const PREEMPTED_DROP_SHARE_MAX = 0.01;
export const DEFAULT_TURN_SLICE_NS = 4_000_000;
/** normalized_sysctl_sched_base_slice (kernel/sched/fair.c), scaled by the core count. */
const BASE_SLICE_NS = 750_000;

/**
 * Whether a thread is late at this load (threads wanting a core per core): with a chance of
 * shareMax × (1 − 1/load), its place in the late range as a fraction in [0, 1); on time, -1. With no
 * more threads than cores nothing is drawn.
 */
function lateDraw(shareMax: number, load: number, uniform: () => number): number {
  if (load <= 1) return -1;
  const share = shareMax * (1 - 1 / load);
  const u = uniform();
  return u < share ? u / share : -1;
}

export class Machine {
  readonly cpus: number;
  readonly turnSliceNs: number;
  /** The kernel's base time slice for this many cores (see newThreadWaitNs). */
  readonly baseSliceNs: number;
  /** Ps executing a G's CPU work. */
  nexecuting = 0;
  /** Threads burning CPU inside a syscall (block.cpu). */
  nkernel = 0;
  /**
   * Time between two turns of one thread on a core, in ns, when the log showed it (replay/turns.ts);
   * 0: turns are not modelled, and a thread acts on a preemption as soon as it is asked.
   */
  measuredTurnGapNs = 0;
  /**
   * What a thread that starts or wakes to take an idle P waits before it runs, in ns, when the log
   * showed it (replay/thread-starts.ts); 0: the runtime's own latencies times the load factor.
   */
  startWaitNs = 0;
  /**
   * Whole turns for threads burning CPU in the kernel (runtime/slices.ts): on one core with turns, the
   * core is handed to one such thread at a time for a turn (turnSliceNs); the thread keeps it through
   * call after call until the turn ends or it stops, and a thread that wakes while the core is so held
   * (sysmon, a thread whose call ends, a started M) runs when the turn ends. One core only: on 2 cores
   * the runtime counters show sysmon 0.39-0.42 ms late per wake-up on the syscalls workload
   * (docs/measurements/fidelity.md), not the ~2 ms a wait for the end of a 4 ms turn gives (the woken
   * thread finds the other core: select_idle_sibling), and turns there took both syscalls rows of the
   * fidelity table out of their real variance (0.27 -> 0.64-0.71).
   */
  readonly slices: boolean;
  /** Per core: the M holding it for a turn (-1: free), the G whose kernel call it serves (-1: none). */
  readonly coreM: number[] = [];
  readonly coreG: number[] = [];
  readonly coreCallEnd: number[] = [];
  readonly coreTurnStart: number[] = [];
  readonly coreTurnEnd: number[] = [];
  readonly coreSeq: number[] = [];
  /** Gs whose kernel call waits for a core, in order (FIFO: the kernel's round robin). */
  readonly kernelQueue: number[] = [];
  /** Wake-ups waiting for a turn to end: event kinds and their args, in order. */
  readonly wakerKinds: number[] = [];
  readonly wakerArgs: number[] = [];
  /**
   * Ps startm handed to an M that is waking, with the seq of its EV_M_START, in order: a core that
   * frees with no woken thread waiting goes to the first of them still on its way (runtime/slices.ts).
   */
  readonly startingPs: number[] = [];
  readonly startingSeqs: number[] = [];

  constructor(options: MachineOptions = {}) {
    const cpus = options.cpus ?? Infinity;
    if (!(cpus > 0)) throw new RangeError(`cpus must be > 0, got ${cpus}`);
    this.cpus = cpus;
    if (options.turnSliceNs !== undefined && !(options.turnSliceNs >= 0))
      throw new RangeError(`the turn slice must be >= 0, got ${options.turnSliceNs}`);
    this.turnSliceNs = options.turnSliceNs ?? DEFAULT_TURN_SLICE_NS;
    this.baseSliceNs = Number.isFinite(cpus) ? BASE_SLICE_NS * (1 + Math.floor(Math.log2(Math.min(cpus, 8)))) : 0;
    this.slices = cpus === 1 && this.turnSliceNs > 0;
    if (this.slices)
      for (let c = 0; c < cpus; c++) {
        this.coreM.push(-1);
        this.coreG.push(-1);
        this.coreCallEnd.push(0);
        this.coreTurnStart.push(0);
        this.coreTurnEnd.push(0);
        this.coreSeq.push(-1);
      }
  }

  /**
   * How long a thread waking now waits for a core held for a turn, in ns: with every core held by a
   * thread in its turn (begun before now), until the first of those turns ends; else 0.
   */
  turnWaitNs(now: number): number {
    if (!this.slices) return 0;
    let wait = Infinity;
    for (let c = 0; c < this.cpus; c++) {
      if (this.coreM[c] === -1 || this.coreTurnStart[c]! >= now) return 0;
      const left = this.coreTurnEnd[c]! - now;
      if (left < wait) wait = left;
    }
    return Math.max(wait, 0);
  }

  /** Every core held for a turn (wake-ups then wait for one to end: turnWaitNs). */
  coresHeld(): boolean {
    if (!this.slices) return false;
    for (let c = 0; c < this.cpus; c++) if (this.coreM[c] === -1) return false;
    return true;
  }

  /**
   * The load a thread woken or created for a P meets (startm): with turns on the cores (slices), the
   * threads whose kernel calls wait in the queue for a turn are left out, as the M waits for a turn to
   * end instead (runtime/slices.ts: onMStart, startingM); only calls served on a core count. Else
   * loadFactor.
   */
  startLoadFactor(): number {
    if (!this.slices) return this.loadFactor();
    let served = 0;
    for (let c = 0; c < this.cpus; c++) if (this.coreG[c] !== -1) served++;
    const load = this.nexecuting + served;
    return load > this.cpus ? load / this.cpus : 1;
  }

  /** The core M holds for a turn, or -1. */
  coreOf(m: number): number {
    if (!this.slices) return -1;
    for (let c = 0; c < this.cpus; c++) if (this.coreM[c] === m) return c;
    return -1;
  }

  /**
   * Wall time per unit of CPU time for Go code run by M: 1 when M holds a core for a turn (slices),
   * else loadFactor. The kernel's turn is the thread's CPU time, user and kernel alike: a reader that
   * holds the one core runs its Go code between two reads (exitsyscall's fast path, the loop, the next
   * entersyscall) on that core, alone, as it ran the read; the threads queued for a turn do not share it.
   */
  goCodeFactor(m: number): number {
    return this.coreOf(m) >= 0 ? 1 : this.loadFactor();
  }

  /** A core no thread holds, or -1. */
  freeCore(): number {
    for (let c = 0; c < this.cpus; c++) if (this.coreM[c] === -1) return c;
    return -1;
  }

  /** Wall time per unit of CPU time: threads wanting a core (executing Ps + kernel CPU) / cores, at least 1. */
  loadFactor(): number {
    const load = this.nexecuting + this.nkernel;
    return load > this.cpus ? load / this.cpus : 1;
  }

  /**
   * The load a thread meets while the world is stopped: every thread running Go code stops, and only
   * those burning CPU in the kernel still want a core (per core, at least 1).
   */
  stoppedWorldLoadFactor(): number {
    return this.nkernel > this.cpus ? this.nkernel / this.cpus : 1;
  }

  /**
   * How late a thread that wakes now gets a core, in ns (see LATE_WAKE_SHARE_MAX): with a core free, not
   * at all (and nothing is drawn from `uniform`, so runs on free cores keep their random stream).
   */
  lateWakeNs(uniform: () => number): number {
    // With every core held for a turn, the wake-up waits for a turn to end instead (turnWaitNs).
    if (this.coresHeld()) return 0;
    const at = lateDraw(LATE_WAKE_SHARE_MAX, this.loadFactor(), uniform);
    return at < 0 ? 0 : LATE_WAKE_MIN_NS + at * LATE_WAKE_SPREAD_NS;
  }

  /**
   * How long a thread that has just woken another waits for its core back, in ns, at a load (threads
   * wanting a core per core) taken by the caller (see PREEMPTED_WAKER_SHARE_MAX); with no more
   * threads than cores, 0 and nothing drawn.
   */
  preemptedWakerNs(load: number, uniform: () => number): number {
    return this.preemptedNs(PREEMPTED_WAKER_SHARE_MAX, load, uniform);
  }

  /** How long an M that has just dropped its P takes to reach the idle list beyond its own steps, in ns (see PREEMPTED_DROP_SHARE_MAX). */
  preemptedDropNs(uniform: () => number): number {
    return this.preemptedNs(PREEMPTED_DROP_SHARE_MAX, this.loadFactor(), uniform);
  }

  private preemptedNs(shareMax: number, load: number, uniform: () => number): number {
    const at = lateDraw(shareMax, load, uniform);
    return at < 0 ? 0 : load * this.baseSliceNs * (0.5 + at);
  }

  /**
   * What a thread the runtime has just created (newm → clone) waits for its first run when the
   * cores are saturated, in ns. A new task gets no sleeper credit: the kernel queues it behind the
   * runnable threads of its core, each running about one base slice first (sysctl_sched_base_slice,
   * 0.75 ms × (1 + log2(min(cores, 8))), the kernel's default scaling). The oversub captures at 8,
   * 16 and 32 Ps on 2 cores (both releases) start their Ms one at a time (wakep's chain) at 1.0 to
   * 1.6 ms per link per runnable thread per core: 300 ms for 32 Ps, where waking an idle M takes
   * a fraction of a millisecond.
   */
  newThreadWaitNs(load = this.loadFactor()): number {
    return load > 1 ? (load - 1) * this.baseSliceNs : 0;
  }

  /** Time between two turns of one thread: measured (replay), or the threads per core times the slice. */
  turnGap(): number {
    if (this.measuredTurnGapNs > 0) return this.measuredTurnGapNs;
    const load = this.nexecuting + this.nkernel;
    return this.turnSliceNs > 0 && load > this.cpus ? (load / this.cpus) * this.turnSliceNs : 0;
  }

  /**
   * P's thread has a core now (a turn, or it never waits for one): its next turn is a gap away.
   * `u` in [0, 1) spreads the turns a modelled gap gives (the kernel does not run threads in lockstep).
   */
  tookTurn(p: P, now: number, u: () => number): void {
    const gap = this.turnGap();
    if (gap > 0) p.turnAt = now + (this.measuredTurnGapNs > 0 ? gap : gap * (0.5 + u()));
  }

  startExecuting(p: P): void {
    if (!p.executing) {
      p.executing = true;
      this.nexecuting++;
    }
  }

  stopExecuting(p: P): void {
    if (p.executing) {
      p.executing = false;
      this.nexecuting--;
    }
  }
}
