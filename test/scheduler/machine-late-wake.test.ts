import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/scheduler/simulate.js';
import type { WorkloadSpec } from '../../src/workload/spec.js';
import { loadedMachine } from '../helpers/loaded-machine.js';
import { samplesDir } from '../helpers/samples.js';

const syscalls = JSON.parse(readFileSync(join(samplesDir, 'workloads', 'syscalls.json'), 'utf8')) as WorkloadSpec;

describe('a thread that wakes on busy cores', () => {
  it('is 0.4-4 ms late more often the more threads want a core (0.28 × (1 − 1/load)); with a core free, at once', () => {
    const draws = (u: number) => {
      let n = 0;
      return {
        next: () => {
          n++;
          return u;
        },
        count: () => n,
      };
    };
    // 4 threads on 2 cores: late one time in 7 (share 0.14), the draw spread over the late range.
    expect(loadedMachine(2, 4).lateWakeNs(draws(0.5).next)).toBe(0);
    expect(loadedMachine(2, 4).lateWakeNs(draws(0.15).next)).toBe(0);
    expect(loadedMachine(2, 4).lateWakeNs(draws(0).next)).toBe(400_000);
    expect(loadedMachine(2, 4).lateWakeNs(draws(0.07).next)).toBeCloseTo(2_200_000, 0);
    // 8 on 2: a share of 0.21; 16 on 2: 0.245.
    expect(loadedMachine(2, 8).lateWakeNs(draws(0.2).next)).toBeGreaterThan(0);
    expect(loadedMachine(2, 8).lateWakeNs(draws(0.22).next)).toBe(0);
    expect(loadedMachine(2, 16).lateWakeNs(draws(0.24).next)).toBeGreaterThan(0);
    expect(loadedMachine(2, 16).lateWakeNs(draws(0.25).next)).toBe(0);
    // A core for each, or no --cpus: nothing waits, and nothing is drawn.
    for (const m of [loadedMachine(2, 2), loadedMachine(Infinity, 64)]) {
      const d = draws(0.05);
      expect(m.lateWakeNs(d.next)).toBe(0);
      expect(d.count()).toBe(0);
    }
  });

  it("slows sysmon's pace on the syscalls workload at 2 Ps on 2 cores, and so its retakes", () => {
    const run = (cpus?: number) =>
      simulate({
        workload: syscalls,
        go: '1.26',
        gomaxprocs: 2,
        periodMs: 50,
        detail: false,
        seed: 1,
        durationMs: 1000,
        ...(cpus !== undefined ? { cpus } : {}),
      }).counters;
    const free = run();
    const busy = run(2);
    // Without --cpus nothing waits: sysmon's 20 µs sleeps end on time.
    expect(free.sysmonShortOverNs).toBe(0);
    // On 2 cores the readers keep them busy: some of sysmon's wake-ups come late, about a
    // millisecond in ten on average, so sysmon takes fewer rounds and retakes fewer Ps.
    expect(busy.sysmonShortOverNs / busy.sysmonShort).toBeGreaterThan(50_000);
    expect(busy.sysmonShort).toBeLessThan(free.sysmonShort / 2);
    expect(busy.retakes).toBeLessThan(free.retakes);
  });
});
