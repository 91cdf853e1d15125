import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { loadState } from '../../src/replay/load-state.js';
import { replayTimelines } from '../../src/replay/index.js';
import { TurnTracker } from '../../src/replay/turns.js';
import { SchedulerModel } from '../../src/scheduler/model.js';
import type { TimelinePoint } from '../../src/trace/timeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';

/** A summary dump of 2 busy Ps with the given schedticks, each ring holding `ring` goroutines. */
function dump(tMs: number, schedticks: number[], idleprocs = 0, ring = 3): TimelinePoint {
  const n = schedticks.length;
  return {
    line: 1 + tMs / 20,
    tMs,
    gomaxprocs: n,
    idleprocs,
    threads: n + 1,
    spinningthreads: 0,
    needspinning: 0,
    idlethreads: 0,
    runqueue: 5,
    runq: new Array(n).fill(ring),
    schedticks,
  };
}

/** Dumps every 20 ms where P0 schedules every third interval (a turn every 60 ms) and P1 never. */
function everyThirdInterval(count: number, idleprocs = 0, ring = 3): TimelinePoint[] {
  return Array.from({ length: count }, (_, i) => dump(i * 20, [Math.floor(i / 3), 0], idleprocs, ring));
}

function tracked(points: TimelinePoint[]): TurnTracker {
  const t = new TurnTracker(points[0]!.gomaxprocs);
  for (let i = 1; i < points.length; i++) t.observe(points[i - 1]!, points[i]!);
  return t;
}

describe('turns read from schedticks', () => {
  it('measures the gap between one P thread turns while every P is busy', () => {
    const t = tracked(everyThirdInterval(40));
    expect(t.gapMs()).toBe(60);
  });

  it('models them only where they are rarer than preemption would make them', () => {
    const quick = tracked(Array.from({ length: 40 }, (_, i) => dump(i * 20, [2 * i, 2 * i])));
    expect(quick.gapMs()).toBeNull(); // two turns per 20 ms: sysmon's own 10 ms rhythm, already modelled
  });

  it('takes no gap from a P that may have idled, nor from a run too short to say', () => {
    // an idle P, and empty rings: P0 may have idled between its turns
    expect(tracked(everyThirdInterval(40, 1, 0)).gapMs()).toBeNull();
    // an idle P, but P0's ring held goroutines at every dump: it had work all along (pidleput)
    expect(tracked(everyThirdInterval(40, 1)).gapMs()).toBe(60);
    expect(tracked(everyThirdInterval(12)).gapMs()).toBeNull();
  });

  it('seeds the next turn: a P whose turn has not come keeps its goroutine, one that is due yields it', () => {
    const t = tracked(everyThirdInterval(40)); // P0's last turn in the interval ending at 780 ms (t = 770)
    const m = new SchedulerModel({ go: 'go1.26', gomaxprocs: 2, seed: 1 }, { name: 'replay', groups: [] });
    loadState(m, { gomaxprocs: 2, runqueue: 0, runq: [3, 3], idleprocs: 0, threads: 3 }, { cpuMs: 1e6 }, []);
    const gap = t.gapMs();
    expect(gap).not.toBeNull(); // turns are modelled for the interval that follows
    t.seed(m, 780, gap);
    // P0's next turn is at 770 + 60 = 830 ms, 50 ms on. P1 never showed one: sysmon preempts its G
    // 10 ms on, and that is P1's turn, so its next is a gap (60 ms) later.
    m.runUntil(m.nowMs + 40);
    expect(m.snapshot(false).runq).toEqual([3, 2]);
    m.runUntil(m.nowMs + 12);
    expect(m.snapshot(false).runq[0]).toBe(2);
  });
});

describe('turns on a real log: 32 Ps on 2 cores (Go 1.26, schedticks in every dump)', () => {
  for (const f of ['samples/go1.26/oversub-p32-20ms-a.log', 'samples/go1.26/oversub-p32-20ms-b.log'])
    it(`the model predicts the busy intervals better than persistence: ${f}`, () => {
      const tl = buildTimelines(parseText(readFileSync(f, 'utf8')).snapshots);
      const points = tl[0]!.points;
      const r = replayTimelines(tl, { freeRun: false }).runs[0]!;
      const busy = new Set(points.filter((p, i) => i > 0 && p.idleprocs === 0 && points[i - 1]!.idleprocs === 0));
      const at = new Map(points.map((p, i) => [p.line, i]));
      let model = 0;
      let persistence = 0;
      let intervals = 0;
      for (const res of r.oneStep.residuals) {
        const i = at.get(res.line)!;
        if (!busy.has(points[i]!) || res.model === undefined) continue;
        const last = points[i - 1]!;
        const err = (q: { runqueue: number; runq: number[] }) =>
          Math.abs(q.runqueue - res.observed.runqueue) +
          q.runq.reduce((s, x, p) => s + Math.abs(x - (res.observed.runq[p] ?? 0)), 0);
        model += err(res.model);
        persistence += err(last);
        intervals++;
      }
      expect(intervals).toBeGreaterThan(20);
      // Without turns the model moved each busy ring every interval: 96 and 38 against 51 and 26.
      expect(model).toBeLessThan(persistence);
    });
});
