import { describe, expect, it } from 'vitest';
import type { TimelinePoint } from '../../src/trace/timeline.js';
import { timelinePoint } from '../helpers/timeline-point.js';
import { fittedBehaviour, isCpuBound, observeInterval, WorkloadFitter } from '../../src/workload/fit.js';

const pt = (tMs: number, runqueue: number, runq: number[], schedticks?: number[]): TimelinePoint =>
  timelinePoint(tMs, runqueue, runq, schedticks ? { schedticks } : {});

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

  // A cron-like program, as a real Go 1.26 capture showed it: the Ps sit idle, a ticker starts
  // ~1,500 short jobs, the next dump shows them queued, the one after shows them gone.
  const idleAt = (tMs: number, ticks: number[] | undefined): TimelinePoint => ({
    ...pt(tMs, 0, [0, 0, 0, 0], ticks),
    idleprocs: 4,
  });
  const busyAt = (tMs: number, runqueue: number, runq: number[], ticks: number[] | undefined): TimelinePoint => ({
    ...pt(tMs, runqueue, runq, ticks),
    idleprocs: 0,
  });
  const cron = (withTicks: boolean): WorkloadFitter => {
    const t = (n: number) => (withTicks ? [n, n, n, n] : undefined);
    const f = new WorkloadFitter(4);
    const step = (a: TimelinePoint, b: TimelinePoint) => f.update(observeInterval(a, b)!);
    // start-up: one P ran one dispatch for 25 ms
    step({ ...idleAt(0, t(0)), idleprocs: 3 }, { ...idleAt(25, withTicks ? [1, 0, 0, 0] : undefined), idleprocs: 3 });
    for (let ms = 25; ms < 300; ms += 25) step(idleAt(ms, t(0)), idleAt(ms + 25, t(0)));
    // the burst: 1,200 jobs queued at the dump, 1,800 dispatched in the interval
    step(idleAt(300, t(0)), busyAt(325, 1000, [50, 50, 50, 50], t(450)));
    // drained: 1,200 gone in 1,300 dispatches
    step(busyAt(325, 1000, [50, 50, 50, 50], t(0)), idleAt(350, t(325)));
    for (let ms = 350; ms < 600; ms += 25) step(idleAt(ms, t(0)), idleAt(ms + 25, t(0)));
    // the next burst
    step(idleAt(600, t(0)), busyAt(625, 1000, [50, 50, 50, 50], t(450)));
    return f;
  };
  it('weighs each interval by its dispatches: a 25 ms start-up does not make a burst of short jobs CPU-bound', () => {
    const f = new WorkloadFitter(4);
    const startUp = [
      { ...idleAt(0, [0, 0, 0, 0]), idleprocs: 3 },
      { ...idleAt(25, [1, 0, 0, 0]), idleprocs: 3 },
    ] as const;
    f.update(observeInterval(...startUp)!);
    expect(isCpuBound(f.current!)).toBe(true);
    f.update(observeInterval(idleAt(25, [0, 0, 0, 0]), busyAt(50, 1000, [50, 50, 50, 50], [450, 450, 450, 450]))!);
    // P time over dispatches, the older interval weighing half as much: 25 ms for 1, then 50 ms for 1,800
    expect(f.current!.sliceMs).toBeCloseTo((0.5 * 25 + 50) / (0.5 * 1 + 1800), 4);
    expect(isCpuBound(f.current!)).toBe(false);
  });
  it('turns CPU-bound again, some intervals after a burst of short dispatches', () => {
    const f = new WorkloadFitter(4);
    const long = (t: number) =>
      f.update(
        observeInterval(busyAt(t, 40, [5, 5, 5, 5], [0, 0, 0, 0]), busyAt(t + 20, 40, [5, 5, 5, 5], [1, 1, 1, 1]))!,
      );
    // four goroutines hold their Ps: one dispatch per P in 20 ms
    for (let t = 0; t < 100; t += 20) long(t);
    expect(isCpuBound(f.current!)).toBe(true);
    // a lock released: 1,000 short dispatches drain everything
    f.update(
      observeInterval(busyAt(100, 40, [5, 5, 5, 5], [0, 0, 0, 0]), busyAt(120, 0, [0, 0, 0, 0], [250, 250, 250, 250]))!,
    );
    expect(isCpuBound(f.current!)).toBe(false);
    // long slices again: the burst's weight halves with each interval (seven of them here)
    let after = 0;
    while (!isCpuBound(f.current!) && after < 20) long(120 + 20 * after++);
    expect(after).toBeGreaterThan(1);
    expect(after).toBeLessThanOrEqual(8);
  });
  it('keeps what the last drain showed through idle dumps and the next burst (schedticks)', () => {
    const f = cron(true);
    // after the drain, jobs ran about once each; the next burst's interval, where nothing was seen
    // to leave, does not turn them into goroutines that yield hundreds of times
    expect(f.current!.slicesPerStay).toBeLessThan(2);
    expect(fittedBehaviour(f.current!).repeat).toBeUndefined();
    expect(isCpuBound(f.current!)).toBe(false);
  });
  it('keeps what the last drain showed through idle dumps and the next burst (no schedticks)', () => {
    const f = cron(false);
    // 25 ms of 4 Ps (half of it at the drain's first half) for 1,200 goroutines gone: well under 1 ms each
    expect(f.current!.sliceMs).toBeLessThan(1);
    expect(isCpuBound(f.current!)).toBe(false);
  });
  it('reads how queued goroutines stay from the intervals that began with a backlog, as the least of their bounds', () => {
    // A timer storm's shape (schedtick deltas given per interval): a backlog of 2,000 drained with
    // 2,200 dispatches (at most 1.1 slices per goroutine gone: arrivals within the interval add
    // dispatches only), then between storms a goroutine that yields 400 times per 10 ms.
    const f = new WorkloadFitter(2);
    const quiet = (t: number) => [pt(t, 0, [1, 0], [5, 5]), pt(t + 10, 0, [0, 0], [200, 200])];
    const pts = [pt(0, 2000, [0, 0]), pt(10, 0, [0, 0], [1100, 1100]), ...quiet(20), ...quiet(40), ...quiet(60)];
    for (let i = 1; i < pts.length; i++) f.update(observeInterval(pts[i - 1]!, pts[i]!)!);
    expect(f.current!.slicesPerStay).toBeGreaterThan(2);
    expect(f.current!.backlogSlicesPerStay).toBeCloseTo(1.1, 9);
    // The next storm drains with 2,100: the least bound is taken.
    f.update(observeInterval(pt(80, 0, [0, 0], [0, 0]), pt(90, 2000, [0, 0], [0, 0]))!);
    f.update(observeInterval(pt(90, 2000, [0, 0], [0, 0]), pt(100, 0, [0, 0], [1050, 1050]))!);
    expect(f.current!.backlogSlicesPerStay).toBeCloseTo(1.05, 9);
    // Before any interval began with a backlog: the run's own.
    const g = new WorkloadFitter(2);
    g.update(observeInterval(pts[2]!, pts[3]!)!);
    expect(g.current!.backlogSlicesPerStay).toBe(g.current!.slicesPerStay);
  });
  it('without schedticks, gives a goroutine the busy time per goroutine gone, not twice it', () => {
    // One P busy throughout, 100 goroutines gone every 10 ms: 0.1 ms each. Damping it as the arrivals
    // are (half the flow carried forward) made it 0.2 ms, and the model drained bursts at half the
    // rate the log showed (the replay section of the README has the skill before and after).
    const f = new WorkloadFitter(1);
    const pts = [pt(0, 0, [300]), pt(10, 0, [200]), pt(20, 0, [100]), pt(30, 0, [0])];
    f.update(observeInterval(pts[0]!, pts[1]!)!);
    expect(f.current!.sliceMs).toBeCloseTo(0.1, 9);
    for (let i = 2; i < pts.length; i++) f.update(observeInterval(pts[i - 1]!, pts[i]!)!);
    expect(f.current!.sliceMs).toBeCloseTo(0.1, 9);
    expect(fittedBehaviour(f.current!).cpuMs).toBeCloseTo(0.1, 9);
  });
  it('reads a schedtick that went back as no count, not as a wrap of 4 billion dispatches', () => {
    // A log whose runs were joined with the clock running on: the counters start again from 0.
    const o = observeInterval(busyAt(100, 4, [1, 1, 1, 1], [900, 900, 900, 900]), {
      ...busyAt(120, 4, [1, 1, 1, 1], [3, 3, 3, 3]),
      schedtickDelta: [3 - 900 + 2 ** 32, 3 - 900 + 2 ** 32, 3 - 900 + 2 ** 32, 3 - 900 + 2 ** 32],
    })!;
    expect(o.dispatches).toBeNull();
    expect(o.dispatchesPerP).toBeNull();
    // 20,000 a ms per P is the most counted: 400 in 20 ms is a count.
    expect(
      observeInterval(busyAt(100, 4, [1, 1, 1, 1], [0, 0, 0, 0]), busyAt(120, 4, [1, 1, 1, 1], [100, 100, 100, 100]))!
        .dispatches,
    ).toBe(400);
  });
});
