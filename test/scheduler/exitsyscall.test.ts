import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type G, G_RUNNING, G_SYSCALL } from '../../src/scheduler/entities.js';
import { SchedulerModel } from '../../src/scheduler/model.js';
import { exitsyscall } from '../../src/scheduler/runtime/syscall.js';
import { samplesDir } from '../helpers/samples.js';

/**
 * A goroutine back from a syscall whose P was handed off and went idle: exitsyscallfast finds the P
 * no longer in _Psyscall and takes whichever P is at the idle list's head (exitsyscallfast_pidle →
 * pidleget, LIFO), not its old one, and exitsyscall counts the syscall on the P it got
 * (gp.m.p.ptr().syscalltick++; Go 1.25 and 1.26 proc.go).
 */
describe('exitsyscall without its own P', () => {
  it('takes the idle list head, not the old P, and counts the syscall on it', () => {
    const spec = JSON.parse(readFileSync(join(samplesDir, 'workloads', 'syscalls.json'), 'utf8'));
    const m = new SchedulerModel({ go: 'go1.26', gomaxprocs: 8, seed: 1, cpus: 8 }, spec);
    const s = m.sched;
    let g: G | undefined;
    for (let t = 0.5; g === undefined && t < 200; t += 0.05) {
      m.runUntil(t);
      g = s.gs.find((x) => {
        if (x.status !== G_SYSCALL) return false;
        const old = s.allp[x.syscallP];
        return old?.onIdleList === true && s.idlePs.length >= 2 && s.idlePs.at(-1) !== old.id;
      });
    }
    expect(g).toBeDefined();
    const old = s.allp[g!.syscallP]!;
    const head = s.allp[s.idlePs.at(-1)!]!;
    const ticks = head.syscalltick;
    exitsyscall(s, g!);
    expect(g!.status).toBe(G_RUNNING);
    expect(head.m).toBe(g!.m);
    expect(head.onIdleList).toBe(false);
    expect(head.syscalltick).toBe((ticks + 1) >>> 0);
    expect(old.onIdleList).toBe(true);
  });
});
