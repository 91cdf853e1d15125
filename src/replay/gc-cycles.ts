/**
 * gctrace-driven GC cycles in replay. A log captured with `GODEBUG=gctrace=1` says when each cycle
 * ran (`gc N @t s …: a+b+c ms clock`: sweep termination, concurrent mark, mark termination). What
 * starts a cycle (the pacer's heap goal, mgcpacer.go) is not in schedtrace, so replay takes the cycles
 * as given, like the arrivals: each cycle that overlaps the replayed interval is placed in the model at
 * the time its line says, with the phases' lengths it printed. The model then applies the runtime's
 * rules: the stop-the-worlds preempt every running G to the global queue (preemptall), the mark phase
 * runs 25 % of GOMAXPROCS as dedicated workers (gcControllerState.startCycle,
 * findRunnableGCWorker), and a preempted dedicated worker moves its P's queue to the global queue
 * (gcBgMarkWorker's runqdrain).
 */
import type { SchedulerModel } from '../scheduler/model.js';
import { gcCycleAt } from '../scheduler/runtime/gc.js';
import { MS } from '../scheduler/runtime/sched.js';
import type { GcPhases } from '../trace/gc-sample.js';
import type { TimelinePoint } from '../trace/timeline.js';

/**
 * The cycles gctrace reports over (from, to]: those printed before `to`'s dump (they ended in the
 * interval) and, from the lines after it, the one still running at `to` (it started before).
 */
export function cyclesOver(cur: TimelinePoint, next: TimelinePoint | undefined): GcPhases[] {
  const ended = cur.gc?.phases ?? [];
  const t = cur.tMs;
  const running = t === null ? [] : (next?.gc?.phases ?? []).filter((c) => c.atMs < t);
  return running.length === 0 ? ended : [...ended, ...running];
}

/**
 * Places the cycles in the model, whose clock stands at the dump of time `fromMs` and will run
 * `runMs`: a cycle that began before `fromMs` contributes what was left of it (a world already
 * restarted into the mark phase has no sweep termination left).
 */
export function placeGcCycles(model: SchedulerModel, fromMs: number, runMs: number, cycles: readonly GcPhases[]): void {
  const s = model.sched;
  const now = s.k.now;
  for (const c of cycles) {
    let at = c.atMs - fromMs;
    let stw = c.stwStartMs;
    let mark = c.markMs;
    if (at < 0) {
      // Clip the part before the dump: first from the sweep termination, then from the mark phase.
      const before = -at;
      at = 0;
      const cutStw = Math.min(stw, before);
      stw -= cutStw;
      mark -= Math.min(mark, before - cutStw);
      if (mark <= 0 && stw <= 0) continue;
    }
    if (at >= runMs) continue;
    gcCycleAt(s, now + at * MS, { stwNs: stw * MS, markNs: mark * MS, markTermNs: c.stwEndMs * MS });
  }
}
