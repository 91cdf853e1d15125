import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { TurnTracker } from '../../src/replay/turns.js';
import { DEFAULT_TURN_SLICE_NS } from '../../src/scheduler/machine/machine.js';
import { simulate } from '../../src/scheduler/simulate.js';
import type { TimelinePoint } from '../../src/trace/timeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { loadedMachine } from '../helpers/loaded-machine.js';
import { samplesDir } from '../helpers/samples.js';

describe('turns on shared cores', () => {
  it('come (threads per core) × slice apart, only with more threads than cores', () => {
    expect(loadedMachine(2, 32).turnGap()).toBe(16 * DEFAULT_TURN_SLICE_NS);
    expect(loadedMachine(2, 2).turnGap()).toBe(0);
    expect(loadedMachine(Infinity, 32).turnGap()).toBe(0);
    expect(loadedMachine(2, 32, 0).turnGap()).toBe(0);
    const measured = loadedMachine(2, 32);
    measured.measuredTurnGapNs = 25e6;
    expect(measured.turnGap()).toBe(25e6); // replay's reading of the log wins
  });

  it('a simulated 32-P run on 2 cores shows turns as far apart as the real captures', () => {
    const gap = (points: TimelinePoint[]) => {
      const t = new TurnTracker(points[0]!.gomaxprocs);
      for (let i = 1; i < points.length; i++) t.observe(points[i - 1]!, points[i]!);
      return t.gapMs();
    };
    const real = ['a', 'b'].map((k) => {
      const text = readFileSync(join(samplesDir, 'go1.26', `oversub-p32-20ms-${k}.log`), 'utf8');
      return gap(buildTimelines(parseText(text).snapshots)[0]!.points)!;
    });
    const workload = JSON.parse(readFileSync(join(samplesDir, 'workloads', 'oversub.json'), 'utf8'));
    const simulated = (turnSliceMs?: number) => {
      const r = simulate({
        workload,
        go: '1.26',
        gomaxprocs: 32,
        periodMs: 20,
        detail: false,
        seed: 1,
        durationMs: 1000,
        cpus: 2,
        ...(turnSliceMs !== undefined ? { turnSliceMs } : {}),
      });
      return gap(buildTimelines(r.snapshots)[0]!.points);
    };
    for (const g of real) expect(g).toBeGreaterThan(50); // 58 and 70 ms
    const withTurns = simulated();
    expect(withTurns).not.toBeNull();
    expect(withTurns!).toBeGreaterThan(Math.min(...real) * 0.7);
    expect(withTurns!).toBeLessThan(Math.max(...real) * 1.3);
    // Without turns sysmon's preemption reaches every G each 10 ms of wall time: a turn about every
    // dump (the 20 ms period is as fine as a gap can be read), less than half the real gap.
    expect(simulated(0) ?? 0).toBeLessThan(Math.min(...real) / 2);
  });
});
