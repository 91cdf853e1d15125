import { describe, expect, it } from 'vitest';
import { G_STATUS, SchedulerModel } from '../../src/scheduler/model.js';
import type { WorkloadSpec } from '../../src/workload/spec.js';

/** One P: a CPU-bound spinner (preempted by sysmon every 10 ms) and a goroutine sleeping 2 ms in a loop. */
const spec: WorkloadSpec = {
  name: 'timer-on-busy-p',
  groups: [
    { name: 'spin', spawn: { kind: 'burst', atMs: 0, count: 1 }, behaviour: { cpuMs: 1e5 } },
    {
      name: 'sleeper',
      spawn: { kind: 'burst', atMs: 0, count: 1 },
      behaviour: { cpuMs: 0.001, block: { on: 'timer', ms: 2 }, repeat: 'forever' },
    },
  ],
};

function sleeper(m: SchedulerModel) {
  return m.sched.gs.find((g) => g.group === 1)!;
}

describe('timers run when their P schedules (checkTimers), not at their exact time', () => {
  it('a sleeper whose P runs a CPU-bound G stays asleep past its timer until the P next schedules', () => {
    const m = new SchedulerModel({ go: 'go1.26', gomaxprocs: 1, seed: 1 }, spec);
    // Let both start: the sleeper parks on its 2 ms timer while the spinner holds the only P.
    m.runUntil(1);
    const g = sleeper(m);
    expect(g.status).toBe(G_STATUS.waiting);
    const p = m.sched.allp[0]!;
    const ticks = p.schedtick;
    // Its timer is due by 4 ms, but the P keeps running the spinner: the timer waits on the P.
    m.runUntil(6);
    expect(p.schedtick).toBe(ticks);
    expect(g.status).toBe(G_STATUS.waiting);
    expect(p.dueTimers).toContain(g.slot);
    expect(g.wakeSeq).toBe(-1); // its timer has fired
    // sysmon preempts the spinner (10 ms): the P schedules, runs the timer, the sleeper runs from
    // runnext (inheriting the slice, no schedtick) and sleeps again; then the spinner's fresh slice ticks.
    let t = 6;
    while (p.schedtick === ticks && t < 30) m.runUntil((t += 0.005));
    expect(t).toBeGreaterThanOrEqual(10);
    expect(p.dueTimers).toHaveLength(0);
    expect(g.status).toBe(G_STATUS.waiting);
    expect(g.wakeSeq).not.toBe(-1); // a new 2 ms timer
  });
});
