import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { FindingOf } from '../../src/findings/finding.js';
import { parseText } from '../../src/parse/index.js';
import { analyzeTrace } from '../../src/pipeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { samplesDir } from '../helpers/samples.js';

const burstsOf = (file: string) => {
  const { snapshots, trailingGc } = parseText(readFileSync(join(samplesDir, 'labelled', file), 'utf8'));
  return analyzeTrace(buildTimelines(snapshots, trailingGc)).findings.filter(
    (f): f is FindingOf<'injection-burst'> => f.kind === 'injection-burst',
  );
};

test.each([
  // A true wave: 400 connections made readable at once, 0 → 178 on the global queue at 32 Ps (Go 1.12).
  'go1.12/netburst-p32-5ms.log',
  // No network at all: jittered AfterFunc timers, 0 → 221 with the rings empty at 8 Ps (Go 1.21).
  'novel14-go1.21/jitterstorm-p8-10ms.log',
])('a possible wave read from the global queue says what else the jump can be (%s)', (file) => {
  const [burst] = burstsOf(file);
  expect(burst).toMatchObject({ confidence: 'possible', evidence: { via: 'global-queue' } });
  // The counts cannot tell the two apart; the words give the user the question that can.
  expect(burst!.suggestion).toMatch(/^Possibly a wave of network readiness: if the program does no network I\/O/);
  expect(burst!.suggestion).toMatch(/a ring that spilled between the dumps instead/);
});
