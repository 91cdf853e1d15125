/**
 * What a dump reads of wakep calls under way. From Go 1.20, wakep (proc.go) takes the spinning slot
 * first (sched.nmspinning CAS 0 → 1), then locks sched.lock to look for an idle P, and with none
 * (pidlegetSpinning) gives the slot back (nmspinning.Add(-1)) before it unlocks. schedtrace reads
 * nmspinning under sched.lock, so a wakep that took the slot and waits for the lock is read as a
 * spinning thread although no M spins: `spinningthreads=1` beside `idleprocs=0`. Every goready and
 * newproc calls wakep, and so do goschedImpl (1.22+) and injectglist holding a P (1.23+), so a program that readies goroutines
 * millions of times a second shows it at a good share of its dumps.
 *
 * Measured on 2 cores with the runtime counters patch (scripts/runtime-counters/), Go 1.26.8's
 * pingpong (32 pairs over unbuffered channels) at 8 Ps, 10 ms dumps: `spinningthreads=1` at 32 of 69
 * dumps while the Ms spun only 12 times in the whole second (x.spin_ok_n_us, x.spin_fail_n_us:
 * 1.8 ms of spinning in all). The same program at 8 Ps on Go 1.19.8, whose wakep returns when no P
 * is idle: 3 of 85; on Go 1.20.14: 28 of 84.
 *
 * Here: each such wakep (no M spinning, no idle P) holds the slot for WAKEP_SLOT_NS times the load
 * (threads wanting a core per core: a thread holding it may wait for a core before it gives it back;
 * at 16 Ps on 2 cores 56 of 72 dumps read it, at 4 Ps 52 of 88), so a dump reads it taken with the
 * chance that one of the calls since the last dump, at the rate they came, falls in that window
 * before it: 1 − e^(−rate × WAKEP_SLOT_NS × load).
 */
import type { Sched } from './sched.js';

/**
 * How long a wakep that finds no idle P holds the spinning slot on a core of its own, as a dump sees
 * it, in ns: the CAS, sched.lock (contended by the other Ps' wakeps and by schedtrace itself) and
 * pidlegetSpinning. Fitted on the Go 1.26 pingpong-p4 fidelity captures (spinningthreads=1 at 28 to
 * 45 of 126 to 139 dumps 5 ms apart; the model 128 of 483), checked on the gosched-p4 ones and
 * scored on the blind pingpong-p8 ones (docs/measurements/fidelity.md).
 */
export const WAKEP_SLOT_NS = 60;

/** A wakep that took the slot and found no idle P (1.20+), counted for the next dump. */
export function noteWakepWithoutP(s: Sched): void {
  if (s.prof.wakepTakesSlotFirst) s.wakepsWithoutP++;
}

/**
 * The spinning count a dump taken now prints: sched.nmspinning, or 1 when none spins but a wakep
 * holds the slot (drawn from the calls since the last dump, `sinceNs` ago). Resets the count.
 */
export function spinningAsPrinted(s: Sched, sinceNs: number): number {
  const calls = s.wakepsWithoutP;
  s.wakepsWithoutP = 0;
  if (s.nmspinning !== 0 || calls === 0 || sinceNs <= 0) return s.nmspinning;
  const chance = 1 - Math.exp(-(calls / sinceNs) * WAKEP_SLOT_NS * s.machine.loadFactor());
  return s.traceRng.float() < chance ? 1 : 0;
}
