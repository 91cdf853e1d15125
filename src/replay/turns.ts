/**
 * The turns a run's threads get on the cores, as its dumps show them. With more threads wanting CPU
 * than cores, the kernel runs each thread in turns; a goroutine that sysmon asks to yield (retake,
 * preemptone) does so only when its thread next has a core. On 2 cores with GOMAXPROCS=32 and every
 * P busy, a P schedules once every 50 to 70 ms, not every 10 ms: its ring drops by one and the global
 * queue grows by one (goschedImpl puts the preempted G there) at each of its turns, and not between.
 *
 * A turn is seen where a P's schedtick moved (Go 1.25+ summary lines, scheddetail P lines), dated to
 * the middle of its interval. Rings alone would not do: a P that ran one goroutine from its ring and
 * took the next from the global queue shows the same ring, so gaps read from rings come out too
 * long. The gap between turns is the lower median of the last gaps seen on any P (each P's thread
 * gets the same fair share).
 *
 * The replay seeds each P's next turn (last turn + gap) and what its G has run since, so the model's
 * sysmon preempts where the P's thread next has a core (scheduler/runtime/sysmon.ts, EV_TURN), not
 * 10 ms into the interval. Turns are modelled only where they are rarer than the 10 ms preemption
 * could explain: with a core per thread, the gap is sysmon's and the model already has it. They are
 * modelled whatever the interval's length: the gap is the kernel's, not the dumps', and a model told
 * none gives every thread a core, so that sysmon preempts each busy P every 10 ms (56 Ps on 2 cores,
 * 9 of them busy: 16 to 20 goroutines a 50 ms interval into the global queue, where the log shows 5).
 */
import type { SchedulerModel } from '../scheduler/model.js';
import { MS } from '../scheduler/runtime/sched.js';
import { type TimelinePoint, uint32Delta } from '../trace/timeline.js';

/** Gaps kept for the median: recent enough to follow the run when its thread count changes. */
const GAPS_KEPT = 64;
/** Gaps seen before the turns are used. */
const MIN_GAPS = 8;
/**
 * Turns are modelled when their gap is at least this, in ms: twice sysmon's 10 ms preemption bound
 * (forcePreemptNS), so that what is left is threads waiting for a core, not the runtime's own rhythm.
 */
const MIN_GAP_MS = 20;

export class TurnTracker {
  /** Each P's last turn (ms, the run's clock), NaN before the first. */
  private readonly lastTurnMs: Float64Array;
  private readonly gaps: number[] = [];

  constructor(readonly gomaxprocs: number) {
    this.lastTurnMs = new Float64Array(gomaxprocs).fill(Number.NaN);
  }

  /** The turns of one interval between two timed dumps of the same GOMAXPROCS. */
  observe(prev: TimelinePoint, cur: TimelinePoint): void {
    if (prev.tMs === null || cur.tMs === null || cur.tMs <= prev.tMs) return;
    const mid = (prev.tMs + cur.tMs) / 2;
    const dt = cur.tMs - prev.tMs;
    const ticks = prev.schedticks !== undefined && cur.schedticks !== undefined ? cur.schedticks : undefined;
    if (ticks === undefined) return;
    // A gap says how often a thread gets a core only while its P has work all along: an idle P
    // schedules nothing, whatever the cores. Every P is busy when none is idle at either dump; and a
    // P whose ring held goroutines at both dumps had work while others idled, since a P goes idle
    // only with an empty ring (pidleput throws on a non-empty one; findRunnable takes from the ring
    // first). 56 Ps on 2 cores with 9 busy (the Ps had no threads to run on) gave no gap otherwise.
    const allBusy = prev.idleprocs === 0 && cur.idleprocs === 0;
    for (let p = 0; p < this.gomaxprocs; p++) {
      const busy = allBusy || ((prev.runq[p] ?? 0) > 0 && (cur.runq[p] ?? 0) > 0);
      const turns = uint32Delta(prev.schedticks![p] ?? 0, ticks[p] ?? 0);
      if (turns === 0) continue;
      const last = this.lastTurnMs[p]!;
      // several turns in one interval: the gap is the interval shared out among them
      if (busy && turns > 1) this.addGap(dt / turns);
      else if (busy && !Number.isNaN(last)) this.addGap(mid - last);
      this.lastTurnMs[p] = mid;
    }
  }

  private addGap(ms: number): void {
    if (this.gaps.length === GAPS_KEPT) this.gaps.shift();
    this.gaps.push(ms);
  }

  /**
   * The gap between one thread's turns, in ms, when there are enough gaps seen and they are long
   * enough to model: at least MIN_GAP_MS.
   */
  gapMs(): number | null {
    if (this.gaps.length < MIN_GAPS) return null;
    const sorted = [...this.gaps].sort((a, b) => a - b);
    const gap = sorted[(sorted.length - 1) >> 1]!;
    return gap >= MIN_GAP_MS ? gap : null;
  }

  /**
   * Seed the model, just set to the dump at `atMs`, with each P's next turn and how long its G has
   * run (since its thread's last turn), for turns `gap` ms apart (gapMs; null: not modelled).
   */
  seed(model: SchedulerModel, atMs: number, gap: number | null): void {
    const s = model.sched;
    s.machine.measuredTurnGapNs = gap === null ? 0 : gap * MS;
    if (gap === null) return;
    const now = s.k.now;
    for (let i = 0; i < Math.min(this.gomaxprocs, s.gomaxprocs); i++) {
      const last = this.lastTurnMs[i]!;
      if (Number.isNaN(last)) continue;
      const p = s.allp[i]!;
      const since = Math.max(0, atMs - last);
      // overdue: the turn is as likely now as later, so none is waited for
      if (since < gap) p.turnAt = now + (gap - since) * MS;
      p.sysmonSchedtick = p.schedtick;
      p.schedwhen = now - since * MS;
    }
  }
}
