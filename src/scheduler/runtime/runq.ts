/** Run queues: runqput/runqputslow, runqget, globrunqget, and stealing (stealWork, runqsteal) (proc.go). */
import { type P, P_IDLE, P_RUNNING } from '../entities.js';
import { RUNQ_SIZE } from '../run-queue.js';
import { MASK_PS, NONE, type Sched } from './sched.js';

/** runqput: with next, g takes runnext and the old runnext is kicked to the ring's tail. */
export function runqput(s: Sched, p: P, slot: number, next: boolean): void {
  const q = p.q;
  if (next) {
    const old = q.runnext;
    q.runnext = slot;
    if (old === NONE) return;
    slot = old;
  }
  if (q.length < RUNQ_SIZE) q.pushTail(slot);
  else runqputslow(s, p, slot);
}

/** runqputslow: the oldest half of a full ring (128) plus g go to the global queue's tail, 129 in one batch. */
export function runqputslow(s: Sched, p: P, slot: number): void {
  const half = RUNQ_SIZE / 2;
  for (let i = 0; i < half; i++) s.global.pushTail(p.q.popHead());
  s.global.pushTail(slot);
}

/** runqget: runnext first (inherits the time slice), then the ring's head. */
export function runqget(s: Sched, p: P): number {
  const q = p.q;
  if (q.runnext !== NONE) {
    const g = q.runnext;
    q.runnext = NONE;
    s.inherit = true;
    return g;
  }
  s.inherit = false;
  return q.popHead();
}

/** globrunqget: n = min(size/gomaxprocs+1, size, max, 128); one runs, the rest go to the local ring. */
export function globrunqget(s: Sched, p: P, max: number): number {
  const size = s.global.size;
  if (size === 0) return NONE;
  let n = Math.floor(size / s.gomaxprocs) + 1;
  if (n > size) n = size;
  if (max > 0 && n > max) n = max;
  if (n > RUNQ_SIZE / 2) n = RUNQ_SIZE / 2;
  const g = s.global.popHead();
  for (let i = 1; i < n; i++) runqput(s, p, s.global.popHead(), false);
  return g;
}

/** stealWork: 4 rounds over all Ps in random coprime order; runnext only in the last round. */
export function stealWork(s: Sched, p: P): number {
  // Nothing queued on any P: the 4 rounds would find nothing (a shortcut; the runtime walks them).
  if (s.queued.n === 0) return NONE;
  const n = s.gomaxprocs;
  for (let round = 0; round < 4; round++) {
    const last = round === 3;
    // Rounds 1-3 can only take from rings; with every ring empty they would find nothing.
    if (!last && s.queued.ring === 0) continue;
    s.stealOrder.start(s.rng.uint32());
    if (n <= MASK_PS) {
      const g = stealRound(s, p, last);
      if (g !== NONE) return g;
      continue;
    }
    let pos = s.stealOrder.pos;
    const inc = s.stealOrder.inc;
    for (let i = 0; i < n; i++, pos = (pos + inc) % n) {
      if (pos === p.id) continue;
      const victim = s.allp[pos]!;
      // 1.16+: Ps in idlepMask are skipped (their queues are empty anyway).
      if (s.prof.stealSkipsIdle && victim.state === P_IDLE) continue;
      const g = runqsteal(p, victim, last);
      if (g !== NONE) return g;
    }
  }
  return NONE;
}

/**
 * One round of stealWork's walk, visiting only the Ps whose queues are not empty (runqsteal finds
 * nothing on the others) in the order the walk would reach them: the same victim, far fewer visits.
 */
export function stealRound(s: Sched, p: P, last: boolean): number {
  const n = s.gomaxprocs;
  const mask = s.queued.nonEmpty;
  const ids = s.candId;
  const ranks = s.candRank;
  let k = 0;
  for (let w = 0, words = (n + 31) >> 5; w < words; w++) {
    let bits = mask[w]!;
    while (bits !== 0) {
      const low = bits & -bits;
      bits ^= low;
      const id = (w << 5) + 31 - Math.clz32(low);
      if (id >= n || id === p.id) continue;
      const victim = s.allp[id]!;
      if (s.prof.stealSkipsIdle && victim.state === P_IDLE) continue;
      // Before the last round only rings are stolen from.
      if (!last && victim.q.head === victim.q.tail) continue;
      ids[k] = id;
      ranks[k] = s.stealOrder.rank(id);
      k++;
    }
  }
  while (k > 0) {
    let best = 0;
    for (let i = 1; i < k; i++) if (ranks[i]! < ranks[best]!) best = i;
    const g = runqsteal(p, s.allp[ids[best]!]!, last);
    if (g !== NONE) return g;
    k--;
    ids[best] = ids[k]!;
    ranks[best] = ranks[k]!;
  }
  return NONE;
}

/** stealWork's answer when the thief must first sleep in runqgrab (p.stealVictim, p.stealG). */
export const STEAL_SLEEP = -3;

/**
 * runqsteal/runqgrab: take ceil(half) from the victim's head; the last one taken runs. Only runnext
 * left on a running victim: runqgrab sleeps (usleep(3)) to give the victim the chance to run it
 * itself, then takes it if it is still there (Go 1.19 and 1.26 alike; 1.26 skips the sleep when the
 * victim's G is in a syscall, which the model's P_SYSCALL already excludes).
 */
export function runqsteal(p: P, victim: P, stealRunnext: boolean): number {
  const vq = victim.q;
  let n = vq.length;
  n = n - (n >> 1);
  if (n === 0) {
    if (!stealRunnext || vq.runnext === NONE) return NONE;
    if (victim.state === P_RUNNING) {
      p.stealVictim = victim.id;
      p.stealG = vq.runnext;
      return STEAL_SLEEP;
    }
    const g = vq.runnext;
    vq.runnext = NONE;
    return g;
  }
  for (let i = 0; i < n - 1; i++) p.q.pushTail(vq.popHead());
  return vq.popHead();
}
