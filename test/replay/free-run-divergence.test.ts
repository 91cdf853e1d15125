import { expect, test } from 'vitest';
import { DIVERGENCE_FLOOR, MAX_MODELLED_GOROUTINES, replayTimelines, whatIf } from '../../src/replay/index.js';
import type { RunTimeline, TimelinePoint } from '../../src/trace/timeline.js';

/**
 * Four busy Ps; P0's ring swings between 0 and 100 every 10 ms while each P's schedtick advances
 * once per interval: 100 goroutines arrive and leave every 20 ms, each costing what the four Ps
 * spent on it (0.8 ms). Replayed over its own dumps the model keeps up; asked at GOMAXPROCS=1 it
 * serves a quarter of that, falls behind by about 75 goroutines per 20 ms, and passes 10 times the
 * observed maximum (and the 10,000 floor): there the replay must stop and say where.
 */
function swinging(dumps: number): RunTimeline {
  const points: TimelinePoint[] = [];
  for (let i = 0; i < dumps; i++)
    points.push({
      line: i + 1,
      tMs: i * 10,
      gomaxprocs: 4,
      idleprocs: 0,
      threads: 6,
      spinningthreads: 0,
      needspinning: 0,
      idlethreads: 1,
      runqueue: 0,
      runq: [i % 2 === 1 ? 100 : 0, 0, 0, 0],
      schedticks: [i, i, i, i],
      ...(i > 0 ? { schedtickDelta: [1, 1, 1, 1] } : {}),
    });
  return {
    stream: '',
    run: 0,
    era: 'go1.25',
    firstLine: 1,
    lastLine: dumps,
    gomaxprocsValues: [4],
    detail: false,
    points,
  };
}

test('a replay whose model queues run away from the observed ones stops there and says where', () => {
  const w = whatIf(swinging(3000), { gomaxprocs: 1 })!;
  const line = w.scenario.divergedAtLine!;
  expect(line).toBeDefined();
  expect(line).toBeLessThan(3000);
  // The baseline, at the log's own 4 Ps, keeps up.
  expect(w.baseline.divergedAtLine).toBeUndefined();
  expect(w.baseline.meanQueued).toBeLessThan(10 * 100);
});

test('the free run over the same swing keeps up: every dump gets a point, none past the limit', () => {
  const run = replayTimelines([swinging(3000)], { residuals: false }).runs[0]!;
  const free = run.freeRun!;
  expect(free.diverged).toBeUndefined();
  expect(free.points).toHaveLength(2999);
  expect(
    Math.max(...free.points.map((p) => p.predicted.runqueue + p.predicted.runq.reduce((a, b) => a + b, 0))),
  ).toBeLessThan(Math.max(DIVERGENCE_FLOOR, 10 * 100));
  // the one-step replay is not affected: every interval after the warm-up is scored
  expect(run.oneStep.fidelity.intervals).toBeGreaterThan(2990);
});

test('a log whose queue jumps by a million and back stops the free run before the model holds that many goroutines', () => {
  // Each arrival is a G object in the model: 999,999 arriving in one interval would be a heap of
  // gigabytes, so the free run stops where the goroutines it would hold pass MAX_MODELLED_GOROUTINES.
  // 20 dumps are enough: the one-step replay still models the jump in every interval (0.3 s each).
  const points: TimelinePoint[] = [];
  for (let i = 0; i < 20; i++)
    points.push({
      line: i + 1,
      tMs: i * 10,
      gomaxprocs: 1,
      idleprocs: 0,
      threads: 3,
      spinningthreads: 0,
      needspinning: 0,
      idlethreads: 1,
      runqueue: i % 2 === 1 ? 999_999 : 0,
      runq: [0],
    });
  const run: RunTimeline = {
    stream: '',
    run: 0,
    era: 'go1.25',
    firstLine: 1,
    lastLine: 20,
    gomaxprocsValues: [1],
    detail: false,
    points,
  };
  const free = replayTimelines([run], { residuals: false }).runs[0]!.freeRun!;
  expect(free.diverged).toEqual({ line: 2, queued: 999_999, limit: MAX_MODELLED_GOROUTINES });
  expect(free.points).toHaveLength(0);
});
