import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { simulate } from '../../src/scheduler/simulate.js';
import type { Snapshot } from '../../src/trace/snapshot.js';
import { loadedMachine } from '../helpers/loaded-machine.js';
import { samplesDir } from '../helpers/samples.js';

/** The first dump's time at which no P is idle. */
function allBusyAtMs(snapshots: readonly Snapshot[]): number | undefined {
  return snapshots.find((s) => (s.tMs ?? 0) > 0 && s.idleprocs === 0)?.tMs ?? undefined;
}

describe('a new thread on saturated cores', () => {
  it('waits one base slice per runnable thread ahead of it on its core, the slice scaled by the core count', () => {
    expect(loadedMachine(2, 2).newThreadWaitNs()).toBe(0); // a core for each: it runs at once
    expect(loadedMachine(2, 32).newThreadWaitNs()).toBe(15 * 1_500_000); // 16 per core, 1.5 ms on 2 cores
    expect(loadedMachine(1, 3).newThreadWaitNs()).toBe(2 * 750_000);
    expect(loadedMachine(16, 64).newThreadWaitNs()).toBe(3 * 3_000_000); // the scaling stops at 8 cores
    expect(loadedMachine(Infinity, 64).newThreadWaitNs()).toBe(0);
  });

  it('makes 32 Ps on 2 cores start their Ms one at a time, as slowly as the real captures', () => {
    const real = ['go1.26', 'go1.19'].flatMap((go) =>
      ['a', 'b'].map((k) => {
        const text = readFileSync(join(samplesDir, go, `oversub-p32-20ms-${k}.log`), 'utf8');
        return allBusyAtMs(parseText(text).snapshots)!;
      }),
    );
    for (const t of real) expect(t).toBeGreaterThan(250); // 292-329 ms
    const workload = JSON.parse(readFileSync(join(samplesDir, 'workloads', 'oversub.json'), 'utf8'));
    const run = (cpus: number | undefined, seed: number) =>
      allBusyAtMs(
        simulate({
          workload,
          go: '1.26',
          gomaxprocs: 32,
          periodMs: 20,
          detail: false,
          seed,
          durationMs: 600,
          ...(cpus !== undefined ? { cpus } : {}),
        }).snapshots,
      )!;
    for (const seed of [1, 2, 3]) {
      const t = run(2, seed);
      expect(t).toBeGreaterThan(Math.min(...real) * 0.7);
      expect(t).toBeLessThan(Math.max(...real) * 1.3);
    }
    // With a core per thread nothing waits: every P is busy by the first dump after start.
    expect(run(undefined, 1)).toBeLessThanOrEqual(25);
  });
});
