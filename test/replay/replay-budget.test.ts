/**
 * The report's replay is bounded by scheduler events, not dumps (replayWithinBudget): a budget cuts
 * the replay short where it runs out, and changes nothing before that.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { replayTimelines, replayWithinBudget } from '../../src/replay/index.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';

const timelinesOf = (file: string) =>
  buildTimelines(parseText(readFileSync(join(import.meta.dirname, '../../samples', file), 'utf8')).snapshots);

describe('replay within a budget of scheduler events', () => {
  // A restarted program: several runs, each replayed in turn.
  const timelines = timelinesOf('go1.26/restart-p2-100ms.log');
  const whole = replayTimelines(timelines, { freeRun: false });
  const total = whole.runs.reduce((a, r) => a + r.events, 0);

  it('replays every dump when the budget is not reached', () => {
    expect(timelines.length).toBeGreaterThan(1);
    const { runs, notReplayed } = replayWithinBudget(timelines, { freeRun: false }, total + 1);
    expect(notReplayed).toBe(0);
    expect(runs).toEqual(whole.runs);
  });

  it('stops inside the run where the budget runs out, with the predictions before it unchanged', () => {
    const first = whole.runs[0]!;
    expect(first.events).toBeGreaterThan(100);
    const budget = Math.floor(first.events / 2);
    const { runs, notReplayed } = replayWithinBudget(timelines, { freeRun: false }, budget);
    expect(runs).toHaveLength(1);
    expect(notReplayed).toBe(timelines.length - 1);
    const [cut] = runs;
    expect(cut!.stoppedAt).toBeDefined();
    // It stops at the first dump after the events reached the budget: a dump's interval costs at
    // most what the whole run cost.
    expect(cut!.stoppedAt!.events).toBeGreaterThanOrEqual(budget);
    expect(cut!.stoppedAt!.dumps).toBeLessThan(timelines[0]!.points.length);
    expect(cut!.points).toBe(timelines[0]!.points.length);
    const kept = cut!.oneStep.residuals;
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(first.oneStep.residuals.length);
    expect(kept).toEqual(first.oneStep.residuals.slice(0, kept.length));
  });

  it('a scheddetail log with thousands of goroutines costs far more events per dump than a summary log', () => {
    // Why the budget counts events: the report kept up to 20,000 dumps for its replay, and 12,400
    // dumps of a scheddetail crash loop took 18 s.
    const perDump = (file: string) => {
      const tls = timelinesOf(file);
      const r = replayTimelines(tls, { freeRun: false });
      return r.runs.reduce((a, x) => a + x.events, 0) / tls.reduce((a, t) => a + t.points.length, 0);
    };
    expect(perDump('go1.26/gcheavy-p4-detail-100ms.log')).toBeGreaterThan(
      10 * perDump('go1.26/overflow-p1-10ms-a.log'),
    );
  });
});
