/**
 * The simulated program: the workload's goroutine groups, what each G's code does when its CPU work
 * ends (spawn, block, ping-pong, exit), main's bursts and the crash. It reaches the runtime only
 * through runtime-shaped calls: newproc1/newproc, gopark, goready, entersyscall, Gosched,
 * LockOSThread, goexit0, fatalpanic.
 */
import type { BehaviourSpec, GroupSpec, WorkloadSpec } from '../../workload/spec.js';
import { COSTS } from '../costs.js';
import { type G, G_WAITING, type P, P_RUNNING, W_CHAN, W_FOREVER, W_NET, W_TIMER } from '../entities.js';
import { EV_ARRIVAL, EV_BURST, EV_EXIT, EV_STW } from '../runtime/events.js';
import { newproc1 } from '../runtime/gfree.js';
import {
  fatalpanic,
  Gosched,
  goexit0,
  gopark,
  goready,
  gopreemptM,
  LockOSThread,
  newproc,
  readyOnIdleP,
  timerReady,
} from '../runtime/park.js';
import { someRunningP } from '../runtime/procs.js';
import { runFor } from '../runtime/schedule.js';
import { MS, NONE, type Program as ProgramHooks, type Sched } from '../runtime/sched.js';
import { entersyscall } from '../runtime/syscall.js';
import { bgsweepStart } from '../runtime/sweep.js';
import { type Sampler, sampler } from './sampler.js';

interface CompiledGroup {
  spec: GroupSpec;
  cpu: Sampler;
  block: Sampler | null;
  blockOn: string | null;
  /** block.cpu: the syscall burns CPU in the kernel. */
  kernelCpu: boolean;
  repeat: number;
  /** Arrivals of this group are live only while epoch matches the program's. */
  epoch: number;
  /** block.partner's group index, and this group's members in creation order (for pairing). */
  partner: number;
  members: number[];
  /** Rate groups: absolute window in ns. */
  startNs: number;
  endNs: number;
  /** Sequence number of the pending arrival event (a recycled group ignores its predecessor's). */
  arrivalSeq: number;
  /** Gs of this group not yet dead; a group of an old epoch with none left is recycled by supersede. */
  live: number;
}

interface Burst {
  atNs: number;
  group: number;
  count: number;
  costNs: number;
  started: boolean;
}

export class Program implements ProgramHooks {
  private readonly groups: CompiledGroup[] = [];
  /** Indices of recycled groups (superseded groups of earlier epochs whose Gs are all dead). */
  private readonly freeGroups: number[] = [];
  private epoch = 0;
  /** main goroutine: pending bursts in time order. */
  private readonly bursts: Burst[] = [];
  /** workload.crashAtMs in ns (Infinity: no crash). */
  private readonly crashAtNs: number;
  /** Group of the Gs a replay seeds (SEEDED queue entries), -1 if none. */
  private seedGroup = -1;

  constructor(
    private readonly s: Sched,
    readonly workload: WorkloadSpec,
  ) {
    this.crashAtNs = workload.crashAtMs !== undefined ? workload.crashAtMs * MS : Infinity;
  }

  /** runtime.main's goroutine: it starts the forcegc helper and gcenable's sweeper and scavenger before main.main. */
  main(main: G): void {
    this.s.mainG = main.slot;
    main.spawnLeft = 3;
    main.spawnGroup = -1;
    main.spawnCostNs = COSTS.spawnNs;
  }

  /** The workload's groups and its runtime.GOMAXPROCS calls (a stop-the-world each). */
  start(): void {
    const s = this.s;
    for (const spec of this.workload.groups) this.addGroup(spec, 0);
    const changes = [...(this.workload.gomaxprocsChanges ?? [])].sort((a, b) => a.atMs - b.atMs);
    for (const c of changes) s.k.at(c.atMs * MS, EV_STW, c.gomaxprocs);
  }

  addGroup(spec: GroupSpec, baseNs: number, arrivals = true): number {
    const s = this.s;
    const b = spec.behaviour;
    const idx = this.freeGroups.length > 0 ? this.freeGroups.pop()! : this.groups.length;
    const sp = spec.spawn;
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
      startNs: baseNs + (sp.kind === 'rate' ? (sp.startMs ?? 0) * MS : 0),
      endNs: sp.kind === 'rate' && sp.endMs !== undefined ? baseNs + sp.endMs * MS : Infinity,
      arrivalSeq: -1,
      live: 0,
    };
    this.groups[idx] = g;
    if (!arrivals) return idx;
    if (sp.kind === 'rate') {
      const first = g.startNs + s.rng.exp(1000 / sp.perSecond) * MS;
      if (first <= g.endNs) g.arrivalSeq = s.k.at(Math.max(first, s.k.now), EV_ARRIVAL, idx);
      else this.recycleIfDone(idx);
    } else if (sp.kind === 'burst' || sp.kind === 'tree') {
      const count = sp.kind === 'burst' ? sp.count : sp.fanout;
      const costNs = sp.kind === 'burst' && sp.spawnCostMs !== undefined ? sp.spawnCostMs * MS : COSTS.spawnNs;
      this.bursts.push({ atNs: baseNs + sp.atMs * MS, group: idx, count, costNs, started: false });
      this.bursts.sort((a, c) => a.atNs - c.atNs);
      s.k.at(Math.max(baseNs + sp.atMs * MS, s.k.now), EV_BURST, idx);
    }
    return idx;
  }

  /** `go f()` on p: newproc1 makes the G, its group's code gives it its first work. */
  private go(p: P | null, group: number): G {
    const s = this.s;
    const g = newproc1(s, p, group);
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
          s.gs[other]!.partner = g.slot;
        }
      }
      const b = cg.spec.behaviour;
      g.allocMBps = b.allocMBps ?? 0;
      if (g.allocMBps !== 0) s.allocators = true;
      g.callFree = b.callFree === true;
      g.burstsLeft = cg.repeat;
      g.cpuLeftNs = cg.cpu.sample(s.rng);
      if (b.startBlocked) {
        g.burstsLeft += 1;
        // the G still runs from its start to the first gopark (time.Sleep sets up its timer first)
        g.cpuLeftNs = COSTS.parkCallNs;
      }
    }
    return g;
  }

  gdead(g: G): void {
    if (g.group < 0 || --this.groups[g.group]!.live > 0) return;
    this.recycleIfDone(g.group);
    if (this.finished()) this.s.k.at(this.s.k.now, EV_EXIT, 0);
  }

  /**
   * The program's work is done: every G of every group has exited, main has started its last burst
   * and no arrival or crash is pending. main's sync.WaitGroup.Wait returns, main.main returns and
   * runtime.main calls exit(0): the process ends and prints no more dumps. A replay's program
   * (superseded, epoch > 0) never ends on its own.
   */
  private finished(): boolean {
    if (this.epoch > 0 || this.crashAtNs !== Infinity || this.bursts.some((b) => !b.started)) return false;
    const s = this.s;
    if (s.mainG !== NONE && s.gs[s.mainG]!.spawnLeft > 0) return false;
    return this.groups.every((cg) => cg.live === 0 && cg.arrivalSeq === -1);
  }

  /**
   * An arrival group added after the start (a replay's fitted arrivals, one set per interval) whose
   * arrivals are over and whose goroutines are all dead is recycled, so a free run over millions of
   * intervals holds only the groups still live.
   */
  private recycleIfDone(idx: number): void {
    const cg = this.groups[idx]!;
    if (idx < this.workload.groups.length || cg.live > 0 || cg.arrivalSeq !== -1) return;
    if (cg.spec.spawn.kind !== 'rate' || cg.partner >= 0 || idx === this.seedGroup) return;
    this.freeGroups.push(idx);
  }

  seededG(p: P): G {
    return this.go(p, this.seedGroup);
  }

  /** g's CPU work on p ended: its next spawn, main's next step, or the group's next action. */
  runEnd(p: P, g: G): void {
    const s = this.s;
    if (g.spawnLeft > 0) {
      this.spawnOne(p, g);
      if (g.spawnLeft > 0) return runFor(s, p, g, 0);
      if (g.slot === s.mainG) return this.mainNext(p, g);
      return runFor(s, p, g, 0); // a tree node now does its own work
    }
    g.cpuLeftNs = 0;
    if (g.preemptAsked) {
      // The loop is over and the G calls a function (wg.Done, a channel operation): its prologue
      // meets the preemption sysmon asked for during the loop (newstack → gopreempt_m → goschedImpl):
      // the call and what follows wait on the global queue for the G's next turn.
      g.preemptAsked = false;
      g.cpuLeftNs = COSTS.parkCallNs;
      return gopreemptM(s, p, g);
    }
    if (g.slot === s.mainG) return this.mainNext(p, g);
    if (g.group < 0) {
      const reason = this.systemReason(g);
      // gcenable's bgsweep: the runtime's sweeper from here on (sweep.ts).
      if (reason === 'GC sweep wait') return bgsweepStart(s, p, g);
      return gopark(s, p, g, W_FOREVER, reason, 0);
    }
    const cg = this.groups[g.group]!;
    g.burstsLeft--;
    if (g.burstsLeft <= 0 || cg.block === null) return goexit0(s, p, g);
    const blockNs = cg.block.sample(s.rng);
    g.cpuLeftNs = cg.cpu.sample(s.rng);
    switch (cg.blockOn) {
      case 'gosched':
        return Gosched(s, p, g);
      case 'timer':
        return gopark(s, p, g, W_TIMER, 'sleep', blockNs);
      case 'chan':
        if (g.partner !== NONE) return this.pingPong(p, g);
        return gopark(s, p, g, W_CHAN, 'chan receive', blockNs);
      case 'mutex':
        return gopark(s, p, g, W_CHAN, s.prof.waitReasons.mutex, blockNs);
      case 'net':
        return gopark(s, p, g, W_NET, 'IO wait', blockNs);
      case 'syscall':
        return entersyscall(s, p, g, blockNs, cg.kernelCpu);
    }
  }

  /** Unbuffered channel hand-off: wake the waiting partner (goready → runnext here), then wait for it. */
  private pingPong(p: P, g: G): void {
    const s = this.s;
    const other = s.gs[g.partner]!;
    if (other.status === G_WAITING && other.waitKind === W_CHAN && other.partner === g.slot) goready(s, p, other);
    gopark(s, p, g, W_CHAN, 'chan receive', 0, false);
  }

  private systemReason(g: G): string {
    return ['force gc (idle)', 'GC sweep wait', 'GC scavenge wait'][(g.goid - 2) % 3] ?? 'force gc (idle)';
  }

  /** A `go` statement of parent's: the child (a tree node spawns its own children) goes to newproc. */
  private spawnOne(p: P, parent: G): void {
    const s = this.s;
    parent.spawnLeft--;
    const child = this.go(p, parent.spawnGroup);
    const cs = child.group >= 0 ? this.groups[child.group]!.spec.spawn : null;
    if (cs?.kind === 'tree') {
      child.treeDepth = parent.slot === s.mainG ? 1 : parent.treeDepth + 1;
      if (child.treeDepth < cs.depth) {
        child.spawnLeft = cs.fanout;
        child.spawnGroup = child.group;
        child.spawnCostNs = COSTS.spawnNs;
      }
    }
    if (child.group >= 0 && this.groups[child.group]!.spec.behaviour.lockOSThread) LockOSThread(s, child);
    newproc(s, p, child);
  }

  /** main goroutine: runs the workload's bursts in time order, then waits (sync.WaitGroup.Wait). */
  private mainNext(p: P, g: G): void {
    const s = this.s;
    const now = s.k.now;
    const due = this.bursts.find((b) => !b.started && b.atNs <= now);
    if (due) {
      due.started = true;
      g.spawnLeft = due.count;
      g.spawnGroup = due.group;
      g.spawnCostNs = due.costNs;
      return runFor(s, p, g, 0);
    }
    // crash/main.go: time.Sleep(after); panic(...)
    if (now >= this.crashAtNs) return fatalpanic(s, p);
    const next = this.bursts.find((b) => !b.started);
    const wakeNs = Math.min(next ? next.atNs : Infinity, this.crashAtNs);
    if (wakeNs < Infinity) return gopark(s, p, g, W_TIMER, 'sleep', wakeNs - now);
    gopark(s, p, g, W_FOREVER, s.prof.waitReasons.waitGroup, 0);
  }

  onBurst(_group: number): void {
    const s = this.s;
    if (s.mainG === NONE) return;
    const main = s.gs[s.mainG]!;
    // main is asleep until this burst: wake it (a timer). Busy or runnable: it gets there itself.
    if (main.status === G_WAITING && main.waitKind === W_FOREVER) timerReady(s, main);
  }

  onArrival(idx: number): void {
    const s = this.s;
    const cg = this.groups[idx]!;
    if (cg.epoch !== this.epoch || cg.arrivalSeq !== s.k.currentSeq || cg.spec.spawn.kind !== 'rate') return;
    const sp = cg.spec.spawn;
    const next = s.k.now + s.rng.exp(1000 / sp.perSecond) * MS;
    cg.arrivalSeq = next <= cg.endNs ? s.k.at(next, EV_ARRIVAL, idx) : -1;
    // A spawner running on P onP creates the G there; otherwise a listener woken by the network does
    // (netpoll → the G that accepts runs on some P and creates the handler there).
    let p: P | undefined = sp.onP !== undefined ? s.allp[sp.onP % s.gomaxprocs] : undefined;
    if (!p || p.state !== P_RUNNING) p = someRunningP(s, p?.id ?? 0) ?? undefined;
    const g = this.go(p ?? null, idx);
    if (cg.spec.behaviour.lockOSThread) LockOSThread(s, g);
    if (p) newproc(s, p, g);
    else readyOnIdleP(s, g);
  }

  /**
   * A replay replaces the program's state: main and its pending bursts are gone, earlier arrival
   * groups stop arriving (those with no G left are recycled), and a new seed group of `behaviour`
   * stands for the Gs of the observed queues (returns its index).
   */
  supersede(behaviour: BehaviourSpec): number {
    const s = this.s;
    this.epoch++;
    this.bursts.length = 0;
    this.freeGroups.length = 0;
    const fixed = this.workload.groups.length;
    for (let i = this.groups.length - 1; i >= fixed; i--) {
      const cg = this.groups[i]!;
      if (cg.live === 0) {
        cg.arrivalSeq = -1;
        this.freeGroups.push(i);
      }
    }
    this.seedGroup = this.addGroup(
      { name: `observed-${this.epoch}`, spawn: { kind: 'burst', atMs: 0, count: 0 }, behaviour },
      s.k.now,
      false,
    );
    return this.seedGroup;
  }
}
