/**
 * The reference model of Go's scheduler (runtime/proc.go), driven by the sim/ kernel. It wires three
 * parts together and owns the one event dispatch:
 *
 *   program/  the simulated program: groups, spawning, blocking, ping-pong, crash
 *   runtime/  the runtime: plain functions over one Sched (sched + allp): run queues, schedule and
 *             findRunnable, stealing, sysmon/retake, syscalls, timers, netpoll, STW, procresize
 *   machine/  the cores and OS threads: how long CPU work takes when threads outnumber cores
 *
 *   workload groups ──newproc──▶ runnext / 256-slot ring ──overflow (runqputslow)──▶ global queue
 *   M+P schedule(): findRunnable = fairness(61) → runqget → globrunqget → netpoll → stealWork → drop P
 *   sysmon (own thread, no P): netpoll, retake (syscall hand-off, 10 ms preemption), schedtrace
 *
 * Time is in nanoseconds internally. How long operations take is in costs.ts; where the runtime
 * changed between releases is in profiles.ts.
 */
import { Kernel } from '../sim/kernel.js';
import { Random } from '../sim/random.js';
import type { Snapshot } from '../trace/snapshot.js';
import type { WorkloadSpec } from '../workload/spec.js';
import {
  G,
  G_DEAD,
  G_RUNNABLE,
  G_RUNNING,
  G_SYSCALL,
  G_WAITING,
  P_GCSTOP,
  P_IDLE,
  P_RUNNING,
  P_SYSCALL,
  W_CHAN,
  W_NET,
  W_TIMER,
} from './entities.js';
import { Machine } from './machine/machine.js';
import { goProfile, type GoProfileName } from './profiles.js';
import { Program } from './program/program.js';
import {
  EV_ARRIVAL,
  EV_BURST,
  EV_G_WAKE,
  EV_GC_DRIVEN,
  EV_GC_FLUSH,
  EV_GC_MARK_DONE,
  EV_KINDS,
  EV_M_START,
  EV_RUN_END,
  EV_START_WORLD,
  EV_STW,
  EV_SYSMON,
  EV_TURN,
  EV_EXIT,
  EV_SLICE,
} from './runtime/events.js';
import { gcDrivenStart, gcFlushBgCredit, gcMarkDone } from './runtime/gc.js';
import { newproc1 } from './runtime/gfree.js';
import { onGWake } from './runtime/park.js';
import type { RuntimeCounters } from './runtime/counters.js';
import { acquire, newM, pidleput, pidlegetSpecific, startTemplateThread, stopm } from './runtime/procs.js';
import { execute, onMStart, onRunEnd } from './runtime/schedule.js';
import { MS, Sched, type TraceOptions } from './runtime/sched.js';

/** proc.go _GoidCacheBatch: a P takes goids from sched.goidgen 16 at a time. */
const GOID_CACHE_BATCH = 16;
import { snapshot } from './runtime/snapshot.js';
import { onStartTheWorld, onStopTheWorld, procresize } from './runtime/stw.js';
import { onSysmon, onTurn } from './runtime/sysmon.js';
import { onTurnEnd } from './runtime/slices.js';

export interface ModelOptions {
  go: GoProfileName;
  gomaxprocs: number;
  seed: number;
  /**
   * CPU cores of the machine being modelled. With more threads wanting a core than cores, the OS
   * shares the cores in time slices: CPU work takes proportionally longer wall time and a woken
   * thread waits its turn. Default: as many cores as threads want.
   */
  cpus?: number;
  /** How long a thread holds a core in its turn when threads outnumber the cores, in ms (default 4; 0: no turns). */
  turnSliceMs?: number;
  /** GODEBUG=asyncpreemptoff=1: sysmon's preemption no longer reaches a loop that calls nothing (G.callFree). */
  asyncPreemptOff?: boolean;
  /** Print schedtrace the way sysmon does (first wake at or after lasttrace + period). */
  trace?: TraceOptions;
}

/** The one event dispatch: each kind to its runtime or program handler (one switch V8 can inline). */
function eventDispatch(s: Sched, program: Program): (kind: number, arg: number) => void {
  return (kind, arg) => {
    switch (kind) {
      case EV_RUN_END:
        return onRunEnd(s, arg);
      case EV_M_START:
        return onMStart(s, arg);
      case EV_G_WAKE:
        return onGWake(s, arg);
      case EV_SYSMON:
        return onSysmon(s);
      case EV_ARRIVAL:
        return program.onArrival(arg);
      case EV_BURST:
        return program.onBurst(arg);
      case EV_STW:
        return onStopTheWorld(s, arg);
      case EV_START_WORLD:
        return onStartTheWorld(s, arg);
      case EV_GC_MARK_DONE:
        return gcMarkDone(s);
      case EV_GC_FLUSH:
        return gcFlushBgCredit(s);
      case EV_GC_DRIVEN:
        return gcDrivenStart(s, arg);
      case EV_TURN:
        return onTurn(s, arg);
      case EV_EXIT:
        return s.k.stop();
      case EV_SLICE:
        return onTurnEnd(s, arg);
    }
  };
}

export class SchedulerModel {
  private readonly k: Kernel;
  /** The runtime's state (sched + allp), for replay's seeding (replay/load-state.ts). */
  readonly sched: Sched;
  readonly program: Program;

  constructor(
    readonly options: ModelOptions,
    readonly workload: WorkloadSpec,
  ) {
    if (!Number.isInteger(options.gomaxprocs) || options.gomaxprocs < 1)
      throw new RangeError(`gomaxprocs must be a positive integer, got ${options.gomaxprocs}`);
    const k = new Kernel(EV_KINDS);
    this.k = k;
    const machine = new Machine({
      ...(options.cpus !== undefined ? { cpus: options.cpus } : {}),
      ...(options.turnSliceMs !== undefined ? { turnSliceNs: options.turnSliceMs * MS } : {}),
    });
    this.sched = new Sched(
      k,
      new Random(options.seed),
      goProfile(options.go),
      machine,
      options.gomaxprocs,
      workload.gc,
      options.trace,
      // Its own stream, so that a run's random draws do not depend on whether and how often it is traced.
      new Random(options.seed ^ 0x5f3759df),
    );
    if (options.asyncPreemptOff === true) this.sched.asyncPreempt = false;
    this.program = new Program(this.sched, workload);
    this.sched.program = this.program;
    k.dispatchTo(eventDispatch(this.sched, this.program));
    this.boot();
  }

  get nowMs(): number {
    return this.k.now / MS;
  }
  get events(): number {
    return this.k.events;
  }
  /** What the runtime did so far, counted as the patched real runtime counts it. */
  get counters(): RuntimeCounters {
    return this.sched.counters;
  }
  /** The main goroutine has panicked (workload.crashAtMs): the process is dead, nothing runs any more. */
  get crashed(): boolean {
    return this.sched.dyingM !== -1;
  }
  /** Gs ever allocated (live, dead and cached on free lists): bounded by the peak number alive at once. */
  get allocatedGs(): number {
    return this.sched.gs.length;
  }

  runUntil(ms: number): void {
    this.k.runUntil(ms * MS);
  }

  /** The state as schedtrace would print it now (tMs = floor(now in ms), stream '', run 0, line 0). */
  snapshot(detail: boolean): Snapshot {
    return snapshot(this.sched, detail);
  }

  /** schedinit and runtime.main. */
  private boot(): void {
    const s = this.sched;
    // M0 runs main; sysmon gets its own M without a P (runtime.main: newm(sysmon, nil)).
    newM(s);
    // With cgo, M0's mstartm0 first makes the extra M for callbacks from C threads (newextram →
    // oneNewExtraM: allocm, no thread, its own G locked to it), so sysmon is M2.
    const extra = this.workload.cgo === true ? newM(s) : null;
    if (extra) extra.extra = true;
    const sysmon = newM(s);
    sysmon.sysmon = true;
    // runtime.main's start-up goroutines (gcenable's sweeper and scavenger, the forcegc helper) wake
    // threads that then park: the samples show threads = 3 with GOMAXPROCS=1 and 4 with 2 (one idle),
    // and GOMAXPROCS+1 when more Ps are busy. Calibrated: park min(2, GOMAXPROCS) Ms at start.
    for (let i = Math.min(2, s.gomaxprocs); i > 0; i--) stopm(s, newM(s));
    // With cgo, runtime.main then starts the template thread (startTemplateThread → newm(templateThread)),
    // which sleeps on newmHandoff.wake until a locked or C-entered M needs a thread made for it.
    if (extra) startTemplateThread(s);
    procresize(s, s.gomaxprocs);
    s.stealOrder.reset(s.gomaxprocs);
    for (const p of s.allp) if (p.state === P_GCSTOP) pidleput(s, p);
    const p0 = pidlegetSpecific(s, 0);
    acquire(p0, s.ms[0]!);
    const main = newproc1(s, null, -2);
    if (extra) {
      // oneNewExtraM's G: goid from sched.goidgen after P0's first batch of _GoidCacheBatch (16) for
      // main, so 17; status _Gdead (_Gdeadextra from 1.26); listed in allg right after main.
      const g = new G(s.gs.length);
      s.gs.push(g);
      g.goid = s.extraGoid = GOID_CACHE_BATCH + 1;
      g.status = s.prof.extraMGStatus;
      g.m = extra.id;
      g.lockedM = extra.id;
      extra.curg = extra.lockedg = g.slot;
      s.extraG = g.slot;
    }
    this.program.main(main);
    execute(s, p0, main, false);
    this.program.start();
    // The first GC comes everyMs in (the first heap goal is a fixed 4 MB); the next ones are
    // scheduled when the world restarts (onStartTheWorld, timePacedGapNs).
    if (s.gc?.everyMs !== undefined) this.k.at(s.gc.everyMs * MS, EV_STW, 0);
    // sysmon's first iteration (after its first 20 µs usleep) prints the first trace and sets starttime.
    // runtime.main starts sysmon before the runtime's and the program's init tasks and gcenable, which
    // take longer than that: the real 0 ms lines show main.main not yet started (queues empty or nearly).
    // So the first trace comes first, at t = 0, and the workload's time starts with it.
    this.k.at(0, EV_SYSMON, 0, 0);
  }
}

/** Ids of runtime states, re-exported for tests. */
export const G_STATUS = {
  runnable: G_RUNNABLE,
  running: G_RUNNING,
  syscall: G_SYSCALL,
  waiting: G_WAITING,
  dead: G_DEAD,
} as const;
export { P_IDLE, P_RUNNING, P_SYSCALL, P_GCSTOP, W_CHAN, W_NET, W_TIMER };
