/** The network poller: netpoll from findRunnable and sysmon, injectglist (proc.go, netpoll.go). */
import { G_RUNNABLE, type G, type P } from '../entities.js';
import { readyOnIdleP } from './park.js';
import { pidleget, startm, wakep } from './procs.js';
import { runqput } from './runq.js';
import type { Sched } from './sched.js';

/** netpoll(0) from findRunnable: first ready G runs; injectglist puts one per idle P globally, the rest locally. */
export function netpoll(s: Sched, p: P): number {
  s.lastpoll = s.k.now;
  const ready = s.netReady;
  const first = ready[0]!;
  injectglist(s, ready, p, 1);
  ready.length = 0;
  return first;
}

/**
 * injectglist of list[from:]: without a P everything goes to the global queue and up to n idle Ps
 * are started; with a P, one G per idle P goes global (each with startm), the rest to this P's local
 * queue (Go 1.15+; up to 1.14 everything went to the global queue with a P too), then, from Go 1.23,
 * wakep in case a P went idle meanwhile.
 */
export function injectglist(s: Sched, list: number[], p: P | null, from = 0): void {
  if (list.length <= from) return;
  for (let i = from; i < list.length; i++) s.gs[list[i]!]!.status = G_RUNNABLE;
  if (p === null || !s.prof.injectglistSplits) {
    for (let i = from; i < list.length; i++) s.global.pushTail(list[i]!);
    for (let n = list.length - from; n > 0 && s.npidle > 0; n--) startm(s, pidleget(s)!, false);
    return;
  }
  let i = from;
  const end = from + s.npidle;
  for (; i < end && i < list.length; i++) s.global.pushTail(list[i]!);
  for (let j = from; j < i && s.npidle > 0; j++) startm(s, pidleget(s)!, false);
  for (; i < list.length; i++) runqput(s, p, list[i]!, false);
  if (s.prof.injectglistWakep) wakep(s);
}

/** The network poller reported g's descriptor ready. */
export function netReadyG(s: Sched, g: G): void {
  s.netWaiters--;
  g.status = G_RUNNABLE;
  // An M blocked in netpoll (findRunnable's last step) wakes at once when a P is idle.
  if (s.npidle > 0 && !s.gcwaiting) return readyOnIdleP(s, g);
  s.netReady.push(g.slot);
}
