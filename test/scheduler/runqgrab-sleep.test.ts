import { describe, expect, it } from 'vitest';
import { COSTS } from '../../src/scheduler/costs.js';
import { SchedulerModel } from '../../src/scheduler/model.js';
import { newproc1 } from '../../src/scheduler/runtime/gfree.js';
import { newproc } from '../../src/scheduler/runtime/park.js';
import { procresize } from '../../src/scheduler/runtime/stw.js';
import type { WorkloadSpec } from '../../src/workload/spec.js';

/**
 * One G at GOMAXPROCS 2 that runs 5 ms of CPU and exits: at 3 ms (or 50 µs before it ends) it
 * spawns a G into its P's runnext, and wakep starts a spinner on the other P. A sleeper (asleep for
 * the whole test) keeps the program from exiting when the runner does: the test makes its G behind
 * the program's back, so the program does not count it.
 */
function spawnBesideRunner(beforeEnd: boolean) {
  const spec: WorkloadSpec = {
    name: 'thief',
    groups: [
      { name: 'spin', spawn: { kind: 'burst', atMs: 0, count: 1 }, behaviour: { cpuMs: 5 } },
      {
        name: 'sleeper',
        spawn: { kind: 'burst', atMs: 0, count: 1 },
        behaviour: { cpuMs: 0.001, startBlocked: true, block: { on: 'timer', ms: 1000 }, repeat: 1 },
      },
    ],
  };
  const m = new SchedulerModel({ go: 'go1.26', gomaxprocs: 2, seed: 1 }, spec);
  const s = m.sched;
  m.runUntil(2);
  const victim = s.allp.find((p) => p.curG !== -1)!;
  const thief = s.allp.find((p) => p !== victim)!;
  m.runUntil(beforeEnd ? (victim.runEndAt - 50_000) / 1e6 : 3);
  const g = newproc1(s, victim, 0);
  g.cpuLeftNs = 1e6;
  newproc(s, victim, g);
  return { m, s, victim, thief, g, t: s.k.now / 1e6, spellsBefore: s.counters.spinOk };
}

const WAKE_MS = COSTS.wakeMNs / 1e6;
const SLEEP_MS = COSTS.runqgrabSleepNs / 1e6;

describe("runqgrab's usleep(3) before taking a running victim's runnext", () => {
  it('the spinning thief sleeps first, keeping its P and its spinning state, then takes the G', () => {
    const { m, s, victim, thief, g, t, spellsBefore } = spawnBesideRunner(false);
    // The spinner arrives after the wake-up and finds only the runnext of a running P.
    m.runUntil(t + WAKE_MS + 0.001);
    expect([thief.stealVictim, thief.stealG, victim.q.runnext, s.nmspinning]).toEqual([victim.id, g.slot, g.slot, 1]);
    m.runUntil(t + WAKE_MS + SLEEP_MS - 0.001);
    expect(thief.curG).toBe(-1);
    m.runUntil(t + WAKE_MS + SLEEP_MS + 0.001);
    expect([thief.curG, victim.q.runnext, thief.stealVictim, s.nmspinning]).toEqual([g.slot, -1, -1, 0]);
    // One spinning spell that found work, from startm to the steal.
    expect(s.counters.spinOk).toBe(spellsBefore + 1);
    expect(s.counters.asRuntimeFields()['x.spin_ok_n_us']).toMatch(/\/\d+$/);
  });

  it('when the victim schedules during the sleep it runs its runnext itself, and the thief gives up', () => {
    // The victim's G ends 50 µs after the spawn, inside the thief's sleep.
    const { m, s, victim, thief, g, t } = spawnBesideRunner(true);
    const failsBefore = s.counters.spinFail;
    m.runUntil(t + WAKE_MS + 0.001);
    expect(thief.stealVictim).toBe(victim.id);
    m.runUntil(t + WAKE_MS + SLEEP_MS + 0.001);
    expect(victim.curG).toBe(g.slot);
    expect(thief.curG).toBe(-1);
    expect(s.counters.spinFail).toBe(failsBefore + 1);
  });

  it('a P removed by procresize while its M sleeps there forgets the steal', () => {
    const { m, s, victim, thief, g, t } = spawnBesideRunner(false);
    m.runUntil(t + WAKE_MS + 0.001);
    expect([thief.id, thief.stealVictim]).toEqual([1, victim.id]);
    procresize(s, 1);
    expect([thief.stealVictim, thief.stealG, thief.startSeq]).toEqual([-1, -1, -1]);
    // The G stays in P0's runnext, and P0 runs it once its own G ends.
    expect(victim.q.runnext).toBe(g.slot);
    m.runUntil(victim.runEndAt / 1e6 + 0.01);
    expect(victim.curG).toBe(g.slot);
    expect(thief.curG).toBe(-1);
  });
});
