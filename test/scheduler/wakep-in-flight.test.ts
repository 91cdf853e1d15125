import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/scheduler/simulate.js';
import type { Snapshot } from '../../src/trace/snapshot.js';
import type { WorkloadSpec } from '../../src/workload/spec.js';
import { samplesDir } from '../helpers/samples.js';

const spec = (name: string) =>
  JSON.parse(readFileSync(join(samplesDir, 'workloads', `${name}.json`), 'utf8')) as WorkloadSpec;
const pingpong = spec('pingpong');

const run = (go: string, gomaxprocs: number, periodMs: number, detail = false): Snapshot[] =>
  simulate({ workload: pingpong, go, gomaxprocs, periodMs, detail, seed: 3, durationMs: 500, cpus: 2 }).snapshots;

/** Dumps with every P busy that read a spinning thread. */
const busyAndSpinning = (snaps: readonly Snapshot[]) =>
  snaps.filter((s) => s.idleprocs === 0 && (s.spinningthreads ?? 0) > 0);

describe('a wakep under way, as a dump reads it', () => {
  it('from Go 1.20, pingpong dumps with no P idle read a spinning thread at about a quarter of them; before, at none', () => {
    // Real, 4 Ps on 2 cores: 22-34% of the Go 1.26 fidelity captures' dumps; at 8 Ps 3 of 85 on Go
    // 1.19.8 and 28 of 84 on Go 1.20.14 (wakep-in-flight.ts).
    const go126 = run('1.26', 4, 5);
    const share = busyAndSpinning(go126).length / go126.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.4);
    expect(busyAndSpinning(run('1.20', 4, 5)).length).toBeGreaterThan(0);
    expect(busyAndSpinning(run('1.19', 4, 5))).toEqual([]);
  });

  it('no M is spinning in those dumps: the count is the slot the wakep holds, not a thread', () => {
    const detailed = busyAndSpinning(run('1.26', 4, 5, true));
    expect(detailed.length).toBeGreaterThan(0);
    for (const s of detailed) expect(s.detail!.m.filter((m) => m.spinning)).toEqual([]);
  });

  it('more often with more threads per core (the slot held while its thread waits for a core)', () => {
    const at = (p: number) => {
      const snaps = run('1.26', p, 10);
      return busyAndSpinning(snaps).length / snaps.length;
    };
    expect(at(16)).toBeGreaterThan(at(4) + 0.2);
  });

  it('a program that readies goroutines rarely (Gosched every 5 µs of work) reads one at few dumps', () => {
    const snaps = simulate({
      workload: spec('gosched'),
      go: '1.26',
      gomaxprocs: 4,
      periodMs: 50,
      detail: false,
      seed: 3,
      durationMs: 2000,
      cpus: 2,
    }).snapshots;
    expect(busyAndSpinning(snaps).length / snaps.length).toBeLessThan(0.12);
  });

  it('what the dumps read does not move the run: the queues at 10 ms dumps are those of 5 ms dumps at the same times', () => {
    const every5 = new Map(run('1.26', 4, 5).map((s) => [s.tMs, s]));
    const every10 = run('1.26', 4, 10);
    let compared = 0;
    for (const s of every10) {
      const t = every5.get(s.tMs);
      if (t === undefined) continue;
      compared++;
      expect([s.runqueue, s.runq]).toEqual([t.runqueue, t.runq]);
    }
    expect(compared).toBeGreaterThan(25);
  });
});
