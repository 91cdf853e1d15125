/** G allocation: newproc1's gfget, and gfput/gdestroy when a G exits (proc.go). */
import { G, G_DEAD, G_RUNNABLE, type P, W_NONE } from '../entities.js';
import { NONE, type Sched } from './sched.js';

/**
 * newproc1: a fresh G in group `group`, reusing a dead one from p's free list (gfget, refilled from
 * the global list 32 at a time). The program then gives it its work.
 */
export function newproc1(s: Sched, p: P | null, group: number): G {
  let g: G;
  if (p && p.gfree.length === 0 && s.gfreeGlobal.length > 0) {
    for (let i = 0; i < 32 && s.gfreeGlobal.length > 0; i++) p.gfree.push(s.gfreeGlobal.pop()!);
  }
  const slot = p && p.gfree.length > 0 ? p.gfree.pop()! : NONE;
  if (slot !== NONE) g = s.gs[slot]!;
  else {
    g = new G(s.gs.length);
    s.gs.push(g);
  }
  g.goid = s.nextGoid++;
  // The cgo extra M's G took its goid from sched.goidgen (oneNewExtraM), outside the P's batch.
  if (g.goid === s.extraGoid) g.goid = s.nextGoid++;
  g.status = G_RUNNABLE;
  g.waitReason = '';
  g.waitKind = W_NONE;
  g.group = group;
  g.spawnLeft = 0;
  g.spawnGroup = -1;
  g.treeDepth = 0;
  g.lockedM = NONE;
  g.m = NONE;
  g.timerP = NONE;
  g.syscallP = NONE;
  g.wakeSeq = -1;
  g.cpuLeftNs = 0;
  g.burstsLeft = 1;
  g.partner = NONE;
  g.allocMBps = 0;
  g.callFree = false;
  g.preemptAsked = false;
  return g;
}

/** gfput: dead G to the P's free list; at 64 or more, move them to the global list until 31 remain. */
export function gfput(s: Sched, p: P, g: G): void {
  gdestroy(s, g);
  p.gfree.push(g.slot);
  if (p.gfree.length >= 64) while (p.gfree.length >= 32) s.gfreeGlobal.push(p.gfree.pop()!);
}

/** gdestroy: a G becomes dead: it leaves its group and any pending wake-up is void. */
export function gdestroy(s: Sched, g: G): void {
  s.program.gdead(g);
  if (g.kernelCpu) {
    g.kernelCpu = false;
    s.machine.nkernel--;
  }
  g.group = -1;
  g.status = G_DEAD;
  g.waitReason = '';
  g.waitKind = W_NONE;
  g.m = NONE;
  g.wakeSeq = -1;
  g.partner = NONE;
}
