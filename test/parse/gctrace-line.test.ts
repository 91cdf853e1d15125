import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parseGcTraceLine } from '../../src/parse/index.js';
import { samplesDir } from '../helpers/samples.js';

test('gctrace lines: cycle number, start, clock phases, CPU share; other text is not one', () => {
  expect(
    parseGcTraceLine(
      'gc 5 @0.025s 20%: 1.7+5.4+0.003 ms clock, 3.4+3.5/6.8/0+0.006 ms cpu, 26->31->17 MB, 31 MB goal, 0 MB stacks, 0 MB globals, 4 P',
    ),
  ).toEqual({
    n: 5,
    atMs: 25,
    clockMs: 1.7 + 5.4 + 0.003,
    sweepTermMs: 1.7,
    markTermMs: 0.003,
    cpuPercent: 20,
    forced: false,
  });
  // Go 1.5's runtime/extern.go documents the clock phases as `#+...+#`: more than three were printed then;
  // the first and the last are the stop-the-world ones.
  const go15 = parseGcTraceLine(
    'gc 1 @0.012s 1%: 0.047+0.31+0.12+0.64+0.21 ms clock, 0.047+0.31+0.010/0.21/0+0.64+0.21 ms cpu, 4->4->1 MB, 4 MB goal, 4 P',
  );
  expect(go15).toMatchObject({ n: 1, atMs: 12, sweepTermMs: 0.047, markTermMs: 0.21 });
  expect(go15!.clockMs).toBeCloseTo(1.327, 6);
  expect(
    parseGcTraceLine('gc 9 @1.500s 3%: 0.1+0.2+0.3 ms clock, 0 ms cpu, 1->1->0 MB, 4 MB goal, 2 P (forced)')!.forced,
  ).toBe(true);
  for (const other of ['gc is fine', 'SCHED 0ms: gomaxprocs=1', 'gc 1 @x s 1%: 1+2+3 ms clock', 'scvg: 0 MB released'])
    expect(parseGcTraceLine(other)).toBeNull();
});

test('every gctrace line of the real gctrace sample reads, in order', () => {
  const lines = readFileSync(join(samplesDir, 'go1.26/gcheavy-p4-gctrace-50ms.log'), 'utf8').split('\n');
  const gcs = lines.filter((l) => l.startsWith('gc ')).map(parseGcTraceLine);
  expect(gcs.length).toBeGreaterThan(50);
  expect(gcs.every((g) => g !== null)).toBe(true);
  expect(gcs.map((g) => g!.n)).toEqual(gcs.map((_, i) => i + 1));
});
