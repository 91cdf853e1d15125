import { describe, expect, it } from 'vitest';
import { NONE } from '../../src/scheduler/runtime/sched.js';
import { SchedulerModel } from '../../src/scheduler/model.js';
import type { GoProfileName } from '../../src/scheduler/profiles.js';
import { gcCycleAt } from '../../src/scheduler/runtime/gc.js';
import type { WorkloadSpec } from '../../src/workload/spec.js';

const MS = 1_000_000;

/** 4 CPU-bound Gs on 2 Ps and 2 cores, one GC cycle at 20 ms whose sweep termination stops the world for 2 ms. */
function insideStopTheWorld(go: GoProfileName): SchedulerModel {
  const spec: WorkloadSpec = {
    name: 'stw',
    groups: [{ name: 'spin', spawn: { kind: 'burst', atMs: 0, count: 4 }, behaviour: { cpuMs: 1e5 } }],
    gc: { triggerMB: 1e9, stwMs: 0.05 },
  };
  const m = new SchedulerModel({ go, gomaxprocs: 2, seed: 1, cpus: 2 }, spec);
  gcCycleAt(m.sched, 20 * MS, { stwNs: 2 * MS, markNs: 0, markTermNs: 50_000 });
  m.runUntil(21);
  return m;
}

describe('a goroutine preempted for a stop-the-world (goschedImpl, preempted && sched.gcwaiting)', () => {
  it("stays in its own P's runnext from Go 1.26, where Go 1.25 put it on the global queue", () => {
    const newer = insideStopTheWorld('go1.26').sched;
    expect(newer.gcwaiting).toBe(true);
    // Both running spinners wait in their Ps' runnext; the two others are where sysmon's earlier
    // preemptions put them (the global queue), as on Go 1.25.
    expect(newer.allp.map((p) => p.q.runnext !== NONE)).toEqual([true, true]);
    expect(newer.global.size).toBe(2);

    const older = insideStopTheWorld('go1.25').sched;
    expect(older.gcwaiting).toBe(true);
    expect(older.allp.map((p) => p.q.runnext)).toEqual([NONE, NONE]);
    expect(older.global.size).toBe(4);
  });

  it('runs again first on its P when the world restarts, in the slice it had (no schedtick)', () => {
    const m = insideStopTheWorld('go1.26');
    const waiting = m.sched.allp.map((p) => p.q.runnext);
    const ticks = m.sched.allp.map((p) => p.schedtick);
    m.runUntil(22.5);
    expect(m.sched.gcwaiting).toBe(false);
    expect(m.sched.allp.map((p) => p.curG)).toEqual(waiting);
    expect(m.sched.allp.map((p) => p.schedtick)).toEqual(ticks);
  });
});
