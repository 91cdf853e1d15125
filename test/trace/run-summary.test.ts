import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { addGcCycle, type GcCycle } from '../../src/trace/gc-sample.js';
import { RunSummaryBuilder } from '../../src/trace/run-summary.js';
import { GC_BACKGROUND_RUNNABLE } from '../../src/trace/runtime-constants.js';
import { emptyTimelinePoint } from '../../src/trace/timeline-builder.js';
import type { TimelinePoint } from '../../src/trace/timeline.js';
import { samplesDir } from '../helpers/samples.js';

/**
 * A dump's point; by default each busy P's M is awake and so is sysmon (threads idle = idle Ps), as
 * outside a stop-the-world (trace/stopped-world.ts).
 */
function point(
  gomaxprocs: number,
  idleprocs: number,
  runqueue: number,
  runq: number[],
  threads = gomaxprocs + 1,
  idlethreads = idleprocs,
): TimelinePoint {
  const pt = emptyTimelinePoint();
  pt.gomaxprocs = gomaxprocs;
  pt.idleprocs = idleprocs;
  pt.runqueue = runqueue;
  pt.runq = runq;
  pt.threads = threads;
  pt.idlethreads = idlethreads;
  return pt;
}

const cycle: GcCycle = {
  cycle: 1,
  atMs: 10,
  cpuPercent: 1,
  stwStartMs: 0.1,
  markMs: 1,
  stwEndMs: 0.1,
  stwCpuMs: 0.2,
  assistCpuMs: 0,
  backgroundCpuMs: 1,
  idleCpuMs: 0,
  heapStartMB: 4,
  heapEndMB: 4,
  heapLiveMB: 2,
  heapGoalMB: 4,
  procs: 4,
  forced: false,
};

describe('RunSummary.backlogDumps', () => {
  test('counts the dumps with no idle P and a runnable goroutine of the program waiting per P', () => {
    const b = new RunSummaryBuilder('', 0);
    b.add(point(4, 0, 4, [0, 0, 0, 0]), 'go1.20'); // four on the global queue: one per P
    b.add(point(4, 0, 0, [1, 1, 1, 0]), 'go1.20'); // three waiting for four Ps: not a backlog
    b.add(point(4, 1, 0, [3, 3, 3, 3]), 'go1.20'); // an idle P: the CPUs are not all taken
    b.add(point(4, 0, 1, [0, 0, 0, 9]), 'go1.20'); // all on one ring still count
    // After a GC cycle the sweeper and the scavenger may be the ones waiting (backlogOf).
    const afterGc = point(4, 0, 0, [1, 1, 1, 1 + GC_BACKGROUND_RUNNABLE - 1]);
    afterGc.gc = addGcCycle(undefined, cycle, false);
    b.add(afterGc, 'go1.20');
    // Inside a stop-the-world: 4 Ps off the idle list, 1 of 5 threads awake besides sysmon. Every
    // goroutine waits for the world to start again, backlog or not.
    b.add(point(4, 0, 4, [0, 0, 0, 0], 5, 3), 'go1.20');
    expect(b.summary().backlogDumps).toBe(2);
    expect(b.restart('', 1).summary().backlogDumps).toBe(0);
  });

  test('a real log of CPU-bound frames: a backlog at the frames, none in the sleeps between', () => {
    // frames-p4: 4 CPU-bound tiles per P, then a 20 ms sleep, over and over (samples/labelled).
    const text = readFileSync(join(samplesDir, 'labelled/phases3-go1.23/frames-p4-50ms.log'), 'utf8');
    const b = new RunSummaryBuilder('', 0);
    let expected = 0;
    for (const s of parseText(text).snapshots) {
      const waiting = s.runqueue + s.runq.reduce((x, y) => x + y, 0);
      if (s.idleprocs === 0 && waiting >= s.gomaxprocs) expected++;
      b.add(point(s.gomaxprocs, s.idleprocs, s.runqueue, s.runq, s.threads, s.idlethreads), 'go1.20');
    }
    const r = b.summary();
    expect(r.backlogDumps).toBe(expected);
    expect(r.backlogDumps).toBeGreaterThan(r.snapshots / 4);
    expect(r.backlogDumps).toBeLessThan(r.snapshots / 2);
  });
});
