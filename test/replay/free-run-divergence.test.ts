import { expect, test } from 'vitest';
import { DIVERGENCE_FLOOR, replayTimelines } from '../../src/replay/index.js';
import type { RunTimeline, TimelinePoint } from '../../src/trace/timeline.js';

/**
 * One P whose ring swings between 0 and 100 every 10 ms while its schedtick advances once per
 * interval: the fit sees 100 arrivals per 20 ms and one 10 ms slice per dispatch, so the free-running
 * model, serving one goroutine per 10 ms, falls behind by about 98 goroutines per 20 ms. Its queues
 * pass 10 times the observed maximum (and the 10,000 floor) and the free run must stop there.
 */
function swinging(dumps: number): RunTimeline {
  const points: TimelinePoint[] = [];
  for (let i = 0; i < dumps; i++)
    points.push({
      line: i + 1,
      tMs: i * 10,
      gomaxprocs: 1,
      idleprocs: 0,
      threads: 3,
      spinningthreads: 0,
      needspinning: 0,
      idlethreads: 1,
      runqueue: 0,
      runq: [i % 2 === 1 ? 100 : 0],
      schedticks: [i],
      ...(i > 0 ? { schedtickDelta: [1] } : {}),
    });
  return {
    stream: '',
    run: 0,
    era: 'go1.25',
    firstLine: 1,
    lastLine: dumps,
    gomaxprocsValues: [1],
    detail: false,
    points,
  };
}

test('a free run whose model queues run away from the observed ones stops there and says where', () => {
  const run = replayTimelines([swinging(3000)], { residuals: false }).runs[0]!;
  const free = run.freeRun!;
  const d = free.diverged!;
  expect(d).toBeDefined();
  expect(d.limit).toBe(Math.max(DIVERGENCE_FLOOR, 10 * 100));
  expect(d.queued).toBeGreaterThan(d.limit);
  // no point after the one where it stopped, and that one is the last scored
  expect(free.points.at(-1)!.line).toBe(d.line);
  expect(free.points.length).toBeLessThan(2999);
  // the one-step replay is not affected: every interval after the warm-up is scored
  expect(run.oneStep.fidelity.intervals).toBeGreaterThan(2990);
});

test('the same swing for a short run ends before the limit: every dump gets a free-run point', () => {
  const free = replayTimelines([swinging(60)], { residuals: false }).runs[0]!.freeRun!;
  expect(free.diverged).toBeUndefined();
  expect(free.points).toHaveLength(59);
});
