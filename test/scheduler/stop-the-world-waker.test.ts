import { describe, expect, it } from 'vitest';
import { SchedulerModel } from '../../src/scheduler/model.js';
import { P_GCSTOP } from '../../src/scheduler/entities.js';
import { gcCycleAt } from '../../src/scheduler/runtime/gc.js';
import { wakep } from '../../src/scheduler/runtime/procs.js';
import type { WorkloadSpec } from '../../src/workload/spec.js';
import { loadedMachine } from '../helpers/loaded-machine.js';

const MS = 1_000_000;

describe('a thread that wakes another can lose its core to it (Machine.preemptedWakerNs)', () => {
  it('does so 0.14 × (1 − 1/load) of the time, then waits load × base slice × 0.5-1.5', () => {
    // 2 cores: a base slice of 0.75 ms × (1 + log2 2) = 1.5 ms. At a load of 4 the share is 0.105.
    const m = loadedMachine(2, 8);
    expect(m.preemptedWakerNs(4, () => 0)).toBe(3_000_000);
    expect(m.preemptedWakerNs(4, () => 0.0525)).toBeCloseTo(6_000_000, 0);
    expect(m.preemptedWakerNs(4, () => 0.104)).toBeGreaterThan(8_900_000);
    expect(m.preemptedWakerNs(4, () => 0.106)).toBe(0);
    // A load of 2: a share of 0.07, 1.5-4.5 ms.
    expect(m.preemptedWakerNs(2, () => 0.069)).toBeGreaterThan(4_400_000);
    expect(m.preemptedWakerNs(2, () => 0.071)).toBe(0);
    // No more threads than cores: nothing waits and nothing is drawn.
    let draws = 0;
    expect(
      m.preemptedWakerNs(1, () => {
        draws++;
        return 0;
      }),
    ).toBe(0);
    expect(draws).toBe(0);
  });
});

/** `spinners` CPU-bound Gs at GOMAXPROCS `gomaxprocs` on 2 cores, run to 19.9 ms, with one GC cycle at 20 ms unless `withCycle` is false. */
function spinnersTo19_9(spinners: number, gomaxprocs: number, withCycle = true): SchedulerModel {
  const spec: WorkloadSpec = {
    name: 'stw',
    groups: [{ name: 'spin', spawn: { kind: 'burst', atMs: 0, count: spinners }, behaviour: { cpuMs: 1e5 } }],
    gc: { triggerMB: 1e9, stwMs: 0.05 },
  };
  const m = new SchedulerModel({ go: 'go1.26', gomaxprocs, seed: 1, cpus: 2 }, spec);
  if (withCycle) gcCycleAt(m.sched, 20 * MS, { stwNs: 50_000, markNs: 5 * MS, markTermNs: 50_000 });
  m.runUntil(19.9);
  return m;
}

/** 8 CPU-bound Gs at GOMAXPROCS 8 on 2 cores (a load of 4), and one GC cycle at 20 ms. */
function stoppedAt20(draw: number) {
  const m = spinnersTo19_9(8, 8);
  m.sched.rng.float = () => draw;
  m.runUntil(20.01);
  return m;
}

describe("the M that stops last for a stop-the-world (gcstopm's notewakeup(&sched.stopnote))", () => {
  it('reaches the idle list late when the woken M takes its core, and the next startm needs a new thread', () => {
    const late = stoppedAt20(0);
    const s = late.sched;
    expect([s.gcwaiting, s.stopwait]).toEqual([true, 0]);
    const parked = s.ms.filter((m) => m.parked);
    // The Ms that stopped before it are idle at once; the last one only 3 ms (4 × 1.5 ms × 0.5) later.
    expect(parked.filter((m) => m.idleFrom > s.k.now).map((m) => m.idleFrom)).toEqual([23 * MS]);
    const threads = s.ms.length;
    late.runUntil(24);
    // Restarting 8 Ps with 7 idle Ms at hand: one more thread.
    expect(s.ms.length).toBe(threads + 1);

    const onTime = stoppedAt20(0.99);
    expect(onTime.sched.ms.filter((m) => m.parked && m.idleFrom > onTime.sched.k.now)).toEqual([]);
    const before = onTime.sched.ms.length;
    onTime.runUntil(24);
    expect(onTime.sched.ms.length).toBe(before);
  });
});

/** 2 CPU-bound Gs at GOMAXPROCS 4 on 2 cores; at 19.9 ms a spinning M is started on an idle P and needs 5 ms to get a core. */
function slowArrival(withCycle: boolean) {
  const m = spinnersTo19_9(2, 4, withCycle);
  const s = m.sched;
  s.machine.startWaitNs = 5 * MS;
  expect(s.nmspinning).toBe(0);
  wakep(s);
  s.machine.startWaitNs = 0;
  const p = s.allp.find((q) => q.startSeq !== -1)!;
  expect(p.startAt).toBeCloseTo(24.9 * MS, -3);
  return { m, p };
}

describe('an M on its way to a P when the world stops (stopTheWorldWithSema waits for it)', () => {
  it('gets a core as the Go threads stop, arrives within a wake-up and stops; without a stop it keeps its wait', () => {
    const { m, p } = slowArrival(true);
    m.runUntil(20.04);
    // Inside the 50 µs stop: its M arrived 20 µs after the stop began and stopped (gcstopm).
    expect([m.sched.gcwaiting, p.state, p.startSeq, m.sched.stopwait]).toEqual([true, P_GCSTOP, -1, 0]);

    const quiet = slowArrival(false);
    quiet.m.runUntil(24.8);
    expect(quiet.p.startSeq).not.toBe(-1);
    quiet.m.runUntil(25);
    expect(quiet.p.startSeq).toBe(-1);
  });
});
