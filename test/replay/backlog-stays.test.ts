/**
 * The goroutines queued at a dump stay as queued goroutines did (WorkloadFit.backlogSlicesPerStay),
 * not as whatever ran between bursts: on a real timer storm (20,000 time.AfterFunc callbacks expiring
 * at once, Go 1.26.8, GOMAXPROCS=8, schedtrace=10) the model drains what the runtime drained.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { replayTimelines } from '../../src/replay/index.js';
import { queuedIn as queued } from '../../src/trace/timeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { samplesDir } from '../helpers/samples.js';

describe('a timer storm replayed one step at a time (novel12, Go 1.26.8, 8 Ps)', () => {
  const text = readFileSync(join(samplesDir, 'labelled', 'novel12-go1.26', 'timerstorm-p8-10ms.log'), 'utf8');
  const run = replayTimelines(buildTimelines(parseText(text).snapshots), { freeRun: false }).runs[0]!;
  const r = run.oneStep.residuals;
  // The intervals in which a storm of 1,000 or more queued goroutines drained to none.
  const drains = r.filter((x, i) => i > 0 && queued(r[i - 1]!.observed) >= 1000 && queued(x.observed) === 0);

  it('finds the five storms drained', () => {
    expect(drains.map((x) => x.tMs)).toEqual([129, 549, 938, 1363, 1766]);
  });

  it('drains the storm at 549 ms within the interval, as the runtime did (12,814 queued before)', () => {
    // Seeded with the 2.8 dispatches per goroutine gone of the intervals between storms, the model
    // re-queued every callback twice and still held 12,704 at the next dump.
    const at549 = drains.find((x) => x.tMs === 549)!;
    expect(queued(at549.model!)).toBeLessThan(100);
  });

  it('leaves well under two thirds of what persistence leaves over the five drains', () => {
    const model = drains.reduce((a, x) => a + queued(x.model!), 0);
    const persistence = drains.reduce((a, x) => a + x.persistenceError, 0);
    // As committed: 35,919 of 61,368 (49,743 before the backlog's stays).
    expect(model).toBeLessThan((2 / 3) * persistence);
  });
});
