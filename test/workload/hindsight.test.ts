import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimelinePoint } from '../../src/trace/timeline.js';
import { timelinePoint } from '../helpers/timeline-point.js';
import { hindsightArrivals, LeaverCpu, observeInterval, stayBehaviour } from '../../src/workload/fit.js';

const pt = (tMs: number, runqueue: number, runq: number[], idleprocs = 0): TimelinePoint =>
  timelinePoint(tMs, runqueue, runq, { idleprocs });

const arrivals = (a: TimelinePoint, b: TimelinePoint) => hindsightArrivals(observeInterval(a, b)!);

describe('arrivals read in hindsight (free-running and what-if replays)', () => {
  it('counts moves between queues as no arrival: a steal, a globrunqget batch, an overflow', () => {
    // P1 stole half of P0's ring.
    expect(arrivals(pt(0, 0, [40, 0]), pt(10, 0, [20, 20]))).toEqual({ perP: [0, 0], unplaced: 0 });
    // An idle P took a batch of 20 from the global queue.
    expect(arrivals(pt(0, 30, [0, 0]), pt(10, 10, [0, 20]))).toEqual({ perP: [0, 0], unplaced: 0 });
    // runqputslow: 129 to the global queue, the ring keeps 128 (it was full at 256 and one more was
    // put): one arrival, on no ring that grew.
    expect(arrivals(pt(0, 0, [256, 0]), pt(10, 129, [128, 0]))).toEqual({ perP: [0, 0], unplaced: 1 });
  });
  it('places the net rise on the rings that grew, where newproc put them, the overflow included', () => {
    // One P spawning 600: its ring at 200 after two overflows put 258 on the global queue, another
    // ring took a batch of 142 from there.
    const r = arrivals(pt(0, 0, [0, 0]), pt(10, 258 - 142, [200, 142]));
    expect(r.perP[0]! + r.perP[1]!).toBeCloseTo(458);
    expect(r.perP[0]! / r.perP[1]!).toBeCloseTo(200 / 142);
    expect(r.unplaced).toBe(0);
  });
  it('leaves unplaced what only the global queue or idle Ps show (injectglist, a goroutine readied on an idle P)', () => {
    expect(arrivals(pt(0, 0, [0, 0]), pt(10, 127, [0, 0]))).toEqual({ perP: [0, 0], unplaced: 127 });
    expect(arrivals(pt(0, 0, [0, 0], 2), pt(10, 0, [0, 0], 1))).toEqual({ perP: [0, 0], unplaced: 1 });
  });
  it('never brings more than the net rise of queued and running goroutines, nor a negative count', () => {
    const queue = fc.array(fc.nat(300), { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(fc.nat(2000), queue, fc.nat(4), fc.nat(2000), queue, fc.nat(4), (g0, q0, i0, g1, q1, i1) => {
        const r = arrivals(pt(0, g0, q0, i0), pt(10, g1, q1, i1));
        const total = (g: number, q: number[], idle: number) => g + q.reduce((a, b) => a + b, 0) + 4 - idle;
        const net = Math.max(0, total(g1, q1, i1) - total(g0, q0, i0));
        const got = r.perP.reduce((a, b) => a + b, 0) + r.unplaced;
        expect(got).toBeCloseTo(net, 6);
        for (const x of [...r.perP, r.unplaced]) expect(x).toBeGreaterThanOrEqual(0);
        r.perP.forEach((x, p) => {
          if (q1[p]! <= q0[p]!) expect(x).toBe(0);
        });
      }),
    );
  });
});

describe('a goroutine stays as long as goroutines did over the whole run', () => {
  it('counts goroutines that stopped running as gone (their Ps went idle)', () => {
    // Two goroutines ran for 100 ms on 2 of 4 Ps and finished without ever being queued.
    const o = observeInterval(pt(0, 0, [0, 0, 0, 0], 2), pt(100, 0, [0, 0, 0, 0], 4))!;
    const cpu = new LeaverCpu();
    cpu.add(o);
    // Busy 1 P on average over 100 ms, 2 gone.
    expect(cpu.ms).toBeCloseTo(50);
  });
  it('reads a steady set (nothing ever fell) as goroutines that never leave', () => {
    const cpu = new LeaverCpu();
    cpu.add(observeInterval(pt(0, 10, [5, 5]), pt(20, 10, [6, 4]))!);
    expect(cpu.ms).toBe(Infinity);
  });
  it('feeds a model with fewer cores than busy Ps the CPU the cores gave, not the Ps busy time', () => {
    // 8 Ps busy for 100 ms on a 2-core machine, then 4 goroutines finished.
    const o = observeInterval(pt(0, 4, [0, 0, 0, 0, 0, 0, 0, 0]), pt(100, 0, [0, 0, 0, 0, 0, 0, 0, 0]))!;
    const cores2 = new LeaverCpu(2);
    cores2.add(o);
    expect(cores2.ms).toBeCloseTo(200);
    expect(cores2.cpuMs).toBeCloseTo(50);
    expect(cores2.coreShare).toBeCloseTo(0.25);
    const unlimited = new LeaverCpu();
    unlimited.add(o);
    expect(unlimited.cpuMs).toBe(unlimited.ms);
    expect(unlimited.coreShare).toBe(1);
  });
  it('runs that CPU in slices with a Gosched between, in one preempted run when CPU-bound, for ever when nobody left', () => {
    expect(stayBehaviour(0.5, 2)).toEqual({ cpuMs: 0.5, block: { on: 'gosched', ms: 0 }, repeat: 4 });
    expect(stayBehaviour(0.5, 0.4)).toEqual({ cpuMs: 0.4 });
    expect(stayBehaviour(20, 300)).toEqual({ cpuMs: 300 });
    expect(stayBehaviour(20, Infinity)).toEqual({ cpuMs: 1e6 });
    expect(stayBehaviour(0.5, Infinity)).toEqual({ cpuMs: 0.5, block: { on: 'gosched', ms: 0 }, repeat: 'forever' });
    // A slice of 20 ms on the P is CPU-bound (sysmon preempts by time on the P) even when its
    // thread had a core a quarter of that time; a 2 ms one is 0.5 ms of CPU.
    expect(stayBehaviour(20, 300, 0.25)).toEqual({ cpuMs: 300 });
    expect(stayBehaviour(2, 2, 0.25)).toEqual({ cpuMs: 0.5, block: { on: 'gosched', ms: 0 }, repeat: 4 });
  });
});
