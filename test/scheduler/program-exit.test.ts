import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/scheduler/simulate.js';
import type { WorkloadSpec } from '../../src/workload/spec.js';

const spec = (name: string): WorkloadSpec =>
  JSON.parse(readFileSync(`samples/workloads/${name}.json`, 'utf8')) as WorkloadSpec;

const run = (workload: WorkloadSpec, durationMs: number) =>
  simulate({ workload, go: '1.26', gomaxprocs: 4, periodMs: 100, detail: false, seed: 1, cpus: 2, durationMs })
    .snapshots;

describe('the simulated program exits when its work is done', () => {
  it('seed: 20 Gs sleep 1 s and count; the dumps stop when the last one exits, as the real ones do', () => {
    const snaps = run(spec('seed'), 4000);
    const last = snaps.at(-1)!;
    // The real captures end at 1.9-2.8 s (samples/go1.26/seed-p4-100ms-*.log); without the exit the
    // model went on printing idle dumps until the end of the run.
    expect(last.tMs!).toBeGreaterThan(1500);
    expect(last.tMs!).toBeLessThan(2500);
    expect(snaps.length).toBeLessThan(30);
    // it exits because the work ran out, not at some fixed time: the dump before last is busy
    expect(snaps.at(-2)!.idleprocs).toBe(0);
  });

  it('a program with a group that repeats forever prints dumps to the end of the run', () => {
    const snaps = run(spec('gosched'), 1000);
    expect(snaps.at(-1)!.tMs!).toBeGreaterThanOrEqual(900);
  });

  it('a program with a burst still to come does not exit between its waves', () => {
    const seed = spec('seed');
    const group = seed.groups[0]!;
    const later: WorkloadSpec = {
      ...seed,
      groups: [
        group,
        { name: 'later', spawn: { kind: 'burst', atMs: 3000, count: 8 }, behaviour: { cpuMs: 87.3, repeat: 1 } },
      ],
    };
    const snaps = run(later, 4000);
    // the first wave is done by about 2 s; the second counts from 3 s
    expect(snaps.some((s) => s.tMs! > 3000 && s.idleprocs < 4)).toBe(true);
  });
});
