import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchedulerModel } from '../../src/scheduler/model.js';
import { simulate, type SimulateOptions } from '../../src/scheduler/simulate.js';
import type { Snapshot } from '../../src/trace/snapshot.js';
import { validateWorkload, type WorkloadSpec } from '../../src/workload/spec.js';
import { ensureBuilt, runBuiltCli } from '../helpers/run-built-cli.js';
import { samplesDir } from '../helpers/samples.js';

const seed = JSON.parse(readFileSync(join(samplesDir, 'workloads', 'seed.json'), 'utf8')) as WorkloadSpec;
/** The same program with loops that call a function now and then (a preemption point). */
const withCalls: WorkloadSpec = {
  ...seed,
  groups: seed.groups.map((g) => ({ ...g, behaviour: { ...g.behaviour, callFree: false } })),
};

const run = (workload: WorkloadSpec, go: string, extra: Partial<SimulateOptions> = {}): Snapshot[] =>
  simulate({ workload, go, gomaxprocs: 4, periodMs: 20, detail: false, seed: 1, durationMs: 1400, cpus: 2, ...extra })
    .snapshots;

/** Dumps of the counting phase (from 1 s, when the 20 goroutines wake), every P busy. */
const busy = (snaps: readonly Snapshot[]) => snaps.filter((s) => (s.tMs ?? 0) > 1000 && s.idleprocs === 0);
/** Goroutines sysmon put on the global queue: with 16 waiting in the rings it grows by one a preemption. */
const maxGlobal = (snaps: readonly Snapshot[]) => Math.max(...busy(snaps).map((s) => s.runqueue));
/** The most busy dumps in a row whose rings read the same as the dump before. */
function longestUnchanged(snaps: readonly Snapshot[]): number {
  const b = busy(snaps);
  let longest = 0;
  let same = 0;
  for (let i = 1; i < b.length; i++) {
    same = b[i]!.runq.join() === b[i - 1]!.runq.join() ? same + 1 : 0;
    longest = Math.max(longest, same);
  }
  return longest;
}

describe('preemption of loops that call nothing (preemptone, asyncPreempt)', () => {
  it('from Go 1.14 sysmon stops them every 10 ms: goroutines pile up on the global queue', () => {
    expect(busy(run(seed, '1.26')).length).toBeGreaterThan(10);
    expect(maxGlobal(run(seed, '1.26'))).toBeGreaterThan(6);
  });

  it('before Go 1.14, and with GODEBUG=asyncpreemptoff=1, they keep their Ps: a ring holds for 60 ms and more', () => {
    for (const snaps of [run(seed, '1.13'), run(seed, '1.26', { asyncPreemptOff: true })]) {
      expect(busy(snaps).length).toBeGreaterThan(10);
      // a ring changes only when a loop ends (87 ms of CPU, two threads to a core)
      expect(longestUnchanged(snaps)).toBeGreaterThanOrEqual(3);
      expect(maxGlobal(snaps)).toBeLessThanOrEqual(6);
    }
    expect(longestUnchanged(run(seed, '1.26'))).toBeLessThanOrEqual(1);
  });

  it('the preemption asked for during the loop is taken at its first call after it: each ending loop passes the global queue once', () => {
    const snaps = run(seed, '1.13');
    // the real Go 1.5-1.13 captures: runqueue=3..5 while the rings drain, as loops end
    expect(busy(snaps).some((s) => s.runqueue > 0)).toBe(true);
  });

  it('a loop that calls functions is stopped at its next call on any release', () => {
    expect(maxGlobal(run(withCalls, '1.13'))).toBeGreaterThan(6);
    expect(maxGlobal(run(withCalls, '1.26', { asyncPreemptOff: true }))).toBeGreaterThan(6);
  });

  it('a spec says callFree with true or false', () => {
    const bad = { ...seed, groups: [{ ...seed.groups[0]!, behaviour: { ...seed.groups[0]!.behaviour, callFree: 1 } }] };
    const v = validateWorkload(bad);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors).toEqual(['$.groups[0].behaviour.callFree: must be true or false, got 1']);
  });

  it('simulate --asyncpreemptoff prints the run the option gives the model', () => {
    ensureBuilt();
    const opts = {
      workload: seed,
      go: '1.26',
      gomaxprocs: 4,
      periodMs: 20,
      detail: false,
      seed: 1,
      durationMs: 1400,
      cpus: 2,
    };
    const text = (asyncPreemptOff: boolean) => {
      const dumps: string[] = [];
      simulate({ ...opts, asyncPreemptOff }, (d) => dumps.push(`${d}\n`), false);
      return dumps.join('');
    };
    const args = [
      'simulate',
      '-w',
      join(samplesDir, 'workloads', 'seed.json'),
      '-p',
      '4',
      '--period',
      '20',
      '--duration',
      '1400',
      '--cpus',
      '2',
    ];
    const off = runBuiltCli([...args, '--asyncpreemptoff']);
    expect(off.code).toBe(0);
    expect(off.stdout).toBe(text(true));
    expect(off.stdout).not.toBe(text(false));
    expect(runBuiltCli(args).stdout).toBe(text(false));
  });
});

describe('a stop-the-world waits for a loop that cannot be stopped (stopTheWorldWithSema, stopwait)', () => {
  // Three counting loops of 29 ms of CPU (samples/programs/stwloop's rounds) on 4 Ps of 2 CPUs, and a
  // GC cycle every 100 ms whose stops take 0.05 ms once the Ps have stopped.
  const loops = (callFree: boolean): WorkloadSpec => ({
    name: 'stwloop',
    groups: [
      {
        name: 'loops',
        spawn: { kind: 'burst', atMs: 0, count: 3 },
        behaviour: { cpuMs: 29, callFree, block: { on: 'gosched', ms: 0 }, repeat: 'forever' },
      },
    ],
    gc: { everyMs: 100, stwMs: 0.05, markMs: 2, markTermMs: 0.05 },
  });
  /** The longest time the world was stopping or stopped (gcwaiting), read every 0.1 ms. */
  const longestStop = (workload: WorkloadSpec, asyncPreemptOff: boolean): number => {
    const m = new SchedulerModel({ go: 'go1.26', gomaxprocs: 4, seed: 1, cpus: 2, asyncPreemptOff }, workload);
    let longest = 0;
    let cur = 0;
    for (let t = 0.1; t <= 1000; t += 0.1) {
      m.runUntil(t);
      cur = m.sched.gcwaiting ? cur + 0.1 : 0;
      longest = Math.max(longest, cur);
    }
    return longest;
  };

  it('without asynchronous preemption, until the loop ends: tens of ms where the stop itself takes 0.05', () => {
    expect(longestStop(loops(true), true)).toBeGreaterThan(10);
  });

  it('with it, or with loops that call functions, the Ps stop at once', () => {
    expect(longestStop(loops(true), false)).toBeLessThan(1);
    expect(longestStop(loops(false), true)).toBeLessThan(1);
  });
});
