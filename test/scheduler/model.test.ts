import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { P_SYSCALL } from '../../src/scheduler/entities.js';
import { SchedulerModel } from '../../src/scheduler/model.js';
import { retake } from '../../src/scheduler/runtime/sysmon.js';
import { loadState } from '../../src/replay/load-state.js';
import { type GoProfileName, goProfile, profileFor } from '../../src/scheduler/profiles.js';
import { simulate } from '../../src/scheduler/simulate.js';
import { parseText } from '../../src/parse/index.js';
import type { WorkloadSpec } from '../../src/workload/spec.js';

const spec = (name: string): WorkloadSpec =>
  JSON.parse(readFileSync(`samples/workloads/${name}.json`, 'utf8')) as WorkloadSpec;
const burst = (count: number, cpuMs: number, spawnCostMs = 0.001): WorkloadSpec => ({
  name: 'burst',
  groups: [{ name: 'g', spawn: { kind: 'burst', atMs: 0, count, spawnCostMs }, behaviour: { cpuMs } }],
});

describe('newproc / runqput / runqputslow with GOMAXPROCS=1', () => {
  it('a spawn burst moves exactly 129 Gs per overflow to the global queue and keeps the ring at <= 256', () => {
    // main spawns 3 runtime goroutines, then the burst. Every spawn but the last kicks the previous
    // runnext into the ring; the k-th kick overflows when the ring already holds 256.
    for (const count of [100, 253, 254, 1000, 3000]) {
      const m = new SchedulerModel({ go: 'go1.26', gomaxprocs: 1, seed: 1 }, burst(count, 1000));
      m.runUntil(count * 0.001 + 0.5);
      const s = m.snapshot(false);
      let ring = 0;
      let global = 0;
      for (let kick = 0; kick < count + 3 - 1; kick++) {
        if (ring === 256) {
          ring = 128;
          global += 129;
        } else ring++;
      }
      // The P then took one G (runnext, or after the burst the ring head) to run.
      expect(s.runqueue).toBe(global);
      expect(s.runqueue % 129).toBe(0);
      expect(s.runq[0]).toBeLessThanOrEqual(256);
      expect(s.runq[0]! + s.runqueue).toBeGreaterThanOrEqual(count + 3 - 2);
    }
  });

  it('the global queue of the overflow workload drains by 128 per globrunqget batch plus fairness picks', () => {
    const r = simulate({
      workload: spec('overflow'),
      go: '1.26',
      gomaxprocs: 1,
      periodMs: 10,
      detail: false,
      seed: 3,
      durationMs: 400,
    });
    const s = r.snapshots;
    const peak = Math.max(...s.map((x) => x.runqueue));
    expect(peak % 129).toBe(0);
    let drains = 0;
    for (let i = 1; i < s.length; i++) {
      const d = s[i - 1]!.runqueue - s[i]!.runqueue;
      if (d <= 0 || s[i]!.runqueue === 0) continue;
      const ticks = s[i]!.schedticks![0]! - s[i - 1]!.schedticks![0]!;
      expect(d % 128).toBeLessThanOrEqual(Math.ceil(ticks / 61) + 1);
      drains++;
    }
    expect(drains).toBeGreaterThan(10);
  });
});

describe('schedticks', () => {
  it('ping-pong hand-offs through runnext inherit the time slice: far fewer schedticks than G switches', () => {
    const m = new SchedulerModel({ go: 'go1.26', gomaxprocs: 4, seed: 1 }, spec('pingpong'));
    m.runUntil(50);
    const ticks = m.snapshot(false).schedticks!.reduce((a, b) => a + b, 0);
    expect(m.events).toBeGreaterThan(50_000);
    expect(ticks).toBeLessThan(m.events / 100);
  });

  it('Gosched starts a fresh slice every time (each yield goes through the global queue)', () => {
    const m = new SchedulerModel({ go: 'go1.26', gomaxprocs: 4, seed: 1 }, spec('gosched'));
    m.runUntil(20);
    const ticks = m.snapshot(false).schedticks!;
    // 16 µs of work per yield on 4 busy Ps: > 500 slices per P in 20 ms
    for (const t of ticks) expect(t).toBeGreaterThan(500);
  });
});

describe('sysmon', () => {
  it('prints at the first wake at or after lasttrace + period, so lines drift late and never early', () => {
    const r = simulate({
      workload: spec('oversub'),
      go: '1.26',
      gomaxprocs: 2,
      periodMs: 10,
      detail: false,
      seed: 1,
      durationMs: 500,
    });
    const t = r.snapshots.map((s) => s.tMs!);
    expect(t[0]).toBe(0);
    for (let i = 1; i < t.length; i++) {
      expect(t[i]! - t[i - 1]!).toBeGreaterThanOrEqual(10 - 1); // truncation to ms
      expect(t[i]! - t[i - 1]!).toBeLessThanOrEqual(21);
    }
    expect(t.at(-1)! - (t.length - 1) * 10).toBeGreaterThan(0); // accumulated lateness
  });

  it('preempts CPU-bound Gs after 10-20 ms to the global queue', () => {
    const m = new SchedulerModel({ go: 'go1.19', gomaxprocs: 2, seed: 1 }, spec('oversub'));
    m.runUntil(200);
    const s = m.snapshot(false);
    // 64 Gs, 2 running: the rest sit in queues; preemption keeps a large global queue.
    expect(s.runqueue + s.runq.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(60);
    expect(s.runqueue).toBeGreaterThan(10);
  });
});

describe('syscalls, LockOSThread, GC, procresize', () => {
  it('blocking syscalls make sysmon hand Ps off and threads pile up; P status 2 only before 1.26', () => {
    const statuses = (go: 'go1.19' | 'go1.26'): Set<number> => {
      const m = new SchedulerModel({ go, gomaxprocs: 2, seed: 2 }, spec('syscalls'));
      const seen = new Set<number>();
      for (let t = 5; t <= 200; t += 0.7) {
        m.runUntil(t);
        for (const p of m.snapshot(true).detail!.p) seen.add(p.status);
      }
      expect(m.snapshot(false).threads).toBeGreaterThan(10);
      return seen;
    };
    expect(statuses('go1.19').has(2)).toBe(true);
    expect(statuses('go1.26').has(2)).toBe(false);
  });

  it('retake takes a P from a G that kept it through syscall after syscall for 10 ms on one schedtick (sysretake)', () => {
    // A P in a syscall whose schedtick sysmon saw unchanged for forcePreemptNS: retake hands it off
    // although its syscalltick moved since the last round (a new syscall each time).
    const setUp = (sinceMs: number) => {
      const m = new SchedulerModel({ go: 'go1.19', gomaxprocs: 2, seed: 2 }, spec('syscalls'));
      const s = m.sched;
      let p = s.allp.find((q) => q.state === P_SYSCALL && !q.q.empty);
      for (let t = 1; p === undefined && t < 200; t += 0.013) {
        m.runUntil(t);
        p = s.allp.find((q) => q.state === P_SYSCALL && !q.q.empty);
      }
      expect(p).toBeDefined();
      const now = s.k.now;
      p!.sysmonSchedtick = p!.schedtick;
      p!.schedwhen = now - sinceMs * 1e6;
      p!.sysmonSyscalltick = p!.syscalltick - 1;
      return { s, p: p!, now };
    };
    const due = setUp(10.5);
    expect(retake(due.s, due.now)).toBeGreaterThanOrEqual(1);
    expect(due.p.state).not.toBe(P_SYSCALL);
    const notYet = setUp(9);
    retake(notYet.s, notYet.now);
    expect(notYet.p.state).toBe(P_SYSCALL); // a new syscall since the last round, and < 10 ms on the tick
    expect(notYet.p.sysmonSyscalltick).toBe(notYet.p.syscalltick);
  });

  it('locked goroutines get their own threads and wait as nmidlelocked', () => {
    const m = new SchedulerModel({ go: 'go1.26', gomaxprocs: 2, seed: 1 }, spec('locked'));
    let maxLocked = 0;
    for (let t = 1; t < 60; t += 0.37) {
      m.runUntil(t);
      maxLocked = Math.max(maxLocked, m.snapshot(true).nmidlelocked ?? 0);
    }
    expect(m.snapshot(false).threads).toBeGreaterThanOrEqual(8 + 2);
    expect(maxLocked).toBeGreaterThan(0);
  });

  it('a stop-the-world shows gcwaiting, no idle Ps and every P stopped (status 3)', () => {
    // 50 ms of work each: the program still runs at the first cycle (it exits once they are done).
    const w: WorkloadSpec = { ...burst(4, 50), gc: { everyMs: 10, stwMs: 1 } };
    const m = new SchedulerModel({ go: 'go1.26', gomaxprocs: 4, seed: 1 }, w);
    m.runUntil(10.5);
    const s = m.snapshot(true);
    expect(s.gcwaiting).toBe(true);
    expect(s.idleprocs).toBe(0);
    expect(s.detail!.p.map((p) => p.status)).toEqual([3, 3, 3, 3]);
    m.runUntil(11.5);
    expect(m.snapshot(true).gcwaiting).toBe(false);
  });

  it('shrinking GOMAXPROCS moves the removed Ps queues to the global queue', () => {
    const w: WorkloadSpec = { ...spec('oversub'), gomaxprocsChanges: [{ atMs: 100, gomaxprocs: 2 }] };
    const m = new SchedulerModel({ go: 'go1.26', gomaxprocs: 8, seed: 1 }, w);
    m.runUntil(99.99);
    const before = m.snapshot(false);
    m.runUntil(100.1);
    const after = m.snapshot(false);
    expect(after.gomaxprocs).toBe(2);
    expect(after.runq).toHaveLength(2);
    const queuedBefore = before.runqueue + before.runq.reduce((a, b) => a + b, 0);
    const queuedAfter = after.runqueue + after.runq.reduce((a, b) => a + b, 0);
    // every G stays runnable somewhere; the 6 removed Ps' queues (and preempted running Gs) land in the global queue
    expect(after.runqueue).toBeGreaterThanOrEqual(before.runqueue + before.runq.slice(2).reduce((a, b) => a + b, 0));
    expect(queuedAfter).toBeGreaterThanOrEqual(queuedBefore);
  });
});

describe('syscalls that burn CPU in the kernel (block.cpu)', () => {
  it('share the cores with the Ps: the reads stretch, fewer Gs are in syscalls at once, fewer threads', () => {
    const w = spec('syscalls');
    const asBlocking: WorkloadSpec = JSON.parse(JSON.stringify(w)) as WorkloadSpec;
    // The same reads as a pre-stretched blocking syscall that needs no core (the old form of the spec).
    asBlocking.groups[1]!.behaviour.block = { on: 'syscall', ms: 1.8 };
    const run = (ws: WorkloadSpec) =>
      simulate({
        workload: ws,
        go: '1.19',
        gomaxprocs: 2,
        periodMs: 50,
        detail: false,
        seed: 1,
        durationMs: 600,
        cpus: 2,
      }).snapshots;
    const threads = (s: ReturnType<typeof run>) => Math.max(...s.map((x) => x.threads));
    const queued = (s: ReturnType<typeof run>) => s.slice(2).reduce((a, x) => a + x.runqueue, 0) / (s.length - 2);
    const cpu = run(w);
    const blocking = run(asBlocking);
    // 40 Gs all in syscalls at once need 40 threads (+ M0, sysmon); with the cores saturated, Gs wait in
    // the global queue for a P instead (the samples: 24-30 threads, runqueue ~20).
    expect(threads(blocking)).toBeGreaterThanOrEqual(40);
    expect(threads(cpu)).toBeLessThan(threads(blocking) - 5);
    expect(queued(cpu)).toBeGreaterThan(queued(blocking) + 3);
  });
});

describe('loadState', () => {
  it('seeds the observed queues, idle Ps and threads', () => {
    const m = new SchedulerModel({ go: 'go1.26', gomaxprocs: 4, seed: 1 }, spec('idle'));
    m.runUntil(50);
    loadState(m, { gomaxprocs: 4, runqueue: 40, runq: [3, 0, 7, 0], idleprocs: 1, threads: 12 }, { cpuMs: 50 }, []);
    const s = m.snapshot(false);
    expect(s.runqueue).toBe(40);
    expect(s.runq).toEqual([3, 0, 7, 0]);
    expect(s.idleprocs).toBe(1);
    expect(s.threads).toBe(12);
    m.runUntil(80);
    const later = m.snapshot(false);
    expect(later.idleprocs).toBe(0); // work spreads to the idle P
  });

  it('reuses the superseded Gs: 1000 loadState/runUntil cycles keep the allocated Gs bounded', () => {
    const m = new SchedulerModel({ go: 'go1.26', gomaxprocs: 8, seed: 1 }, { name: 'replay', groups: [] });
    const behaviour = { cpuMs: 1e6 };
    const arrivals = [0, 1, 2, 3].map((p) => ({
      name: `a${p}`,
      spawn: { kind: 'rate' as const, perSecond: 200, startMs: 0, endMs: 20, onP: p },
      behaviour,
    }));
    const states = [
      { gomaxprocs: 8, runqueue: 40, runq: [30, 1, 0, 6, 2, 4, 1, 5], idleprocs: 0, threads: 9 },
      { gomaxprocs: 8, runqueue: 3, runq: [200, 0, 0, 0, 9, 0, 0, 0], idleprocs: 2 },
    ];
    const seeded = (s: (typeof states)[number]): number =>
      s.runqueue + s.runq.reduce((a, b) => a + b, 0) + 8 - s.idleprocs;
    const peak = Math.max(...states.map(seeded));
    let events = m.events;
    for (let i = 0; i < 1000; i++) {
      const st = states[i % 2]!;
      loadState(m, st, behaviour, arrivals);
      expect(m.snapshot(false).runqueue).toBe(st.runqueue);
      m.runUntil(m.nowMs + 20);
      expect(m.events).toBeGreaterThan(events); // the model keeps running Gs every interval
      events = m.events;
    }
    // What one interval holds at once: the seeded Gs, the interval's arrivals and the runtime's own Gs.
    // Without reuse this grows by ~170 per cycle (~170,000 after 1000 cycles).
    expect(m.allocatedGs).toBeLessThan(2 * (peak + 4 * 200 * 0.02 * 3) + 10);
  });
});

describe('determinism and round-trip', () => {
  const opts = { workload: spec('netpoll'), go: '1.19', gomaxprocs: 2, periodMs: 50, detail: true, durationMs: 300 };
  const text = (seed: number): string => {
    const out: string[] = [];
    simulate({ ...opts, seed }, (d) => out.push(d), false);
    return out.join('\n');
  };

  it('the same seed gives byte-identical output; another seed does not', () => {
    const a = text(7);
    expect(text(7)).toBe(a);
    expect(text(8)).not.toBe(a);
  });

  it('simulated logs parse back to the same numbers (go1.19 detail, go1.26 summary)', () => {
    for (const [go, detail] of [
      ['1.19', true],
      ['1.26', false],
    ] as const) {
      const out: string[] = [];
      const r = simulate({ ...opts, go, detail, seed: 3 }, (d) => out.push(d));
      const parsed = parseText(out.join('\n') + '\n');
      expect(parsed.snapshots).toHaveLength(r.snapshots.length);
      parsed.snapshots.forEach((p, i) => {
        const m = r.snapshots[i]!;
        expect([p.tMs, p.gomaxprocs, p.idleprocs, p.threads, p.runqueue, p.idlethreads]).toEqual([
          m.tMs,
          m.gomaxprocs,
          m.idleprocs,
          m.threads,
          m.runqueue,
          m.idlethreads,
        ]);
        expect(p.runq).toEqual(m.runq);
        if (detail) expect(p.detail!.g.length).toBe(m.detail!.g.length);
      });
    }
  });
});

describe('threads around timers and locked Gs', () => {
  it('the first trace comes before main.main: empty queues at 0 ms', () => {
    for (const name of ['overflow', 'oversub', 'gosched']) {
      const r = simulate({
        workload: spec(name),
        go: '1.26',
        gomaxprocs: 2,
        periodMs: 10,
        detail: false,
        seed: 1,
        durationMs: 30,
      });
      expect(r.snapshots[0]!.tMs).toBe(0);
      expect([r.snapshots[0]!.runqueue, ...r.snapshots[0]!.runq].every((q) => q === 0)).toBe(true);
      expect(r.snapshots[1]!.runqueue + r.snapshots[1]!.runq.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    }
  });

  it('with every G asleep, one M blocks in netpoll (no P, not idle) and the others park', () => {
    for (const go of ['go1.19', 'go1.26'] as const) {
      const m = new SchedulerModel({ go, gomaxprocs: 4, seed: 1, cpus: 2 }, spec('seed'));
      m.runUntil(500);
      const s = m.snapshot(true);
      expect(s.idleprocs).toBe(4);
      const noP = s.detail!.m.filter((x) => x.p === null && !x.blocked);
      // sysmon (it holds sched.lock while printing: locks=2) and the netpoll M
      expect(noP.map((x) => x.locks).sort()).toEqual([0, 2]);
      expect(s.threads - s.idlethreads).toBe(2);
      // time.Sleep's wakeNetPoller → wakep during the spawn started Ms for more Ps than ran Gs
      expect(s.threads).toBeGreaterThanOrEqual(5);
    }
  });

  it('a cgo program keeps the extra M and the template thread: two more threads, neither idle', () => {
    for (const go of ['go1.19', 'go1.26'] as const) {
      const at = (cgo: boolean) => {
        const m = new SchedulerModel({ go, gomaxprocs: 2, seed: 1, cpus: 2 }, { ...spec('netpoll'), cgo });
        m.runUntil(300);
        return m.snapshot(true);
      };
      const [plain, cgo] = [at(false), at(true)];
      expect(cgo.threads).toBe(plain.threads + 2);
      expect(cgo.idlethreads).toBe(plain.idlethreads);
      // mstartm0's extra M comes before sysmon: M1 holds its locked G17 (goid after main's batch of 16)
      const m1 = cgo.detail!.m.find((x) => x.id === 1)!;
      expect([m1.p, m1.curg, m1.lockedg, m1.blocked, m1.locks]).toEqual([null, 17, 17, false, 0]);
      expect(cgo.detail!.m.find((x) => x.id === 2)!.locks).toBe(2); // sysmon
      const g17 = cgo.detail!.g.filter((g) => g.id === 17);
      expect(g17).toHaveLength(1);
      expect([g17[0]!.rawStatus, g17[0]!.m, g17[0]!.lockedm]).toEqual([go === 'go1.26' ? 11 : 6, 1, 1]);
      // the template thread: blocked in notesleep, off the idle list
      const blocked = cgo.detail!.m.filter((x) => x.blocked && x.p === null).length;
      expect(blocked).toBe(cgo.idlethreads + 1);
    }
  });

  it('the first LockOSThread starts the template thread (Go 1.10+): one thread, blocked, never idle', () => {
    const templates = (go: GoProfileName, cgo: boolean) => {
      const m = new SchedulerModel({ go, gomaxprocs: 2, seed: 1, cpus: 2 }, { ...spec('locked'), cgo });
      m.runUntil(200);
      const s = m.snapshot(true);
      // every M is in the dump, and the template one sleeps off the idle list
      expect(s.detail!.m).toHaveLength(s.threads);
      const t = m.sched.ms.filter((x) => x.template);
      for (const x of t) expect(s.detail!.m.find((d) => d.id === x.id)!.blocked).toBe(true);
      return t.length;
    };
    // eight locked goroutines, one template thread; none before Go 1.10 (no startTemplateThread)
    expect(templates('go1.26', false)).toBe(1);
    expect(templates('go1.19', false)).toBe(1);
    expect(templates('go1.9', false)).toBe(0);
    // a cgo program started it already: LockOSThread does not start a second
    expect(templates('go1.26', true)).toBe(1);
  });

  it('a locked G never inherits the time slice: every hand-over to its M counts a schedtick', () => {
    const m = new SchedulerModel({ go: 'go1.26', gomaxprocs: 2, seed: 1, cpus: 2 }, spec('locked'));
    m.runUntil(100);
    const t0 = m.snapshot(true).detail!.p.reduce((a, p) => a + p.schedtick, 0);
    m.runUntil(600);
    const t1 = m.snapshot(true).detail!.p.reduce((a, p) => a + p.schedtick, 0);
    // 8 locked Gs, each waking every ~1.2 ms (1.17 ms sleep + 0.035 ms work) for 500 ms
    const wakeups = (8 * 500) / 1.2;
    expect(t1 - t0).toBeGreaterThan(0.8 * wakeups);
  });
});

describe('crash (crashAtMs: main panics)', () => {
  const crash = (go: string, detail: boolean) => {
    const out: string[] = [];
    const r = simulate(
      { workload: spec('crash'), go, gomaxprocs: 2, periodMs: 50, detail, seed: 1, durationMs: 2000, cpus: 2 },
      (d) => out.push(d),
    );
    return { r, text: out.join('\n') + '\n' };
  };

  it('prints one detailed dump with the dying M (startpanic_m), then the panic, and stops', () => {
    for (const go of ['1.19', '1.26']) {
      const { r, text } = crash(go, false);
      const last = r.snapshots[r.snapshots.length - 1]!;
      expect(r.snapshots.filter((s) => s.crash)).toEqual([last]);
      // main sleeps until crashAtMs (300), then waits for a P held by CPU-bound Gs: within one preemption slice or two.
      expect(last.tMs).toBeGreaterThanOrEqual(300);
      expect(last.tMs).toBeLessThan(325);
      expect(r.snapshots.slice(0, -1).every((s) => s.detail === undefined && s.tMs! <= last.tMs!)).toBe(true);
      const dying = last.detail!.m.filter((m) => m.dying > 0);
      expect(dying).toHaveLength(1);
      expect(dying[0]).toMatchObject({ mallocing: 1, locks: 2, dying: 1, curg: 1 });
      expect(last.detail!.g.find((g) => g.id === 1)).toMatchObject({ status: 2, waitReason: 'sleep' });
      expect(text).toMatch(/\npanic: crash: simulated panic at 300ms\n\ngoroutine 1 \[running\]:\n/);
      // The parser recognises the dump as a crash dump, with its P, M and G lines.
      const parsed = parseText(text).snapshots;
      expect(parsed.map((s) => s.crash === true)).toEqual(r.snapshots.map((s) => s.crash === true));
      expect(parsed[parsed.length - 1]!.detail!.g.length).toBe(last.detail!.g.length);
    }
  });

  it('without crashAtMs main waits forever and the run lasts the whole duration', () => {
    const { crashAtMs: _, ...w } = spec('crash');
    const r = simulate({
      workload: w,
      go: '1.26',
      gomaxprocs: 2,
      periodMs: 50,
      detail: false,
      seed: 1,
      durationMs: 1000,
      cpus: 2,
    });
    expect(r.snapshots.some((s) => s.crash)).toBe(false);
    expect(r.snapshots[r.snapshots.length - 1]!.tMs).toBeGreaterThan(900);
  });
});

describe('profiles', () => {
  it('names a profile after its release', () => {
    expect(profileFor('1.19.13')).toBe('go1.19');
    expect(profileFor('go1.22')).toBe('go1.22');
    expect(profileFor('go1.25.3')).toBe('go1.25');
    expect(profileFor('1.26')).toBe('go1.26');
    expect(profileFor('1.27.3')).toBe('go1.27');
    expect(profileFor('2.0')).toBe('go1.27');
    expect(() => profileFor('banana')).toThrow(/not a Go version/);
  });

  // Go 1.27.3's proc.go, runtime2.go and time.go change none of the rules the flags name, nor
  // schedtrace's text: its profile differs from 1.26's in its name only, and the model prints the same log.
  it("gives Go 1.27 Go 1.26's rules and text", () => {
    const { name: _a, formatVersion: _b, ...rules127 } = goProfile('go1.27');
    const { name: _c, formatVersion: _d, ...rules126 } = goProfile('go1.26');
    expect(rules127).toEqual(rules126);
    const spec = JSON.parse(readFileSync(new URL('../../samples/workloads/syscalls.json', import.meta.url), 'utf8'));
    const run = (go: string, detail: boolean) => {
      const dumps: string[] = [];
      simulate({ workload: spec, go, gomaxprocs: 2, periodMs: 50, durationMs: 300, detail, seed: 3 }, (d) =>
        dumps.push(d),
      );
      return dumps.join('\n');
    };
    expect(run('1.27', false)).toBe(run('1.26', false));
    expect(run('1.27', true)).toBe(run('1.26', true));
    expect(run('1.27', false)).toMatch(/\] schedticks=\[ /);
    expect(run('1.27', true)).toMatch(/\n {2}P1: status=/);
  });

  it('changes each rule at the release whose runtime source changed it', () => {
    const first = (flag: (p: ReturnType<typeof goProfile>) => boolean): number | null => {
      for (let minor = 5; minor <= 30; minor++) if (flag(goProfile(`go1.${minor}`))) return minor;
      return null;
    };
    expect(first((p) => p.stealSkipsIdle)).toBe(16);
    expect(first((p) => p.needspinning)).toBe(20);
    expect(first((p) => p.goschedWakep)).toBe(22);
    expect(first((p) => !p.timerWakeAlways)).toBe(23);
    expect(first((p) => p.waitReasons.waitGroup === 'sync.WaitGroup.Wait')).toBe(24);
    expect(first((p) => p.schedticks)).toBe(25);
    expect(first((p) => !p.psyscallStatus)).toBe(26);
    expect(goProfile('go1.30').extraMGStatus).toBe(11);
    expect(goProfile('go1.11').detailEra).toBe('go1.5');
    expect(goProfile('go1.24').summaryEra).toBe('go1.20');
  });

  it("prints the release's wait reasons for a sync.Mutex and a WaitGroup", () => {
    const mutexWaiters: WorkloadSpec = {
      name: 'mutex',
      groups: [
        {
          name: 'w',
          spawn: { kind: 'burst', atMs: 0, count: 8 },
          behaviour: { cpuMs: 0.1, block: { on: 'mutex', ms: 40 }, repeat: 'forever' },
        },
      ],
    };
    const reasons = (go: string): Set<string> => {
      const r = simulate({
        workload: mutexWaiters,
        go,
        gomaxprocs: 2,
        periodMs: 50,
        detail: true,
        seed: 1,
        durationMs: 200,
      });
      return new Set(r.snapshots.flatMap((s) => s.detail?.g.map((g) => g.waitReason) ?? []));
    };
    expect(reasons('1.19').has('semacquire')).toBe(true);
    expect(reasons('1.19').has('sync.Mutex.Lock')).toBe(false);
    expect(reasons('1.20').has('sync.Mutex.Lock')).toBe(true);
    // main waits on a WaitGroup: "semacquire" until 1.23.
    expect(reasons('1.23').has('sync.WaitGroup.Wait')).toBe(false);
    expect(reasons('1.24').has('sync.WaitGroup.Wait')).toBe(true);
  });
});

describe('loadState seeds queues as counts', () => {
  it('holds an observed runqueue=4294967295 and 100 000 Ps without a G or ring per queued goroutine', () => {
    const m = new SchedulerModel({ go: 'go1.26', gomaxprocs: 4, seed: 1 }, { name: 'replay', groups: [] });
    const before = process.memoryUsage().heapUsed;
    loadState(
      m,
      { gomaxprocs: 4, runqueue: 4294967295, runq: [256, 1e9, 0, 3], idleprocs: 0, threads: 4294967295 },
      { cpuMs: 1 },
      [],
    );
    const s = m.snapshot(false);
    expect(s.runqueue).toBe(4294967295);
    expect(s.runq).toEqual([256, 256, 0, 3]); // a ring holds 256 at most
    expect(s.threads).toBe(4294967295);
    m.runUntil(m.nowMs + 20);
    // Only the Gs that ran were made: 4 Ps × (1 + 20 ms / 1 ms) plus the runtime's own.
    expect(m.allocatedGs).toBeLessThan(200);
    // globrunqget moves batches of up to 128 into the rings; the rest stays counted.
    expect(m.snapshot(false).runqueue).toBeGreaterThan(4294967295 - 4 * 128 - 200);

    const big = new SchedulerModel({ go: 'go1.26', gomaxprocs: 1, seed: 1 }, { name: 'replay', groups: [] });
    const runq = new Array<number>(100_000).fill(0);
    runq[7] = 5;
    loadState(big, { gomaxprocs: 100_000, runqueue: 10, runq, idleprocs: 99_998 }, { cpuMs: 1 }, []);
    big.runUntil(big.nowMs + 5);
    const snap = big.snapshot(false);
    expect(snap.gomaxprocs).toBe(100_000);
    expect(big.allocatedGs).toBeLessThan(100);
    // Idle Ps hold no ring: well under the 1 KiB a ring costs per P.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(100 * 1024 * 1024);
  });
});

describe('the machine: cores', () => {
  it('fewer cores than busy threads slow the syscalls workload (fewer fresh slices per ms); a bad core count throws', () => {
    const run = (cpus: number | undefined) =>
      simulate({
        workload: spec('syscalls'),
        go: '1.26',
        gomaxprocs: 2,
        periodMs: 50,
        detail: false,
        seed: 1,
        durationMs: 500,
        ...(cpus !== undefined ? { cpus } : {}),
      }).snapshots;
    const ticks = (snaps: ReturnType<typeof run>) => snaps.at(-1)!.schedticks!.reduce((a, b) => a + b, 0);
    expect(ticks(run(2))).toBeLessThan(ticks(run(undefined)) / 2);
    expect(() => run(0)).toThrow(/cpus must be > 0/);
  });
});
