import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { FindingKind } from '../../src/findings/finding.js';
import { MAX_FINDINGS, TraceAnalyzer } from '../../src/findings/trace-analyzer.js';
import { parseText } from '../../src/parse/index.js';
import { realSampleLogs, samplesDir, sideBySideSample } from '../helpers/samples.js';

test('past the trace-wide cap, runs counted without evidence give the same analysis and counts', () => {
  // Logs of processes side by side are left out: their hundreds of restarts are one note.
  const snapshots = realSampleLogs()
    .filter((rel) => !sideBySideSample(rel))
    .flatMap((rel) => parseText(readFileSync(join(samplesDir, rel), 'utf8')).snapshots);
  const analyze = (wordsForKeptOnly: boolean) => {
    const counts: [FindingKind, number][][] = [];
    const a = new TraceAnalyzer({ wordsForKeptOnly, onRun: (_r, byKind) => counts.push([...byKind]) });
    // The samples again and again, each copy its own runs, until the cap is well passed.
    for (let copy = 0; copy < 40; copy++) for (const s of snapshots) a.push({ ...s, stream: `${copy}:${s.stream}` });
    return { result: a.result(), counts };
  };
  const counted = analyze(true);
  const full = analyze(false);
  expect(counted.result.findings).toHaveLength(MAX_FINDINGS);
  expect(Object.values(counted.result.omitted).reduce((x, y) => x + (y ?? 0), 0)).toBeGreaterThan(1000);
  expect(counted.result).toEqual(full.result);
  expect(counted.counts).toEqual(full.counts);
});
