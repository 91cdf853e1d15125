import { describe, expect, it } from 'vitest';
import { SchedulerModel } from '../../src/scheduler/model.js';
import { gcCycleAt } from '../../src/scheduler/runtime/gc.js';
import type { WorkloadSpec } from '../../src/workload/spec.js';

/** `busy` CPU-bound Gs; no cycle of its own (nothing allocates): the test places one. */
const spec = (busy: number, sweepMs: number | undefined): WorkloadSpec => ({
  name: 'sweep',
  groups: [{ name: 'spin', spawn: { kind: 'burst', atMs: 0, count: busy }, behaviour: { cpuMs: 1e5 } }],
  gc: { triggerMB: 1e9, stwMs: 0.05, sweepMs },
});

const MS = 1_000_000;

/** One GC cycle at 20 ms (5 ms of mark), then the sweeper has sweepMs of CPU to sweep. */
function withCycle(go: 'go1.19' | 'go1.26', gomaxprocs: number, busy: number, sweepMs: number | undefined) {
  const m = new SchedulerModel({ go, gomaxprocs, seed: 1 }, spec(busy, sweepMs));
  gcCycleAt(m.sched, 20 * MS, { stwNs: 50_000, markNs: 5 * MS, markTermNs: 50_000 });
  return m;
}
const TERMINATED_MS = 20 + 0.05 + 5 + 0.05;

describe('the background sweeper (bgsweep, gcSweep)', () => {
  it('parks in "GC sweep wait" from the start; mark termination readies it; it parks again when done', () => {
    const m = withCycle('go1.26', 4, 2, 2);
    const s = m.sched;
    m.runUntil(19);
    expect(s.sweepG).toBeGreaterThanOrEqual(0);
    const g = s.gs[s.sweepG]!;
    expect([g.status, g.waitReason, s.sweepParked]).toEqual([4, 'GC sweep wait', true]);
    m.runUntil(TERMINATED_MS + 0.01);
    expect(s.sweepParked).toBe(false);
    expect(g.status === 1 || g.status === 2).toBe(true);
    m.runUntil(TERMINATED_MS + 3);
    expect([g.status, g.waitReason, s.sweepParked]).toEqual([4, 'GC sweep wait', true]);
  });

  it('Go 1.20+ (goschedIfBusy) does not yield while a P is idle; Go 1.19 yields after every span', () => {
    const yields = (go: 'go1.19' | 'go1.26') => {
      const m = withCycle(go, 4, 2, 2);
      // Go 1.19: 20,000 Goscheds of 100 ns of sweeping and a 300 ns switch each take 8 ms.
      m.runUntil(TERMINATED_MS + 10);
      expect(m.sched.sweepParked).toBe(true);
      return m.sched.counters.sweepYields;
    };
    expect(yields('go1.26')).toBe(0);
    // 2 ms of sweeping at 100 ns a span: a Gosched (a trip through the global queue) per span.
    expect(yields('go1.19')).toBeGreaterThan(19_000);
    expect(yields('go1.19')).toBeLessThanOrEqual(20_000);
  });

  it('with no P idle, Go 1.26 yields every 10 spans, and each yield is a schedule', () => {
    // 3 CPU-bound Gs on 4 Ps: a P is free for the sweeper but none is idle while it runs.
    const m = withCycle('go1.26', 4, 3, 2);
    const s = m.sched;
    m.runUntil(TERMINATED_MS);
    const ticks = () => s.allp.slice(0, 4).reduce((a, p) => a + p.schedtick, 0);
    const before = ticks();
    m.runUntil(TERMINATED_MS + 4);
    expect(s.sweepParked).toBe(true);
    // 2 ms at 1 µs a batch of 10 spans: about 2,000 yields, each picked up again from the global queue.
    expect(s.counters.sweepYields).toBeGreaterThan(1_800);
    expect(s.counters.sweepYields).toBeLessThanOrEqual(2_000);
    expect(ticks() - before).toBeGreaterThanOrEqual(s.counters.sweepYields);
  });

  it('with every P busy, the yielded sweeper waits in the global queue; the next cycle sweeps what it left', () => {
    const m = withCycle('go1.26', 2, 8, 2);
    const s = m.sched;
    gcCycleAt(s, 40 * MS, { stwNs: 50_000, markNs: 5 * MS, markTermNs: 50_000 });
    m.runUntil(TERMINATED_MS + 1);
    // CPU-bound Gs hold both Ps for 10 ms slices: the sweeper runs only when a P looks at the global queue.
    expect(s.sweepLeftNs).toBeGreaterThan(0);
    m.runUntil(40.01);
    expect(s.sweepLeftNs).toBe(0);
  });

  it('without gc.sweepMs nothing is swept in the background: the sweeper stays parked', () => {
    const m = withCycle('go1.19', 4, 2, undefined);
    m.runUntil(TERMINATED_MS + 3);
    expect(m.sched.sweepParked).toBe(true);
    expect(m.sched.counters.sweepYields).toBe(0);
  });
});
