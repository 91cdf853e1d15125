/**
 * work.markDoneSema (mgc.go gcMarkDone, the same in Go 1.19 and 1.26). The G that finds the mark work
 * gone (a background worker, or an assist whose gcDrainN found nothing: gcAssistAlloc,
 * whose gcAssistAlloc1 flagged completion, → gcMarkDone) runs the ragged barrier and mark termination holding markDoneSema; an allocator whose
 * assist ends the same way meanwhile blocks in semacquire(&work.markDoneSema), and so do the queued
 * allocators the holder's ragged barrier (forEachP) makes each P run next (gc.ts
 * blockQueuedAllocators). Inside the
 * stop-the-world, after gcWakeAllAssists, the holder releases the semaphore: semrelease readies one
 * waiter (readyWithTime → goready: the releaser's P, runnext). That waiter re-checks, finds the phase
 * over, releases in turn and goes on allocating, so the waiters leave one per schedule of the one
 * before.
 */
import { type G, G_WAITING, type P, W_FOREVER } from '../entities.js';
import { noteAllocation } from './gc.js';
import { dropg, goready } from './park.js';
import type { Sched } from './sched.js';

/** The allocator running on p ends its assist in gcMarkDone while another G holds the semaphore. */
export function semacquireMarkDone(s: Sched, p: P, g: G): void {
  noteAllocation(s, g, (s.k.now - p.runStartAt) / p.runFactor);
  g.cpuLeftNs = Math.max(0, p.runEndAt - s.k.now) / p.runFactor + (g.assistPark ? g.assistRestNs : 0);
  g.assistPark = false;
  p.runEndSeq = -1;
  s.machine.stopExecuting(p);
  g.waitKind = W_FOREVER;
  dropg(s, p, g, 'semacquire');
  s.markDoneSema.push(g.slot);
}

/** A G not on a P (queued, or parked in the assist queue) joins the semaphore's waiters. */
export function waitOnMarkDone(s: Sched, g: G): void {
  g.status = G_WAITING;
  g.waitKind = W_FOREVER;
  g.waitReason = 'semacquire';
  s.markDoneSema.push(g.slot);
}

/** semrelease(&work.markDoneSema) by the G on p: the first waiter goes to p's runnext (goready). */
export function semreleaseMarkDone(s: Sched, p: P): void {
  const slot = s.markDoneSema.shift();
  if (slot === undefined) return;
  const g = s.gs[slot]!;
  g.semaRelease = true;
  goready(s, p, g);
}
