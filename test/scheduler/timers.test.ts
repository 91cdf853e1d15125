import { describe, expect, it } from 'vitest';
import { G_STATUS, SchedulerModel } from '../../src/scheduler/model.js';
import type { GoProfile } from '../../src/scheduler/profiles.js';
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
    expect(p.dueTimers.slice(0, p.dueCount)).toContain(g.slot);
    expect(g.wakeSeq).toBe(-1); // its timer has fired
    // sysmon preempts the spinner (10 ms): the P schedules, runs the timer, the sleeper runs from
    // runnext (inheriting the slice, no schedtick) and sleeps again; then the spinner's fresh slice ticks.
    let t = 6;
    while (p.schedtick === ticks && t < 30) m.runUntil((t += 0.005));
    expect(t).toBeGreaterThanOrEqual(10);
    expect(p.dueCount).toBe(0);
    expect(g.status).toBe(G_STATUS.waiting);
    expect(g.wakeSeq).not.toBe(-1); // a new 2 ms timer
  });
});

/** n goroutines locked to their threads, each running 35 µs then sleeping 1 ms, forever (the `locked` workload). */
function sleepers(n: number): WorkloadSpec {
  return {
    name: 'locked-sleepers',
    groups: [
      {
        name: 'sleeper',
        spawn: { kind: 'burst', atMs: 0, count: n },
        behaviour: { cpuMs: 0.0346, block: { on: 'timer', ms: 1 }, repeat: 'forever', lockOSThread: true },
      },
    ],
  };
}

/** Mean time from one wake of a sleeper to the next over 500 ms, in ms (each wake is one schedtick: startlockedm → execute). */
function cycleMs(n: number, netpollMsSleep: boolean): number {
  const m = new SchedulerModel({ go: 'go1.26', gomaxprocs: 2, seed: 1 }, sleepers(n));
  const s = m.sched as { prof: GoProfile };
  s.prof = { ...s.prof, netpollMsSleep };
  const ticks = () => m.sched.allp.reduce((a, p) => a + p.schedtick, 0);
  m.runUntil(20);
  const before = ticks();
  m.runUntil(520);
  return (500 * n) / (ticks() - before);
}

describe('the M asleep in netpoll wakes on its millisecond grid (netpoll_epoll.go waitms)', () => {
  // Real (`locked -n N -d 2s -cycle` at GOMAXPROCS=2 on the 2-core machine the samples come from,
  // three runs each): 1.23-1.28, 1.20-1.27, 1.31-1.35 and 1.58-1.62 ms per cycle with 1, 2, 4 and 8
  // such goroutines on Go 1.26.8. The cycle grows with their number because the M that blocks for
  // the earliest timer wakes on whole milliseconds from when it blocked, so a timer due 0.3 ms after
  // it blocked waits 0.7 ms more.
  it('one sleeper wakes within the timer slack of its 1 ms; eight staggered ones wake later', () => {
    const one = cycleMs(1, true);
    expect(one).toBeGreaterThan(1.1);
    expect(one).toBeLessThan(1.3);
    expect(cycleMs(8, true)).toBeGreaterThan(one + 0.15);
  });
  it('without the grid (timers served at their time) the cycle would not grow with their number', () => {
    const one = cycleMs(1, false);
    expect(Math.abs(cycleMs(8, false) - one)).toBeLessThan(0.02);
  });
});
