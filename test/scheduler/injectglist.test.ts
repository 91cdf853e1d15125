import { describe, expect, it } from 'vitest';
import { G_WAITING, W_NET } from '../../src/scheduler/entities.js';
import { SchedulerModel } from '../../src/scheduler/model.js';
import type { GoProfileName } from '../../src/scheduler/profiles.js';
import { injectglist } from '../../src/scheduler/runtime/netpoll.js';
import type { WorkloadSpec } from '../../src/workload/spec.js';

/**
 * 40 goroutines parked on the network and one spinning on P0, 4 Ps: the poller on P0 then readies
 * all 40 at once (injectglist with a P), with the 3 other Ps idle.
 */
function wave(go: GoProfileName) {
  const spec: WorkloadSpec = {
    name: 'wave',
    groups: [
      { name: 'spin', spawn: { kind: 'burst', atMs: 0, count: 1 }, behaviour: { cpuMs: 1e5 } },
      {
        name: 'conns',
        spawn: { kind: 'burst', atMs: 0, count: 40 },
        behaviour: { cpuMs: 0.001, block: { on: 'net', ms: 1e6 }, repeat: 'forever' },
      },
    ],
  };
  const m = new SchedulerModel({ go, gomaxprocs: 4, seed: 1, cpus: 4 }, spec);
  m.runUntil(5);
  const s = m.sched;
  const parked = s.gs.filter((g) => g.status === G_WAITING && g.waitKind === W_NET).map((g) => g.slot);
  expect(parked.length).toBe(40);
  expect(s.npidle).toBe(3);
  const p = s.allp.find((x) => x.curG !== -1)!;
  const globalBefore = s.global.size;
  const ringBefore = p.q.length;
  injectglist(s, parked, p);
  return { global: s.global.size - globalBefore, ring: p.q.length - ringBefore };
}

describe('injectglist holding a P (proc.go)', () => {
  it('from Go 1.15 puts one goroutine per idle P on the global queue and the rest on its own ring', () => {
    expect(wave('go1.15')).toEqual({ global: 3, ring: 37 });
    expect(wave('go1.26')).toEqual({ global: 3, ring: 37 });
  });
  it('up to Go 1.14 puts the whole list on the global queue (globrunqput of each, then startm)', () => {
    expect(wave('go1.14')).toEqual({ global: 40, ring: 0 });
    expect(wave('go1.9')).toEqual({ global: 40, ring: 0 });
  });
});
