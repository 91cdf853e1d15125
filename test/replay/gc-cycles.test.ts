import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { cyclesOver, placeGcCycles } from '../../src/replay/gc-cycles.js';
import { loadState } from '../../src/replay/load-state.js';
import { SchedulerModel } from '../../src/scheduler/model.js';
import { GC_WORKER, markWorkers, WORKER_DEDICATED } from '../../src/scheduler/runtime/gc.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { samplesDir } from '../helpers/samples.js';

const spin = { cpuMs: 1e5 };

/** A model seeded as replay seeds it: 8 busy Ps, 3 queued Gs each, nothing in the global queue. */
function seeded(): SchedulerModel {
  const m = new SchedulerModel({ go: 'go1.26', gomaxprocs: 8, seed: 1 }, { name: 'replay', groups: [] });
  loadState(m, { gomaxprocs: 8, runqueue: 0, runq: [3, 3, 3, 3, 3, 3, 3, 3], idleprocs: 0, threads: 10 }, spin, []);
  return m;
}

function dedicatedWorkers(m: SchedulerModel): number {
  const s = m.sched;
  return s.allp
    .slice(0, s.gomaxprocs)
    .filter((p) => p.curG !== -1 && s.gs[p.curG]!.group === GC_WORKER && p.gcWorkerMode === WORKER_DEDICATED).length;
}

describe('gctrace-driven GC cycles in replay', () => {
  it('a placed cycle stops the world when its line says, then marks with 25 % of the Ps as dedicated workers', () => {
    const m = seeded();
    placeGcCycles(m, 100, 50, [{ atMs: 110, stwStartMs: 0.2, markMs: 20, stwEndMs: 0.05 }]);
    m.runUntil(m.nowMs + 9.9);
    expect(m.sched.gcCycleActive).toBe(false);
    expect(dedicatedWorkers(m)).toBe(0);
    m.runUntil(m.nowMs + 5);
    expect(m.sched.gcMarking).toBe(true);
    expect(dedicatedWorkers(m)).toBe(markWorkers(8).dedicated);
    // preemptall at the stop-the-world sent the running Gs to the global queue
    expect(m.snapshot(false).runqueue).toBeGreaterThan(0);
    m.runUntil(m.nowMs + 20);
    expect(m.sched.gcCycleActive).toBe(false);
    expect(dedicatedWorkers(m)).toBe(0);
  });

  it('a cycle that began before the dump contributes only its remaining mark phase', () => {
    const m = seeded();
    // began 5 ms before the dump: 1 ms of sweep termination and 4 of its 10 ms mark are past
    placeGcCycles(m, 100, 50, [{ atMs: 95, stwStartMs: 1, markMs: 10, stwEndMs: 0.05 }]);
    m.runUntil(m.nowMs + 1);
    expect(m.sched.gcMarking).toBe(true);
    m.runUntil(m.nowMs + 5.5);
    expect(m.sched.gcCycleActive).toBe(false);
  });

  it('reads every cycle of a real gctrace log, each in the interval whose dump follows its line', () => {
    const text = readFileSync(join(samplesDir, 'go1.26', 'gcheavy-p4-gctrace-50ms.log'), 'utf8');
    const pts = buildTimelines(parseText(text).snapshots)[0]!.points;
    const lines = text.split('\n').filter((l) => l.startsWith('gc ')).length;
    let placed = 0;
    for (let i = 1; i < pts.length; i++) {
      const cycles = pts[i]!.gc?.phases ?? [];
      placed += cycles.length;
      for (const c of cycles) expect(c.atMs).toBeLessThanOrEqual(pts[i]!.tMs!);
      // a cycle running at the dump (its line comes after it) belongs to the interval too
      for (const c of cyclesOver(pts[i]!, pts[i + 1])) expect(c.atMs).toBeLessThan(pts[i]!.tMs! + 1);
    }
    // the lines before the last dump (the rest follow it)
    expect(placed).toBeGreaterThan(0.9 * lines);
    expect(placed).toBeLessThanOrEqual(lines);
  });
});
