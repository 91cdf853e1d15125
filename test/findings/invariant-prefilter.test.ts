import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { invariantViolations, mayViolate } from '../../src/findings/checks/invariant-violation.js';
import { parseText } from '../../src/parse/index.js';
import { emptyTimelinePoint, TimelineBuilder } from '../../src/trace/timeline-builder.js';
import { realSampleLogs, samplesDir } from '../helpers/samples.js';

// mayViolate is the invariant check's filter: false only where invariantViolations finds nothing.

test('mayViolate holds on every dump of the real samples where invariantViolations finds something', () => {
  let detailed = 0;
  for (const rel of realSampleLogs()) {
    const builder = new TimelineBuilder();
    for (const s of parseText(readFileSync(join(samplesDir, rel), 'utf8')).snapshots) builder.add(s);
    for (const tl of builder.timelines()) {
      for (const pt of tl.points) {
        if (pt.pStatus !== undefined) detailed++;
        if (!mayViolate(pt)) expect(invariantViolations(pt), `${rel} line ${pt.line}`).toEqual([]);
      }
    }
  }
  expect(detailed).toBeGreaterThan(50);
});

test('mayViolate holds wherever invariantViolations finds something (generated points, P statuses included)', () => {
  const small = fc.integer({ min: -1, max: 6 });
  fc.assert(
    fc.property(
      fc.record({
        tMs: fc.constantFrom(0, 10, null),
        gomaxprocs: small,
        idleprocs: small,
        threads: small,
        spinningthreads: fc.option(small),
        idlethreads: small,
        runqueue: small,
        runq: fc.array(small, { maxLength: 6 }),
        pStatus: fc.option(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 6 }), { nil: undefined }),
        crash: fc.constantFrom(undefined, true),
      }),
      (r) => {
        const pt = { ...emptyTimelinePoint(), ...r };
        if (!mayViolate(pt)) expect(invariantViolations(pt)).toEqual([]);
      },
    ),
    { numRuns: 5000 },
  );
});
