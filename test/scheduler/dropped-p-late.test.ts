import { describe, expect, it } from 'vitest';
import { SchedulerModel } from '../../src/scheduler/model.js';
import type { WorkloadSpec } from '../../src/workload/spec.js';
import { loadedMachine } from '../helpers/loaded-machine.js';

describe('an M that has dropped its P reaches the idle list late now and then (Machine.preemptedDropNs)', () => {
  it('does so 0.01 × (1 − 1/load) of the time, then waits load × base slice × 0.5-1.5', () => {
    // 2 cores with 8 Ps executing: a load of 4, a share of 0.0075, a base slice of 1.5 ms.
    const m = loadedMachine(2, 8);
    expect(m.preemptedDropNs(() => 0)).toBe(3_000_000);
    expect(m.preemptedDropNs(() => 0.00375)).toBeCloseTo(6_000_000, 0);
    expect(m.preemptedDropNs(() => 0.0074)).toBeGreaterThan(8_900_000);
    expect(m.preemptedDropNs(() => 0.0076)).toBe(0);
    // As many executing Ps as cores: nothing waits and nothing is drawn.
    let draws = 0;
    const idle = loadedMachine(2, 2);
    expect(
      idle.preemptedDropNs(() => {
        draws++;
        return 0;
      }),
    ).toBe(0);
    expect(draws).toBe(0);
  });

  it('holds no P and is not on the idle list meanwhile, so the next wakep creates a thread', () => {
    // 4 CPU-bound Gs and 8 that sleep 1 ms after 0.2 ms of work (a timer), at 8 Ps on 2 cores: Ps drop
    // and are taken again all the time. With every drop late, the run needs more threads than with none.
    const spec: WorkloadSpec = {
      name: 'drops',
      groups: [
        { name: 'spin', spawn: { kind: 'burst', atMs: 0, count: 4 }, behaviour: { cpuMs: 1e5 } },
        {
          name: 'nap',
          spawn: { kind: 'burst', atMs: 0, count: 8 },
          behaviour: { cpuMs: 0.2, block: { on: 'timer', ms: 1 }, repeat: 'forever' },
        },
      ],
    };
    const threadsAt200 = (draw: number) => {
      const m = new SchedulerModel({ go: 'go1.26', gomaxprocs: 8, seed: 1, cpus: 2 }, spec);
      const s = m.sched;
      const rest = s.machine.preemptedDropNs.bind(s.machine);
      s.machine.preemptedDropNs = () => rest(() => draw);
      m.runUntil(200);
      return s.ms.length;
    };
    const never = threadsAt200(0.99);
    expect(threadsAt200(0)).toBeGreaterThan(never);
  });
});
