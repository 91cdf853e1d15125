import { describe, expect, it } from 'vitest';
import type { TimelinePoint } from '../../src/trace/timeline.js';
import { fittedBehaviour, observeInterval, WorkloadFitter } from '../../src/workload/fit.js';

const pt = (tMs: number, runqueue: number, runq: number[], schedticks?: number[]): TimelinePoint => ({
  line: tMs + 1,
  tMs,
  gomaxprocs: runq.length,
  idleprocs: 0,
  threads: runq.length + 1,
  spinningthreads: 0,
  needspinning: null,
  idlethreads: 0,
  runqueue,
  runq,
  ...(schedticks ? { schedticks, schedtickDelta: schedticks } : {}),
});

describe('workload fit used by replay', () => {
  it('does not carry a one-off spawn burst into the intervals after it', () => {
    const f = new WorkloadFitter(1);
    const pts = [pt(0, 0, [0]), pt(10, 0, [200]), pt(20, 0, [190]), pt(30, 0, [180])];
    for (let i = 1; i < pts.length; i++) f.update(observeInterval(pts[i - 1]!, pts[i]!)!);
    expect(f.current!.arrivalsPerP[0]).toBe(0);
  });
  it('keeps goroutines runnable over many slices when schedticks show thousands of dispatches and few leave', () => {
    const f = new WorkloadFitter(2);
    f.update(observeInterval(pt(0, 4, [1, 1]), pt(50, 5, [1, 0], [3000, 3000]))!);
    const b = fittedBehaviour(f.current!);
    expect(b.block?.on).toBe('gosched');
    expect(b.repeat).toBeGreaterThan(100);
    // One goroutine per dispatch left: each runs once.
    const g = new WorkloadFitter(1);
    g.update(observeInterval(pt(0, 300, [100]), pt(10, 180, [100], [120]))!);
    expect(fittedBehaviour(g.current!).repeat).toBeUndefined();
  });
  it('learns nothing of the CPU per dispatch from dumps where every P sat idle', () => {
    const idle = (tMs: number): TimelinePoint => ({ ...pt(tMs, 0, [0, 0], [0, 0]), idleprocs: 2 });
    const f = new WorkloadFitter(2);
    // a burst drained by both Ps: 400 dispatches in 40 ms of P time, 0.1 ms each
    f.update(observeInterval(pt(0, 400, [0, 0]), pt(20, 0, [0, 0], [200, 200]))!);
    const learnt = f.current!.sliceMs;
    expect(learnt).toBeLessThan(1);
    // then the program sleeps until its next burst
    for (let t = 20; t < 300; t += 20) f.update(observeInterval(idle(t), idle(t + 20))!);
    expect(f.current!.sliceMs).toBe(learnt);
  });
});
