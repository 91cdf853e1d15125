import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchedulerModel } from '../../src/scheduler/model.js';
import { profileFor } from '../../src/scheduler/profiles.js';
import type { WorkloadSpec } from '../../src/workload/spec.js';
import { samplesDir } from '../helpers/samples.js';

/**
 * Whole turns on one core (runtime/slices.ts): threads burning CPU in the kernel get the one core for
 * a 4 ms turn each, and sysmon waits for a turn's end. The runtime's own counters on one CPU
 * (docs/measurements/fidelity.md, the syscalls workload, 2 s, 5 runs): sysmon woke 757-1,440 times, a
 * quarter as often as on two CPUs (4,161-4,173), and most calls ended on the fast path (10.1k-10.6k)
 * with few exits finding no P (149-539). Before turns the model's sysmon woke about 5,000 times on one
 * core, as on two, and 2,200 exits found no P.
 */
const syscalls = JSON.parse(readFileSync(join(samplesDir, 'workloads', 'syscalls.json'), 'utf8')) as WorkloadSpec;

function run(cpus: number, seed = 1) {
  const model = new SchedulerModel({ go: profileFor('1.26'), gomaxprocs: 2, seed, cpus }, syscalls);
  model.runUntil(2000);
  const s = model.snapshot(false);
  const c = model.counters;
  return { c, threads: s.threads, wakes: c.sysmonShort + c.sysmonLong };
}

describe('whole turns on one core', () => {
  it('make sysmon wake as rarely as the runtime does on one CPU, and most calls end on the fast path', () => {
    const one = run(1);
    expect(one.wakes).toBeGreaterThan(600);
    expect(one.wakes).toBeLessThan(1600);
    expect(one.c.exitFast).toBeGreaterThan(one.c.exitOldP + one.c.exitNoP);
    expect(one.c.exitNoP).toBeLessThan(1000);
    // More threads than the 22-24 of the fluid sharing (25 since a turn's Go code runs unshared), fewer than the runtime's 42.
    expect(one.threads).toBeGreaterThanOrEqual(25);
  });

  it('are not used on two cores, where a woken thread finds the other core', () => {
    const two = run(2);
    expect(two.wakes).toBeGreaterThan(3000);
  });

  it('keep no list that grows with the run: the Ms startm woke are forgotten once started', () => {
    const gcheavy = JSON.parse(readFileSync(join(samplesDir, 'workloads', 'gcheavy.json'), 'utf8')) as WorkloadSpec;
    const model = new SchedulerModel({ go: profileFor('1.26'), gomaxprocs: 4, seed: 1, cpus: 1 }, gcheavy);
    // No kernel-CPU calls: no turn ever ends, so nothing reads the list (it held 6,927 after 30 s).
    model.runUntil(30_000);
    expect(model.sched.machine.startingPs.length).toBeLessThanOrEqual(2 * 4 + 1);
  });
});
