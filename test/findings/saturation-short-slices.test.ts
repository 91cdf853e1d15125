import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { fmtMs, roundMs } from '../../src/findings/check.js';
import type { FindingOf } from '../../src/findings/finding.js';
import { parseText } from '../../src/parse/index.js';
import { analyzeTrace } from '../../src/pipeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { samplesDir } from '../helpers/samples.js';

const saturationOf = (file: string) => {
  const { snapshots, trailingGc } = parseText(readFileSync(join(samplesDir, 'labelled', file), 'utf8'));
  const { findings } = analyzeTrace(buildTimelines(snapshots, trailingGc));
  const f = findings.find((x) => x.kind === 'saturation') as FindingOf<'saturation'> | undefined;
  if (f === undefined) throw new Error(`no saturation in ${file}`);
  return f;
};

test('durations under 10 µs keep their digits: a sub-µs slice is not written 0', () => {
  expect([fmtMs(0.000443), fmtMs(0.0032), fmtMs(0.0183), fmtMs(0), fmtMs(2.46), fmtMs(213.2)]).toEqual([
    '443 ns',
    '3.2 µs',
    '18 µs',
    '0 µs',
    '2.5 ms',
    '213 ms',
  ]);
  expect([roundMs(0.000443217), roundMs(0.0183), roundMs(0.1234), roundMs(213.2144), roundMs(0)]).toEqual([
    0.000443, 0.0183, 0.123, 213.214, 0,
  ]);
});

test('Go 1.26, 32 goroutines polling with runtime.Gosched on 4 Ps: sub-µs slices, read as turns given up at once', () => {
  // schedticks rose by about 2,250 a ms on each P: every poll yields (goschedImpl → globrunqput).
  const f = saturationOf('novel12-go1.26/yieldpoll-p4-50ms.log');
  expect(f.evidence.sliceMs).toBeGreaterThan(0);
  expect(f.evidence.sliceMs!).toBeLessThan(0.001);
  expect(f.explanation).toMatch(/at the observed \d+ ns per time slice/);
  expect(f.explanation).toMatch(/Slices that short \(about \d{3,} schedules a ms on each P\)/);
  expect(f.explanation).toMatch(/yielded \(runtime\.Gosched/);
  expect(f.suggestion).toMatch(/^If goroutines poll with runtime\.Gosched, make them wait on a channel/);
});

test('slices of ordinary length, or none measured, get no such words', () => {
  // Go 1.25's hashing pool: goroutines that compute for whole slices (schedticks printed).
  const hashing = saturationOf('novel-go1.25/hashpool-p6-100ms.log');
  expect(hashing.evidence.sliceMs!).toBeGreaterThan(0.01);
  // Go 1.22 prints no schedticks: the same polling program's slices are not measured.
  const unmeasured = saturationOf('novel12-go1.22/yieldpoll-p12-100ms.log');
  expect(unmeasured.evidence.sliceMs).toBeNull();
  for (const f of [hashing, unmeasured]) {
    expect(f.explanation).not.toMatch(/Slices that short/);
    expect(f.suggestion).toMatch(/^More goroutines want CPU/);
  }
});
