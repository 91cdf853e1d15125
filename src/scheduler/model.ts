/**
 * The reference model of Go's scheduler (runtime/proc.go), driven by the sim/ kernel.
 *
 *   workload groups ──newproc──▶ runnext / 256-slot ring ──overflow (runqputslow)──▶ global queue
 *   M+P schedule(): findRunnable = fairness(61) → runqget → globrunqget → netpoll → stealWork → drop P
 *   sysmon (own thread, no P): netpoll, retake (syscall hand-off, 10 ms preemption), schedtrace
 *
 * Each rule cites the runtime function it follows. Time is in nanoseconds internally. How long
 * operations take is in costs.ts; where the runtime changed between releases is in profiles.ts.
 */
import { FAIRNESS_TICK } from '../trace/runtime-constants.js';
import { Kernel } from '../sim/kernel.js';
import { Random } from '../sim/random.js';
import type { GDetail, MDetail, PDetail, Snapshot } from '../trace/snapshot.js';
import type { BehaviourSpec, Dist, GroupSpec, WorkloadSpec } from '../workload/spec.js';
import { COSTS } from './costs.js';
import {
  G,
  G_DEAD,
  G_RUNNABLE,
  G_RUNNING,
  G_SYSCALL,
  G_WAITING,
  M,
  P,
  P_GCSTOP,
  P_IDLE,
  P_RUNNING,
  P_SYSCALL,
  W_CHAN,
  W_FOREVER,
  W_NET,
  W_NONE,
  W_TIMER,
} from './entities.js';
import { PROFILES, waitReasons, type GoProfile, type GoProfileName } from './profiles.js';
import { GlobalRunQueue, queuedCounter, RUNQ_SIZE } from './run-queue.js';
import { StealOrder } from './steal-order.js';

export interface ModelOptions {
  go: GoProfileName;
  gomaxprocs: number;
  seed: number;
  /**
   * CPU cores of the machine being modelled. With more Ps executing Gs than cores, the OS shares the
   * cores and a CPU burst takes proportionally longer wall time (fixed when the burst starts).
   * Default: as many cores as Ps.
   */
  cpus?: number;
  /** Print schedtrace the way sysmon does (first wake at or after lasttrace + period). */
  trace?: { periodMs: number; detail: boolean; onSnapshot: (s: Snapshot) => void };
}

/** A snapshot's queue state, as replay seeds it. */
export interface ObservedState {
  gomaxprocs: number;
  runqueue: number;
  runq: number[];
  idleprocs: number;
  threads?: number;
}

const NONE = -1;
const MS = 1_000_000;
/** Ps tracked in the non-empty-queue bitmask; beyond it stealWork walks every P. */
const MASK_PS = 1024;

// Event kinds (the kernel's dispatch table).
const EV_RUN_END = 0;
const EV_M_START = 1;
const EV_G_WAKE = 2;
const EV_SYSMON = 3;
const EV_ARRIVAL = 4;
const EV_BURST = 5;
const EV_STW = 6;
const EV_START_WORLD = 7;

type Sampler = (r: Random) => number;

interface CompiledGroup {
  spec: GroupSpec;
  cpu: Sampler;
  block: Sampler | null;
  blockOn: string | null;
  /** block.cpu: the syscall burns CPU in the kernel. */
  kernelCpu: boolean;
  repeat: number;
  /** Arrivals of this group are live only while epoch matches the model's. */
  epoch: number;
  /** block.partner's group index, and this group's members in creation order (for pairing). */
  partner: number;
  members: number[];
  /** Rate groups: absolute window in ns. */
  startNs: number;
  endNs: number;
  /** Sequence number of the pending arrival event (a recycled group ignores its predecessor's). */
  arrivalSeq: number;
  /** Gs of this group not yet dead; a group of an old epoch with none left is recycled by loadState. */
  live: number;
}

function sampler(d: Dist): Sampler {
  if (typeof d === 'number') {
    const v = d * MS;
    return () => v;
  }
  switch (d.kind) {
    case 'exp':
      return (r) => r.exp(d.mean) * MS;
    case 'uniform':
      return (r) => (d.min + (d.max - d.min) * r.float()) * MS;
    case 'normal':
      return (r) => Math.max(0, d.mean + d.sd * r.normal()) * MS;
    case 'lognormal':
      return (r) => d.median * Math.exp(d.sigma * r.normal()) * MS;
  }
}

export class SchedulerModel {
  private readonly k = new Kernel();
  private readonly rng: Random;
  private readonly prof: GoProfile;
  private readonly reasons: { waitGroup: string; mutex: string };
  private readonly groups: CompiledGroup[] = [];
  /** Indices of recycled groups (loadState's groups of earlier epochs whose Gs are all dead). */
  private readonly freeGroups: number[] = [];
  private epoch = 0;

  private readonly gs: G[] = [];
  private readonly gfreeGlobal: number[] = [];
  private nextGoid = 1;
  private readonly allp: P[] = [];
  private gomaxprocs: number;
  private readonly ms: M[] = [];
  private readonly idleMs: number[] = [];
  private readonly idlePs: number[] = [];
  private readonly global = new GlobalRunQueue();
  /** Gs in all local queues (rings + runnext). */
  private readonly queued = queuedCounter(MASK_PS);
  /** stealWork's scratch: candidate victims and their ranks in the enumeration. */
  private readonly candId = new Int32Array(MASK_PS);
  private readonly candRank = new Int32Array(MASK_PS);
  private readonly stealOrder = new StealOrder();
  private nmspinning = 0;
  private needspinning = 0;
  private gcwaiting = false;
  private stopwait = 0;
  /** Gs made ready by the network poller, not yet collected by a netpoll call. */
  private readonly netReady: number[] = [];
  private lastpoll = 0;
  /** The M blocked in findRunnable's netpoll(delay) until the next timer or I/O: no P, not idle. */
  private netpollM = NONE;
  /** Pending timers (sleeping Gs) over all Ps: the sum of p.timers. */
  private ntimers = 0;
  private get timersPending(): boolean {
    return this.ntimers > 0;
  }

  // main goroutine: pending bursts in time order
  private readonly bursts: { atNs: number; group: number; count: number; costNs: number; started: boolean }[] = [];
  private mainG = NONE;

  // sysmon state (proc.go sysmon)
  private sysmonDelayUs = 20;
  private sysmonIdle = 0;
  private lasttrace = -1;
  private starttime = -1;

  /** workload.crashAtMs in ns (Infinity: no crash); the M that panicked, once it has. */
  private readonly crashAtNs: number;
  private dyingM = NONE;

  constructor(
    readonly options: ModelOptions,
    readonly workload: WorkloadSpec,
  ) {
    if (!Number.isInteger(options.gomaxprocs) || options.gomaxprocs < 1)
      throw new RangeError(`gomaxprocs must be a positive integer, got ${options.gomaxprocs}`);
    this.rng = new Random(options.seed);
    this.prof = PROFILES[options.go];
    this.reasons = waitReasons(options.go);
    this.gomaxprocs = options.gomaxprocs;
    this.cpus = options.cpus ?? Infinity;
    this.crashAtNs = workload.crashAtMs !== undefined ? workload.crashAtMs * MS : Infinity;
    const k = this.k;
    k.on(EV_RUN_END, (p) => this.onRunEnd(p));
    k.on(EV_M_START, (p) => this.onMStart(p));
    k.on(EV_G_WAKE, (g) => this.onGWake(g));
    k.on(EV_SYSMON, () => this.onSysmon());
    k.on(EV_ARRIVAL, (i) => this.onArrival(i));
    k.on(EV_BURST, (i) => this.onBurst(i));
    k.on(EV_STW, (n) => this.onStopTheWorld(n));
    k.on(EV_START_WORLD, (n) => this.onStartTheWorld(n));
    k.dispatchAll((kind, arg) => {
      switch (kind) {
        case EV_RUN_END:
          return this.onRunEnd(arg);
        case EV_M_START:
          return this.onMStart(arg);
        case EV_G_WAKE:
          return this.onGWake(arg);
        case EV_SYSMON:
          return this.onSysmon();
        case EV_ARRIVAL:
          return this.onArrival(arg);
        case EV_BURST:
          return this.onBurst(arg);
        case EV_STW:
          return this.onStopTheWorld(arg);
        case EV_START_WORLD:
          return this.onStartTheWorld(arg);
      }
    });
    this.boot();
  }

  get nowMs(): number {
    return this.k.now / MS;
  }
  get events(): number {
    return this.k.events;
  }
  /** The main goroutine has panicked (workload.crashAtMs): the process is dead, nothing runs any more. */
  get crashed(): boolean {
    return this.dyingM !== NONE;
  }

  runUntil(ms: number): void {
    this.k.runUntil(ms * MS);
  }

  // ───────────────────────── start-up (schedinit, runtime.main) ─────────────────────────

  private boot(): void {
    // M0 runs main; sysmon gets its own M without a P (runtime.main: newm(sysmon, nil)).
    this.newM();
    const sysmon = this.newM();
    sysmon.sysmon = true;
    // runtime.main's start-up goroutines (gcenable's sweeper and scavenger, the forcegc helper) wake
    // threads that then park: the samples show threads = 3 with GOMAXPROCS=1 and 4 with 2 (one idle),
    // and GOMAXPROCS+1 when more Ps are busy. Calibrated: park min(2, GOMAXPROCS) Ms at start.
    for (let i = Math.min(2, this.gomaxprocs); i > 0; i--) this.stopm(this.newM());
    this.procresize(this.gomaxprocs);
    this.stealOrder.reset(this.gomaxprocs);
    for (const p of this.allp) if (p.state === P_GCSTOP) this.pidleput(p);
    const p0 = this.pidlegetSpecific(0);
    const m0 = this.ms[0]!;
    this.acquire(p0, m0);
    const main = this.allocG(-2);
    this.mainG = main.slot;
    // runtime.main starts the forcegc helper and gcenable's sweeper and scavenger before main.main.
    main.spawnLeft = 3;
    main.spawnGroup = -1;
    main.spawnCostNs = COSTS.spawnNs;
    this.execute(p0, main, false);

    this.workload.groups.forEach((spec) => this.addGroup(spec, 0));
    const changes = [...(this.workload.gomaxprocsChanges ?? [])].sort((a, b) => a.atMs - b.atMs);
    for (const c of changes) this.k.at(c.atMs * MS, EV_STW, c.gomaxprocs);
    // The next GC is scheduled when the world restarts (onStartTheWorld).
    if (this.workload.gc) this.k.at(this.workload.gc.everyMs * MS, EV_STW, 0);
    // sysmon's first iteration (after its first 20 µs usleep) prints the first trace and sets starttime.
    // runtime.main starts sysmon before the runtime's and the program's init tasks and gcenable, which
    // take longer than that: the real 0 ms lines show main.main not yet started (queues empty or nearly).
    // So the first trace comes first, at t = 0, and the workload's time starts with it.
    this.k.at(0, EV_SYSMON, 0, 0);
  }

  private addGroup(spec: GroupSpec, baseNs: number, arrivals = true): number {
    const b = spec.behaviour;
    const idx = this.freeGroups.length > 0 ? this.freeGroups.pop()! : this.groups.length;
    const s = spec.spawn;
    const g: CompiledGroup = {
      spec,
      cpu: sampler(b.cpuMs),
      block: b.block ? sampler(b.block.ms) : null,
      blockOn: b.block ? b.block.on : null,
      kernelCpu: b.block?.cpu === true,
      repeat: b.repeat === 'forever' ? Infinity : (b.repeat ?? 1),
      epoch: this.epoch,
      partner: b.block?.partner !== undefined ? this.workload.groups.findIndex((x) => x.name === b.block?.partner) : -1,
      members: [],
      startNs: baseNs + (s.kind === 'rate' ? (s.startMs ?? 0) * MS : 0),
      endNs: s.kind === 'rate' && s.endMs !== undefined ? baseNs + s.endMs * MS : Infinity,
      arrivalSeq: -1,
      live: 0,
    };
    this.groups[idx] = g;
    if (!arrivals) return idx;
    if (s.kind === 'rate') {
      const first = g.startNs + this.rng.exp(1000 / s.perSecond) * MS;
      if (first <= g.endNs) g.arrivalSeq = this.k.at(Math.max(first, this.k.now), EV_ARRIVAL, idx);
    } else if (s.kind === 'burst' || s.kind === 'tree') {
      const count = s.kind === 'burst' ? s.count : s.fanout;
      const costNs = s.kind === 'burst' && s.spawnCostMs !== undefined ? s.spawnCostMs * MS : COSTS.spawnNs;
      this.bursts.push({ atNs: baseNs + s.atMs * MS, group: idx, count, costNs, started: false });
      this.bursts.sort((a, c) => a.atNs - c.atNs);
      this.k.at(Math.max(baseNs + s.atMs * MS, this.k.now), EV_BURST, idx);
    }
    return idx;
  }

  // ───────────────────────── G allocation (newproc1, gfget, gfput) ─────────────────────────

  private allocG(group: number): G {
    let g: G;
    const p = this.curPForAlloc;
    // gfget: the P's free list, refilled from the global list 32 at a time.
    if (p && p.gfree.length === 0 && this.gfreeGlobal.length > 0) {
      for (let i = 0; i < 32 && this.gfreeGlobal.length > 0; i++) p.gfree.push(this.gfreeGlobal.pop()!);
    }
    const slot = p && p.gfree.length > 0 ? p.gfree.pop()! : NONE;
    if (slot !== NONE) g = this.gs[slot]!;
    else {
      g = new G(this.gs.length);
      this.gs.push(g);
    }
    g.goid = this.nextGoid++;
    g.status = G_RUNNABLE;
    g.waitReason = '';
    g.waitKind = W_NONE;
    g.group = group;
    g.spawnLeft = 0;
    g.spawnGroup = -1;
    g.treeDepth = 0;
    g.lockedM = NONE;
    g.m = NONE;
    g.timerP = NONE;
    g.syscallP = NONE;
    g.wakeSeq = -1;
    g.cpuLeftNs = 0;
    g.burstsLeft = 1;
    g.partner = NONE;
    if (group >= 0) {
      const cg = this.groups[group]!;
      cg.live++;
      if (cg.partner >= 0) {
        // pair the k-th member with the partner group's k-th member
        const k = cg.members.length;
        cg.members.push(g.slot);
        const other = this.groups[cg.partner]!.members[k];
        if (other !== undefined) {
          g.partner = other;
          this.gs[other]!.partner = g.slot;
        }
      }
      const b = cg.spec.behaviour;
      g.burstsLeft = cg.repeat;
      g.cpuLeftNs = cg.cpu(this.rng);
      if (b.startBlocked) {
        g.burstsLeft += 1;
        // the G still runs from its start to the first gopark (time.Sleep sets up its timer first)
        g.cpuLeftNs = COSTS.parkCallNs;
      }
    }
    return g;
  }
  private curPForAlloc: P | null = null;

  /** A G becomes dead: it leaves its group and any pending wake-up is void. */
  private release(g: G): void {
    if (g.group >= 0) this.groups[g.group]!.live--;
    if (g.kernelCpu) {
      g.kernelCpu = false;
      this.nkernel--;
    }
    g.group = -1;
    g.status = G_DEAD;
    g.waitReason = '';
    g.waitKind = W_NONE;
    g.m = NONE;
    g.wakeSeq = -1;
    g.partner = NONE;
  }

  /** Gs ever allocated (live, dead and cached on free lists): bounded by the peak number alive at once. */
  get allocatedGs(): number {
    return this.gs.length;
  }

  /** gfput: dead G to the P's free list; above 64, move down to 32 to the global list. */
  private gfput(p: P, g: G): void {
    this.release(g);
    p.gfree.push(g.slot);
    if (p.gfree.length >= 64) while (p.gfree.length > 32) this.gfreeGlobal.push(p.gfree.pop()!);
  }

  // ───────────────────────── run queues (runqput, runqputslow, runqget, globrunqget) ─────────────────────────

  /** runqput: with next, g takes runnext and the old runnext is kicked to the ring's tail. */
  private runqput(p: P, slot: number, next: boolean): void {
    const q = p.q;
    if (next) {
      const old = q.runnext;
      q.runnext = slot;
      if (old === NONE) return;
      slot = old;
    }
    if (q.length < RUNQ_SIZE) q.pushTail(slot);
    else this.runqputslow(p, slot);
  }

  /** runqputslow: the oldest half of a full ring (128) plus g go to the global queue's tail, 129 in one batch. */
  private runqputslow(p: P, slot: number): void {
    const half = RUNQ_SIZE / 2;
    for (let i = 0; i < half; i++) this.global.pushTail(p.q.popHead());
    this.global.pushTail(slot);
  }

  /** runqget: runnext first (inherits the time slice), then the ring's head. */
  private runqget(p: P): number {
    const q = p.q;
    if (q.runnext !== NONE) {
      const g = q.runnext;
      q.runnext = NONE;
      this.inherit = true;
      return g;
    }
    this.inherit = false;
    return q.popHead();
  }
  private inherit = false;

  /** globrunqget: n = min(size/gomaxprocs+1, size, max, 128); one runs, the rest go to the local ring. */
  private globrunqget(p: P, max: number): number {
    const size = this.global.size;
    if (size === 0) return NONE;
    let n = Math.floor(size / this.gomaxprocs) + 1;
    if (n > size) n = size;
    if (max > 0 && n > max) n = max;
    if (n > RUNQ_SIZE / 2) n = RUNQ_SIZE / 2;
    const g = this.global.popHead();
    for (let i = 1; i < n; i++) this.runqput(p, this.global.popHead(), false);
    return g;
  }

  // ───────────────────────── Ps and Ms (pidleput/get, mput/get, startm, wakep, handoffp) ─────────────────────────

  private pidleput(p: P): void {
    p.state = P_IDLE;
    p.m = NONE;
    p.curG = NONE;
    if (!p.onIdleList) {
      p.onIdleList = true;
      this.idlePs.push(p.id);
    }
  }
  /** pidleget: the idle list is LIFO (pidleput pushes on its head). */
  private pidleget(): P | null {
    while (this.idlePs.length > 0) {
      const p = this.allp[this.idlePs.pop()!];
      if (p?.onIdleList) {
        p.onIdleList = false;
        return p;
      }
    }
    return null;
  }
  private pidlegetSpecific(id: number): P {
    const p = this.allp[id]!;
    p.onIdleList = false;
    const i = this.idlePs.lastIndexOf(id);
    if (i >= 0) this.idlePs.splice(i, 1);
    return p;
  }
  private get npidle(): number {
    return this.idlePs.length;
  }

  private newM(): M {
    const m = new M(this.ms.length);
    this.ms.push(m);
    return m;
  }

  private acquire(p: P, m: M): void {
    p.state = P_RUNNING;
    p.m = m.id;
    p.curG = NONE;
    m.p = p.id;
    m.parked = false;
  }

  /** stopm: the M parks on the idle list (nmidle++). */
  private stopm(m: M): void {
    m.p = NONE;
    m.curg = NONE;
    m.spinning = false;
    m.parked = true;
    // A locked M waits for its G (stoplockedm), not on the idle list.
    if (m.lockedg === NONE) this.idleMs.push(m.id);
  }

  /** mget: the most recently parked idle M that has finished parking (see idleFrom). */
  private mget(): M | null {
    const list = this.idleMs;
    const now = this.k.now;
    for (let i = list.length - 1; i >= 0; i--) {
      const m = this.ms[list[i]!]!;
      if (m.idleFrom > now) continue;
      list[i] = list[list.length - 1]!;
      list.pop();
      return m;
    }
    return null;
  }

  /** startm: an idle M (mget) or a new thread (newm) takes p; it starts looking for work after the wake-up latency. */
  private startm(p: P, spinning: boolean): void {
    let m: M;
    let latency: number = COSTS.wakeMNs;
    const idle = this.mget();
    if (idle !== null) m = idle;
    else {
      m = this.newM();
      latency = COSTS.newMNs;
    }
    this.acquire(p, m);
    m.spinning = spinning;
    // The woken thread waits for a core when every core is busy (the OS run queue).
    p.startSeq = this.k.after(latency * this.loadFactor(), EV_M_START, p.id);
  }

  /** wakep: start one spinning M on an idle P unless some M is already spinning. */
  private wakep(): void {
    if (this.nmspinning !== 0 || this.gcwaiting) return;
    const p = this.pidleget();
    if (p === null) {
      // pidlegetSpinning (1.20+): no idle P, so ask a non-spinning M that is about to park to spin instead.
      if (this.prof.needspinning) this.needspinning = 1;
      return;
    }
    this.nmspinning++;
    this.startm(p, true);
  }

  /** handoffp: a P leaving a syscalling or locked M. */
  private handoffp(p: P): void {
    p.m = NONE;
    p.curG = NONE;
    if (!p.q.empty || this.global.size > 0) return this.startm(p, false);
    if (this.gcwaiting) {
      p.state = P_GCSTOP;
      this.stopwait--;
      return;
    }
    if (this.nmspinning + this.npidle === 0) {
      this.needspinning = 0;
      this.nmspinning++;
      return this.startm(p, true);
    }
    // The last running P keeps an M so that someone polls the network (handoffp's netpoll check).
    if (this.npidle === this.gomaxprocs - 1 && this.netWaiters > 0) return this.startm(p, false);
    this.pidleput(p);
  }
  private netWaiters = 0;

  // ───────────────────────── running Gs ─────────────────────────

  /** execute: schedtick counts fresh time slices only; a runnext G inherits the slice. */
  private execute(p: P, g: G, inheritTime: boolean, extraNs = 0): void {
    if (!inheritTime) p.schedtick = (p.schedtick + 1) >>> 0;
    const m = this.ms[p.m]!;
    g.status = G_RUNNING;
    // waitreason is not cleared when the G runs again (only gdestroy clears it): dumps show status=2(sleep).
    g.m = m.id;
    g.lastP = p.id;
    m.curg = g.slot;
    p.curG = g.slot;
    this.runFor(p, g, COSTS.switchNs + extraNs);
  }

  private runFor(p: P, g: G, extraNs: number): void {
    const work = g.spawnLeft > 0 ? g.spawnCostNs : g.cpuLeftNs;
    if (!p.executing) {
      p.executing = true;
      this.nexecuting++;
    }
    p.runFactor = this.loadFactor();
    p.runEndAt = this.k.now + (extraNs + work) * p.runFactor;
    p.runEndSeq = this.k.at(p.runEndAt, EV_RUN_END, p.id);
  }

  private stopExecuting(p: P): void {
    if (p.executing) {
      p.executing = false;
      this.nexecuting--;
    }
  }
  private nexecuting = 0;
  private readonly cpus: number;

  private onRunEnd(pid: number): void {
    const p = this.allp[pid];
    if (!p || this.k.currentSeq !== p.runEndSeq) return;
    p.runEndSeq = -1;
    this.stopExecuting(p);
    const g = this.gs[p.curG]!;
    if (g.spawnLeft > 0) {
      this.spawnOne(p, g);
      if (g.spawnLeft > 0) return this.runFor(p, g, 0);
      if (g.slot === this.mainG) return this.mainNext(p, g);
      return this.runFor(p, g, 0); // a tree node now does its own work
    }
    g.cpuLeftNs = 0;
    if (g.slot === this.mainG) return this.mainNext(p, g);
    if (g.group < 0) return this.block(p, g, W_FOREVER, this.systemReason(g), 0);
    const cg = this.groups[g.group]!;
    g.burstsLeft--;
    if (g.burstsLeft <= 0 || cg.block === null) return this.gexit(p, g);
    const blockNs = cg.block(this.rng);
    g.cpuLeftNs = cg.cpu(this.rng);
    switch (cg.blockOn) {
      case 'gosched':
        return this.gosched(p, g);
      case 'timer':
        return this.block(p, g, W_TIMER, 'sleep', blockNs);
      case 'chan':
        if (g.partner !== NONE) return this.pingPong(p, g);
        return this.block(p, g, W_CHAN, 'chan receive', blockNs);
      case 'mutex':
        return this.block(p, g, W_CHAN, this.reasons.mutex, blockNs);
      case 'net':
        return this.block(p, g, W_NET, 'IO wait', blockNs);
      case 'syscall':
        return this.entersyscall(p, g, blockNs, cg.kernelCpu);
    }
  }

  /** Unbuffered channel hand-off: wake the waiting partner (ready → runnext here), then wait for it. */
  private pingPong(p: P, g: G): void {
    const other = this.gs[g.partner]!;
    if (other.status === G_WAITING && other.waitKind === W_CHAN && other.partner === g.slot) this.ready(p, other);
    this.block(p, g, W_CHAN, 'chan receive', 0, false);
  }

  private systemReason(g: G): string {
    return ['force gc (idle)', 'GC sweep wait', 'GC scavenge wait'][(g.goid - 2) % 3] ?? 'force gc (idle)';
  }

  /** newproc: the new G goes to runnext of the creating P (the old runnext is kicked to the ring), then wakep. */
  private spawnOne(p: P, parent: G): void {
    parent.spawnLeft--;
    this.curPForAlloc = p;
    const child = this.allocG(parent.spawnGroup);
    this.curPForAlloc = null;
    const cs = child.group >= 0 ? this.groups[child.group]!.spec.spawn : null;
    if (cs?.kind === 'tree') {
      child.treeDepth = parent.slot === this.mainG ? 1 : parent.treeDepth + 1;
      if (child.treeDepth < cs.depth) {
        child.spawnLeft = cs.fanout;
        child.spawnGroup = child.group;
        child.spawnCostNs = COSTS.spawnNs;
      }
    }
    if (child.group >= 0 && this.groups[child.group]!.spec.behaviour.lockOSThread) this.lockOSThread(child);
    this.runqput(p, child.slot, true);
    this.wakep();
  }

  /** LockOSThread: the G gets an M of its own (created now; it runs only this G). */
  private lockOSThread(g: G): void {
    const m = this.newM();
    m.lockedg = g.slot;
    m.parked = true; // stoplockedm until the G is scheduled
    g.lockedM = m.id;
  }

  /** main goroutine: runs the workload's bursts in time order, then waits (sync.WaitGroup.Wait). */
  private mainNext(p: P, g: G): void {
    const now = this.k.now;
    const due = this.bursts.find((b) => !b.started && b.atNs <= now);
    if (due) {
      due.started = true;
      g.spawnLeft = due.count;
      g.spawnGroup = due.group;
      g.spawnCostNs = due.costNs;
      return this.runFor(p, g, 0);
    }
    if (now >= this.crashAtNs) return this.panicMain(p, g);
    const next = this.bursts.find((b) => !b.started);
    // time.Sleep until the next burst, or until the panic (crash/main.go: time.Sleep(after); panic(...)).
    const wakeNs = Math.min(next ? next.atNs : Infinity, this.crashAtNs);
    if (wakeNs < Infinity) return this.block(p, g, W_TIMER, 'sleep', wakeNs - now);
    this.block(p, g, W_FOREVER, this.reasons.waitGroup, 0);
  }

  /**
   * main panics on P p. fatalpanic → startpanic_m: m.mallocing++, m.dying = 1, lock(&paniclk), and
   * with schedtrace > 0 one schedtrace(true) (a detailed dump, whatever scheddetail says; schedtrace's
   * own lock(&sched.lock) makes locks=2) before freezetheworld; then the process exits.
   */
  private panicMain(p: P, _g: G): void {
    this.dyingM = p.m;
    const t = this.options.trace;
    if (t) {
      if (this.starttime < 0) this.starttime = this.k.now;
      const s = this.snapshot(true);
      s.tMs = Math.floor((this.k.now - this.starttime) / MS);
      s.crash = true;
      t.onSnapshot(s);
    }
    this.k.stop();
  }

  private onBurst(_group: number): void {
    if (this.mainG === NONE) return;
    const main = this.gs[this.mainG]!;
    // main is asleep until this burst: wake it (a timer). Busy or runnable: it gets there itself.
    if (main.status === G_WAITING && main.waitKind === W_FOREVER) this.timerReady(main);
  }

  private onArrival(idx: number): void {
    const cg = this.groups[idx]!;
    if (cg.epoch !== this.epoch || cg.arrivalSeq !== this.k.currentSeq || cg.spec.spawn.kind !== 'rate') return;
    const s = cg.spec.spawn;
    const next = this.k.now + this.rng.exp(1000 / s.perSecond) * MS;
    cg.arrivalSeq = next <= cg.endNs ? this.k.at(next, EV_ARRIVAL, idx) : -1;
    // A spawner running on P onP creates the G there; otherwise a listener woken by the network does
    // (netpoll → the G that accepts runs on some P and creates the handler there).
    let p: P | undefined = s.onP !== undefined ? this.allp[s.onP % this.gomaxprocs] : undefined;
    if (!p || p.state !== P_RUNNING) p = this.someRunningP(p?.id ?? 0) ?? undefined;
    this.curPForAlloc = p ?? null;
    const g = this.allocG(idx);
    this.curPForAlloc = null;
    if (cg.spec.behaviour.lockOSThread) this.lockOSThread(g);
    if (p) {
      this.runqput(p, g.slot, true);
      this.wakep();
    } else this.readyOnIdleP(g);
  }

  /** gexit (goexit0): the G is dead and cached on the P; its locked M, if any, exits with it (mexit). */
  private gexit(p: P, g: G): void {
    const m = this.ms[p.m]!;
    m.curg = NONE;
    if (g.lockedM !== NONE) {
      // UnlockOSThread ran before exit in the sample programs: the M stays, unlocked.
      m.lockedg = NONE;
      g.lockedM = NONE;
    }
    this.gfput(p, g);
    p.curG = NONE;
    this.schedule(p);
  }

  /** Gosched and preemption (goschedImpl): the G goes to the global queue's tail; 1.25+ also calls wakep. */
  private gosched(p: P, g: G): void {
    const m = this.ms[p.m]!;
    m.curg = NONE;
    g.status = G_RUNNABLE;
    g.m = NONE;
    p.curG = NONE;
    this.global.pushTail(g.slot);
    if (this.prof.goschedWakep) this.wakep();
    if (g.lockedM !== NONE && g.lockedM === m.id) {
      // A locked G's M cannot run others: hand the P off and wait (stoplockedm).
      m.p = NONE;
      m.parked = true;
      return this.handoffp(p);
    }
    this.schedule(p);
  }

  /** gopark: the G waits; its wake-up is scheduled now (the spec gives the blocked time). */
  private block(p: P, g: G, kind: number, reason: string, ns: number, timed = true): void {
    const m = this.ms[p.m]!;
    g.status = G_WAITING;
    g.waitKind = kind;
    g.waitReason = reason;
    g.m = NONE;
    m.curg = NONE;
    p.curG = NONE;
    if (kind === W_TIMER) {
      g.timerP = p.id;
      // addtimer / timer.maybeAdd → wakeNetPoller: with no M blocked in netpoll, wakep so that one
      // gets there to serve the timer (1.23+: only for the P's new earliest timer; a P's count of 0
      // stands in for that). With an M in netpoll it is netpollBreak: that M re-blocks, no change here.
      const wake = this.prof.timerWakeAlways || p.timers === 0;
      p.timers++;
      this.ntimers++;
      if (wake && this.netpollM === NONE) this.wakep();
    }
    if (kind === W_NET) this.netWaiters++;
    g.wakeSeq = kind === W_FOREVER || !timed ? -1 : this.k.after(ns, EV_G_WAKE, g.slot);
    if (g.lockedM !== NONE && g.lockedM === m.id) {
      // stoplockedm: the locked M parks until its G is runnable again; its P is handed off.
      m.p = NONE;
      m.parked = true;
      return this.handoffp(p);
    }
    this.schedule(p);
  }

  private onGWake(slot: number): void {
    const g = this.gs[slot]!;
    if (this.k.currentSeq !== g.wakeSeq) return;
    g.wakeSeq = -1;
    if (g.status === G_SYSCALL) return this.exitsyscall(g);
    if (g.status !== G_WAITING) return;
    switch (g.waitKind) {
      case W_TIMER:
        return this.timerReady(g);
      case W_CHAN:
        return this.chanReady(g);
      case W_NET:
        return this.netReadyG(g);
    }
  }

  /**
   * A timer fired (time.Sleep → goready from the timer function). Timers live on the P that set them
   * (Go 1.14+): a running owner runs it at its next check and readies the G into its runnext; with the
   * owner idle, the M sleeping in netpoll until the timer wakes, takes an idle P and runs it there.
   */
  private timerReady(g: G): void {
    const owner = g.timerP >= 0 ? this.allp[g.timerP] : undefined;
    if (owner && owner.timers > 0) {
      owner.timers--;
      this.ntimers--;
    }
    g.timerP = NONE;
    if (owner && owner.state === P_RUNNING && !this.gcwaiting) return this.ready(owner, g);
    this.readyOnIdleP(g);
  }

  /** Channel / mutex wake-up: ready() by the waker, running on some P (the G's last P when it is busy). */
  private chanReady(g: G): void {
    const last = this.allp[g.lastP];
    const p = last && last.state === P_RUNNING && last.curG !== NONE ? last : this.someRunningP(g.lastP);
    if (p && !this.gcwaiting) return this.ready(p, g);
    this.readyOnIdleP(g);
  }

  /** The network poller reported g's descriptor ready. */
  private netReadyG(g: G): void {
    this.netWaiters--;
    g.status = G_RUNNABLE;
    // An M blocked in netpoll (findRunnable's last step) wakes at once when a P is idle.
    if (this.npidle > 0 && !this.gcwaiting) return this.readyOnIdleP(g);
    this.netReady.push(g.slot);
  }

  /** ready: runnext of the waker's P, then wakep. */
  private ready(p: P, g: G): void {
    g.status = G_RUNNABLE;
    this.runqput(p, g.slot, true);
    this.wakep();
  }

  /** No busy P to run the wake-up: an idle P is taken (an M woken from netpoll/timer sleep), or the G goes global. */
  private readyOnIdleP(g: G): void {
    g.status = G_RUNNABLE;
    const p = this.gcwaiting ? null : this.pidleget();
    if (p === null) {
      this.global.pushTail(g.slot);
      return;
    }
    this.runqput(p, g.slot, true);
    if (this.netpollM !== NONE) {
      // findRunnable after netpoll(delay) returns: pidleget, acquirep, run the woken G.
      const m = this.ms[this.netpollM]!;
      this.netpollM = NONE;
      this.acquire(p, m);
      p.startSeq = this.k.after(COSTS.wakeMNs * this.loadFactor(), EV_M_START, p.id);
      return;
    }
    this.startm(p, false);
  }

  private someRunningP(from: number): P | null {
    const n = this.gomaxprocs;
    for (let i = 0; i < n; i++) {
      const p = this.allp[(from + i) % n]!;
      if (p.state === P_RUNNING && p.curG !== NONE) return p;
    }
    return null;
  }

  // ───────────────────────── syscalls (entersyscall, retake, exitsyscall) ─────────────────────────

  /** entersyscall: the M keeps its P, which sysmon may retake; the G is _Gsyscall. */
  private entersyscall(p: P, g: G, ns: number, kernelCpu: boolean): void {
    g.status = G_SYSCALL;
    g.syscallP = p.id;
    p.state = P_SYSCALL;
    p.syscallwhen = this.k.now;
    p.sysmonSyscalltick = p.syscalltick - 1; // sysmon has not seen this syscall yet
    if (kernelCpu) {
      // The thread keeps a core busy in the kernel: it shares the cores with the executing Ps.
      g.kernelCpu = true;
      this.nkernel++;
      ns *= this.loadFactor();
    }
    g.wakeSeq = this.k.after(ns, EV_G_WAKE, g.slot);
  }
  /** Threads burning CPU inside a syscall (block.cpu). */
  private nkernel = 0;

  /** Wall time per unit of CPU time: threads wanting a core (executing Ps + kernel CPU) / cores, at least 1. */
  private loadFactor(): number {
    const load = this.nexecuting + this.nkernel;
    return load > this.cpus ? load / this.cpus : 1;
  }

  /**
   * exitsyscall: fast path if the P is still ours (syscalltick++); else exitsyscallfast takes the old P
   * or any idle P; else exitsyscall0 puts the G on the global queue and parks the M (stopm).
   */
  private exitsyscall(g: G): void {
    const m = this.ms[g.m]!;
    if (g.kernelCpu) {
      g.kernelCpu = false;
      this.nkernel--;
    }
    const old = this.allp[g.syscallP];
    g.syscallP = NONE;
    if (old && old.state === P_SYSCALL && old.m === m.id && !this.gcwaiting) {
      old.state = P_RUNNING;
      old.syscalltick = (old.syscalltick + 1) >>> 0;
      g.status = G_RUNNING;
      return this.runFor(old, g, COSTS.switchNs);
    }
    let p: P | null = null;
    if (!this.gcwaiting) {
      if (old?.onIdleList) {
        p = this.pidlegetSpecific(old.id);
        p.syscalltick = (p.syscalltick + 1) >>> 0;
      } else p = this.pidleget();
    }
    if (p) {
      this.acquire(p, m);
      g.status = G_RUNNING;
      g.lastP = p.id;
      p.curG = g.slot;
      return this.runFor(p, g, COSTS.wakeMNs);
    }
    g.status = G_RUNNABLE;
    g.m = NONE;
    this.global.pushTail(g.slot);
    if (g.lockedM === m.id) {
      m.curg = NONE;
      m.parked = true;
    } else this.stopm(m);
  }

  // ───────────────────────── schedule / findRunnable / stealWork ─────────────────────────

  private onMStart(pid: number): void {
    const p = this.allp[pid];
    if (!p || this.k.currentSeq !== p.startSeq) return;
    p.startSeq = -1;
    const pending = p.curG;
    if (pending !== NONE) {
      // A locked G handed over by startlockedm: its M now runs it on this P.
      p.curG = NONE;
      if (this.gcwaiting) {
        this.global.pushTail(pending);
        return this.schedule(p);
      }
      // schedule: `if mp.lockedg != 0 { stoplockedm(); execute(mp.lockedg.ptr(), false) }`: a locked G
      // never inherits the time slice, so every hand-over counts a schedtick (even from runnext).
      return this.execute(p, this.gs[pending]!, false, 0);
    }
    this.schedule(p);
  }

  /** schedule → findRunnable → execute, for the M holding p. */
  private schedule(p: P): void {
    const m = this.ms[p.m]!;
    let retried = false;
    let rechecks = 0;
    for (;;) {
      // findRunnable 1: a stop-the-world is pending → gcstopm.
      if (this.gcwaiting) {
        p.state = P_GCSTOP;
        p.m = NONE;
        if (m.spinning) {
          m.spinning = false;
          this.nmspinning--;
        }
        this.stopwait--;
        return this.stopm(m);
      }
      let slot = NONE;
      let inherit = false;
      let extra = 0;
      // 5: every 61st schedtick, one G from the global queue first (fairness).
      if (p.schedtick % FAIRNESS_TICK === 0 && this.global.size > 0) slot = this.globrunqget(p, 1);
      // 7: local queue, runnext first.
      if (slot === NONE) {
        slot = this.runqget(p);
        inherit = slot !== NONE && this.inherit;
      }
      // 8: global batch.
      if (slot === NONE && this.global.size > 0) slot = this.globrunqget(p, 0);
      // 9: non-blocking netpoll; the first G runs, the rest go through injectglist.
      if (slot === NONE && this.netReady.length > 0) slot = this.netpoll(p);
      // 10: steal, if this M spins or may start spinning (spinning Ms ≤ half the busy Ps).
      if (slot === NONE && (m.spinning || 2 * this.nmspinning < this.gomaxprocs - this.npidle)) {
        if (!m.spinning) {
          // becomeSpinning
          m.spinning = true;
          this.nmspinning++;
          this.needspinning = 0;
        }
        slot = this.stealWork(p);
        if (slot !== NONE) extra = COSTS.stealNs;
      }
      if (slot !== NONE) {
        if (m.spinning) {
          // resetspinning: the M found work; wake another spinner so the work spreads.
          m.spinning = false;
          this.nmspinning--;
          this.wakep();
        }
        const g = this.gs[slot]!;
        if (g.lockedM !== NONE && g.lockedM !== m.id) return this.startlockedm(p, m, g);
        return this.execute(p, g, inherit, extra);
      }
      // 12: under sched.lock: re-check the global queue; needspinning turns this M into a spinner (1.20+).
      if (!m.spinning && this.needspinning === 1 && !retried) {
        retried = true;
        this.needspinning = 0;
        m.spinning = true;
        this.nmspinning++;
        continue;
      }
      const wasSpinning = m.spinning;
      this.pidleput(p);
      m.p = NONE;
      if (wasSpinning) {
        m.spinning = false;
        this.nmspinning--;
        // 13: checkRunqsNoP / global re-check after dropping the P: take an idle P back if work appeared.
        if (rechecks++ === 0 && (this.global.size > 0 || this.anyLocalWork())) {
          const pp = this.pidleget();
          if (pp) {
            this.acquire(pp, m);
            m.spinning = true;
            this.nmspinning++;
            p = pp;
            continue;
          }
        }
      }
      // With timers or network waiters pending and nobody polling (sched.lastpoll.Swap(0) != 0), the M
      // blocks in netpoll(delay) instead of stopm: no P, not on the idle list, so a wakep while it sleeps
      // needs another M. It is the M that takes an idle P when the timer fires (readyOnIdleP).
      if (this.netpollM === NONE && (this.netWaiters > 0 || this.timersPending)) {
        m.curg = NONE;
        m.parked = false;
        this.netpollM = m.id;
        return;
      }
      this.stopm(m);
      // The M dropped its P and left the spinning count, but reaches mput only after the re-checks
      // (checkRunqsNoP, checkTimersNoP, the netpoll checks): a wakep in that window finds no idle M
      // and creates one (newm). startm skips it until then.
      m.idleFrom = this.k.now + COSTS.dropPNs;
      return;
    }
  }

  private anyLocalWork(): boolean {
    return this.queued.n > 0;
  }

  /** startlockedm: hand the P to the G's locked M; this M parks (stopm). */
  private startlockedm(p: P, m: M, g: G): void {
    this.stopm(m);
    const lm = this.ms[g.lockedM]!;
    this.acquire(p, lm);
    p.curG = g.slot;
    p.startSeq = this.k.after(COSTS.wakeMNs * this.loadFactor(), EV_M_START, p.id);
  }

  /** netpoll(0) from findRunnable: first ready G runs; injectglist puts one per idle P globally, the rest locally. */
  private netpoll(p: P): number {
    this.lastpoll = this.k.now;
    const list = this.netReady.splice(0);
    const first = list.shift()!;
    this.injectglist(list, p);
    return first;
  }

  /**
   * injectglist: without a P everything goes to the global queue and up to n idle Ps are started;
   * with a P, one G per idle P goes global (each with startm), the rest to this P's local queue.
   */
  private injectglist(list: number[], p: P | null): void {
    if (list.length === 0) return;
    for (const s of list) this.gs[s]!.status = G_RUNNABLE;
    if (p === null) {
      for (const s of list) this.global.pushTail(s);
      for (let n = list.length; n > 0 && this.npidle > 0; n--) this.startm(this.pidleget()!, false);
      return;
    }
    let i = 0;
    const npidle = this.npidle;
    for (; i < npidle && i < list.length; i++) this.global.pushTail(list[i]!);
    for (let j = 0; j < i && this.npidle > 0; j++) this.startm(this.pidleget()!, false);
    for (; i < list.length; i++) this.runqput(p, list[i]!, false);
    this.wakep();
  }

  /** stealWork: 4 rounds over all Ps in random coprime order; runnext only in the last round. */
  private stealWork(p: P): number {
    // Nothing queued on any P: the 4 rounds would find nothing (a shortcut; the runtime walks them).
    if (this.queued.n === 0) return NONE;
    const n = this.gomaxprocs;
    for (let round = 0; round < 4; round++) {
      const last = round === 3;
      // Rounds 1-3 can only take from rings; with every ring empty they would find nothing.
      if (!last && this.queued.ring === 0) continue;
      this.stealOrder.start(this.rng.uint32());
      if (n <= MASK_PS) {
        const g = this.stealRound(p, last);
        if (g !== NONE) return g;
        continue;
      }
      let pos = this.stealOrder.pos;
      const inc = this.stealOrder.inc;
      for (let i = 0; i < n; i++, pos = (pos + inc) % n) {
        if (pos === p.id) continue;
        const victim = this.allp[pos]!;
        // 1.25+: Ps in idlepMask are skipped (their queues are empty anyway).
        if (this.prof.stealSkipsIdle && victim.state === P_IDLE) continue;
        const g = this.runqsteal(p, victim, last);
        if (g !== NONE) return g;
      }
    }
    return NONE;
  }

  /**
   * One round of stealWork's walk, visiting only the Ps whose queues are not empty (runqsteal finds
   * nothing on the others) in the order the walk would reach them: the same victim, far fewer visits.
   */
  private stealRound(p: P, last: boolean): number {
    const n = this.gomaxprocs;
    const mask = this.queued.nonEmpty;
    const ids = this.candId;
    const ranks = this.candRank;
    let k = 0;
    for (let w = 0, words = (n + 31) >> 5; w < words; w++) {
      let bits = mask[w]!;
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const id = (w << 5) + 31 - Math.clz32(low);
        if (id >= n || id === p.id) continue;
        const victim = this.allp[id]!;
        if (this.prof.stealSkipsIdle && victim.state === P_IDLE) continue;
        // Before the last round only rings are stolen from.
        if (!last && victim.q.head === victim.q.tail) continue;
        ids[k] = id;
        ranks[k] = this.stealOrder.rank(id);
        k++;
      }
    }
    while (k > 0) {
      let best = 0;
      for (let i = 1; i < k; i++) if (ranks[i]! < ranks[best]!) best = i;
      const g = this.runqsteal(p, this.allp[ids[best]!]!, last);
      if (g !== NONE) return g;
      k--;
      ids[best] = ids[k]!;
      ranks[best] = ranks[k]!;
    }
    return NONE;
  }

  /** runqsteal/runqgrab: take ceil(half) from the victim's head; the last one taken runs. */
  private runqsteal(p: P, victim: P, stealRunnext: boolean): number {
    const vq = victim.q;
    let n = vq.length;
    n = n - (n >> 1);
    if (n === 0) {
      if (!stealRunnext || vq.runnext === NONE) return NONE;
      // runqgrab sleeps 3 µs first when the victim is running, giving it the chance to run its runnext.
      if (victim.state === P_RUNNING && victim.curG !== NONE && victim.runEndAt <= this.k.now + 3_000) return NONE;
      const g = vq.runnext;
      vq.runnext = NONE;
      return g;
    }
    for (let i = 0; i < n - 1; i++) p.q.pushTail(vq.popHead());
    return vq.popHead();
  }

  // ───────────────────────── sysmon ─────────────────────────

  private onSysmon(): void {
    const now = this.k.now;
    // Network poll if nobody polled for 10 ms: injectglist without a P (everything global).
    if (this.netReady.length > 0 && now - this.lastpoll > COSTS.sysmonNetpollNs) {
      this.lastpoll = now;
      this.injectglist(this.netReady.splice(0), null);
    }
    const retaken = this.retake(now);
    // sysmon's delay: 20 µs while retaking; after 50 idle rounds it doubles up to 10 ms.
    if (retaken > 0) this.sysmonIdle = 0;
    else this.sysmonIdle++;
    if (this.sysmonIdle === 0) this.sysmonDelayUs = 20;
    else if (this.sysmonIdle > 50) this.sysmonDelayUs *= 2;
    if (this.sysmonDelayUs > 10_000) this.sysmonDelayUs = 10_000;
    // schedtrace is the last step of an iteration, at the first wake at or after lasttrace + period.
    const t = this.options.trace;
    if (t && (this.lasttrace < 0 || this.lasttrace + t.periodMs * MS <= now)) {
      this.lasttrace = now;
      if (this.starttime < 0) this.starttime = now;
      const s = this.snapshot(t.detail);
      s.tMs = Math.floor((now - this.starttime) / MS);
      t.onSnapshot(s);
    }
    // sysmon is a thread too: on saturated cores its wake-up waits for one.
    const load = this.loadFactor();
    let sleep =
      this.sysmonDelayUs * 1000 +
      (this.sysmonDelayUs >= 1000 ? COSTS.sleepOverheadNs + this.rng.float() * COSTS.sleepJitterNs : 0) * load;
    // Cores saturated: after usleep the thread queues behind the others for a share of an OS time slice.
    if (load > 1) sleep += (load - 1) * COSTS.osSliceNs;
    this.k.after(sleep, EV_SYSMON, 0, 0);
  }

  /**
   * retake: preempt a G running 10 ms on one schedtick (preemptone → goschedImpl → global queue);
   * retake a P in a syscall unless (its queue is empty, someone spins or idles, and < 10 ms passed).
   */
  private retake(now: number): number {
    let n = 0;
    for (let i = 0; i < this.gomaxprocs; i++) {
      const p = this.allp[i]!;
      if (p.state === P_SYSCALL) {
        if (p.sysmonSyscalltick !== p.syscalltick) {
          p.sysmonSyscalltick = p.syscalltick;
          p.syscallwhen = now;
          continue;
        }
        if (p.q.empty && this.nmspinning + this.npidle > 0 && p.syscallwhen + 10 * MS > now) continue;
        p.syscalltick = (p.syscalltick + 1) >>> 0;
        const g = this.gs[p.curG];
        if (g) g.syscallP = p.id; // exitsyscall compares p.m with its M: now cleared
        this.handoffp(p);
        n++;
      } else if (p.state === P_RUNNING && p.curG !== NONE && p.runEndSeq !== -1) {
        if (p.sysmonSchedtick !== p.schedtick) {
          p.sysmonSchedtick = p.schedtick;
          p.schedwhen = now;
        } else if (p.schedwhen + COSTS.forcePreemptNs <= now) {
          this.preempt(p);
        }
      }
    }
    return n;
  }

  private preempt(p: P): void {
    const g = this.gs[p.curG]!;
    if (g.spawnLeft === 0) g.cpuLeftNs = Math.max(0, p.runEndAt - this.k.now) / p.runFactor;
    p.runEndSeq = -1;
    this.stopExecuting(p);
    this.gosched(p, g);
  }

  // ───────────────────────── stop-the-world, GC, procresize ─────────────────────────

  /** stopTheWorldWithSema: gcwaiting; idle and syscall Ps stop at once, running ones at their next schedule. Arg: new GOMAXPROCS, or 0 for a GC. */
  private onStopTheWorld(newprocs: number): void {
    this.gcwaiting = true;
    this.stopwait = this.gomaxprocs;
    for (let i = 0; i < this.gomaxprocs; i++) {
      const p = this.allp[i]!;
      if (p.state === P_IDLE) {
        p.onIdleList = false;
        p.state = P_GCSTOP;
        this.stopwait--;
      } else if (p.state === P_SYSCALL) {
        p.syscalltick = (p.syscalltick + 1) >>> 0;
        p.state = P_GCSTOP;
        p.m = NONE;
        p.curG = NONE;
        this.stopwait--;
      } else if (p.state === P_RUNNING) {
        if (p.curG !== NONE && p.runEndSeq !== -1) {
          // preemptall: the running G is preempted (goschedImpl → global queue), the M then stops.
          this.preempt(p);
        } else if (p.startSeq !== -1) {
          // an M on its way: it stops as soon as it arrives (findRunnable's gcwaiting check).
        }
      }
    }
    this.idlePs.length = 0;
    const stw = newprocs > 0 ? 0.05 * MS : (this.workload.gc?.stwMs ?? 0) * MS;
    this.k.after(stw, EV_START_WORLD, newprocs);
  }

  /** startTheWorldWithSema: procresize, then Ps with work get Ms, the others go idle; wakep. */
  private onStartTheWorld(newprocs: number): void {
    if (newprocs > 0) this.procresize(newprocs);
    this.gcwaiting = false;
    this.stopwait = 0;
    for (let i = 0; i < this.gomaxprocs; i++) {
      const p = this.allp[i]!;
      if (p.state !== P_GCSTOP) continue;
      if (p.startSeq !== -1) continue;
      if (!p.q.empty) this.startm(p, false);
      else this.pidleput(p);
    }
    this.wakep();
    if (newprocs === 0 && this.workload.gc) this.k.after(this.workload.gc.everyMs * MS, EV_STW, 0);
  }

  /** procresize: removed Ps' queues go to the global queue's head (order kept, runnext first); new Ps start stopped. */
  private procresize(n: number): void {
    const old = this.allp.length === 0 ? 0 : this.gomaxprocs;
    for (let i = old; i < n; i++) {
      if (!this.allp[i]) this.allp[i] = new P(i, this.queued);
      const p = this.allp[i]!;
      p.state = P_GCSTOP;
      p.q.clear();
      p.onIdleList = false;
    }
    for (let i = n; i < old; i++) {
      const p = this.allp[i]!;
      // p.destroy: pop the ring from its tail onto the global head, then runnext on top.
      for (let s = p.q.popTail(); s !== NONE; s = p.q.popTail()) this.global.pushHead(s);
      if (p.q.runnext !== NONE) this.global.pushHead(p.q.runnext);
      p.q.clear();
      for (const s of p.gfree) this.gfreeGlobal.push(s);
      p.gfree.length = 0;
      p.onIdleList = false;
      p.state = P_GCSTOP;
      p.m = NONE;
      if (p.startSeq !== -1) p.startSeq = -1;
      // timers move to the P running procresize (P0 here)
      for (const g of this.gs) if (g.timerP === i) g.timerP = 0;
      this.allp[0]!.timers += p.timers;
      p.timers = 0;
    }
    // Ms that were starting on removed Ps park again.
    for (const m of this.ms) {
      if (m.p < n) continue;
      if (m.spinning) this.nmspinning--;
      this.stopm(m);
    }
    this.allp.length = Math.max(n, this.allp.length);
    this.gomaxprocs = n;
    this.stealOrder.reset(n);
  }

  // ───────────────────────── observation ─────────────────────────

  /** The state as schedtrace would print it now (tMs = floor(now in ms), stream '', run 0, line 0). */
  snapshot(detail: boolean): Snapshot {
    const ps = this.allp.slice(0, this.gomaxprocs);
    let idlethreads = 0;
    let nmidlelocked = 0;
    for (const m of this.ms) {
      if (!m.parked) continue;
      if (m.lockedg !== NONE) nmidlelocked++;
      else idlethreads++;
    }
    const s: Snapshot = {
      stream: '',
      run: 0,
      line: 0,
      tMs: Math.floor(this.k.now / MS),
      era: this.prof.name === 'go1.26' ? 'go1.25' : 'go1.14',
      gomaxprocs: this.gomaxprocs,
      idleprocs: this.npidle,
      threads: this.ms.length,
      spinningthreads: this.nmspinning,
      idlethreads,
      runqueue: this.global.size,
      runq: ps.map((p) => p.q.length),
    };
    if (this.prof.needspinning) s.needspinning = this.needspinning;
    if (this.prof.name === 'go1.26' && !detail) s.schedticks = ps.map((p) => p.schedtick);
    if (!detail) return s;
    s.gcwaiting = this.gcwaiting;
    s.nmidlelocked = nmidlelocked;
    s.stopwait = this.stopwait;
    s.sysmonwait = false;
    s.era = this.prof.name === 'go1.26' ? 'go1.20' : 'go1.14';
    const pd: PDetail[] = ps.map((p) => {
      const status = p.state === P_SYSCALL ? (this.prof.psyscallStatus ? 2 : 1) : p.state;
      // ≤1.25: entersyscall clears p.m, so a P in a syscall prints no M.
      const m =
        p.state === P_IDLE || p.state === P_GCSTOP || (p.state === P_SYSCALL && this.prof.psyscallStatus) ? null : p.m;
      return {
        id: p.id,
        status,
        schedtick: p.schedtick,
        syscalltick: p.syscalltick,
        m: m === NONE ? null : m,
        runqsize: p.q.length,
        gfreecnt: p.gfree.length,
        timerslen: p.timers,
      };
    });
    const md: MDetail[] = [];
    for (let i = this.ms.length - 1; i >= 0; i--) {
      const m = this.ms[i]!;
      const g = m.curg === NONE ? null : this.gs[m.curg]!;
      const dying = m.id === this.dyingM;
      md.push({
        id: m.id,
        p: m.p === NONE ? null : m.p,
        curg: g ? g.goid : null,
        mallocing: dying ? 1 : 0,
        throwing: 0,
        preemptoff: '',
        // The printing M holds sched.lock (and, dying, paniclk): sysmon normally, the dying M at a crash.
        locks: dying ? 2 : m.sysmon && this.dyingM === NONE ? 2 : 0,
        dying: dying ? 1 : 0,
        spinning: m.spinning,
        blocked: m.parked,
        lockedg: m.lockedg === NONE ? null : this.gs[m.lockedg]!.goid,
      });
    }
    const gd: GDetail[] = this.gs.map((g) => ({
      id: g.goid,
      rawStatus: g.status,
      status: g.status,
      scan: false,
      waitReason: g.waitReason,
      m: g.m === NONE || (g.status !== G_RUNNING && g.status !== G_SYSCALL) ? null : g.m,
      lockedm: g.lockedM === NONE ? null : g.lockedM,
    }));
    s.detail = { p: pd, m: md, g: gd };
    return s;
  }

  /**
   * Replace the queue state with an observed one: runq[i] runnable Gs in P i's ring, runqueue Gs in the
   * global queue, `idleprocs` Ps idle (Ps with empty queues first), every other P running one G. Seeded Gs
   * behave like `behaviour`; the workload's future arrivals are replaced by `arrivals` (times relative to now).
   */
  loadState(state: ObservedState, behaviour: BehaviourSpec, arrivals: GroupSpec[]): void {
    this.epoch++;
    this.bursts.length = 0;
    // Forget every queued and running G (they are superseded by the observed state).
    for (let i = 0; i < this.gomaxprocs; i++) {
      const p = this.allp[i]!;
      p.runEndSeq = -1;
      p.startSeq = -1;
      p.q.clear();
      this.stopExecuting(p);
    }
    this.global.clear();
    this.netReady.length = 0;
    // The superseded Gs die and go to the global free list (gfput/gfpurge), so the next seeding reuses them.
    for (const g of this.gs) {
      if (g.status === G_RUNNABLE || g.status === G_RUNNING || g.status === G_SYSCALL) {
        if (g.lockedM !== NONE) {
          const lm = this.ms[g.lockedM];
          if (lm && lm.lockedg === g.slot) lm.lockedg = NONE;
          g.lockedM = NONE;
        }
        if (g.slot === this.mainG) this.mainG = NONE;
        this.release(g);
        this.gfreeGlobal.push(g.slot);
      }
    }
    // Groups of earlier epochs with no G left are recycled (their pending arrivals are void: arrivalSeq).
    this.freeGroups.length = 0;
    const fixed = this.workload.groups.length;
    for (let i = this.groups.length - 1; i >= fixed; i--) {
      const cg = this.groups[i]!;
      if (cg.live === 0) {
        cg.arrivalSeq = -1;
        this.freeGroups.push(i);
      }
    }
    this.gcwaiting = false;
    this.stopwait = 0;
    if (state.gomaxprocs !== this.gomaxprocs) this.procresize(state.gomaxprocs);
    const n = this.gomaxprocs;
    const seedGroup = this.addGroup(
      { name: `observed-${this.epoch}`, spawn: { kind: 'burst', atMs: 0, count: 0 }, behaviour },
      this.k.now,
      false,
    );
    const mk = (p: P): number => {
      this.curPForAlloc = p;
      const g = this.allocG(seedGroup);
      this.curPForAlloc = null;
      return g.slot;
    };
    // Ms: everyone parks, then the running Ps take one each.
    this.idleMs.length = 0;
    this.idlePs.length = 0;
    this.nmspinning = 0;
    this.netpollM = NONE;
    for (const m of this.ms) {
      if (m.sysmon) continue;
      m.p = NONE;
      m.curg = NONE;
      m.spinning = false;
      m.idleFrom = 0;
      if (m.lockedg === NONE) {
        m.parked = true;
        this.idleMs.push(m.id);
      } else m.parked = true;
    }
    const order = [...Array(n).keys()].sort((a, b) => (state.runq[a] ?? 0) - (state.runq[b] ?? 0) || a - b);
    const idle = new Set(order.slice(0, Math.min(state.idleprocs, n)));
    for (let i = 0; i < n; i++) {
      const p = this.allp[i]!;
      p.onIdleList = false;
      if (idle.has(i)) {
        this.pidleput(p);
        continue;
      }
      const m = this.idleMs.length > 0 ? this.ms[this.idleMs.pop()!]! : this.newM();
      this.acquire(p, m);
      for (let j = 0; j < (state.runq[i] ?? 0) && p.q.length < RUNQ_SIZE; j++) p.q.pushTail(mk(p));
      this.execute(p, this.gs[mk(p)]!, false);
    }
    for (let j = 0; j < state.runqueue; j++) this.global.pushTail(mk(this.allp[0]!));
    // Observed Ps counted idle may still show queued Gs in a racy dump; those go to the global queue.
    for (const i of idle) for (let j = 0; j < (state.runq[i] ?? 0); j++) this.global.pushTail(mk(this.allp[i]!));
    while (state.threads !== undefined && this.ms.length < state.threads) {
      const m = this.newM();
      m.parked = true;
      this.idleMs.push(m.id);
    }
    for (const a of arrivals) this.addGroup(a, this.k.now);
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
