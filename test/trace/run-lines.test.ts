import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { TraceAnalyzer } from '../../src/findings/trace-analyzer.js';
import { createParser, parseText } from '../../src/parse/index.js';
import { checkTrace } from '../../src/pipeline.js';
import { buildReportData } from '../../src/report/report-data.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { analyzeStreamed } from '../helpers/analyze-streamed.js';
import { repoRoot, samplesDir } from '../helpers/samples.js';

/**
 * A run's lines go from its first SCHED line to the last line it took, whichever reader and
 * command states them (analyze and check: RunSummary; check --min-skill, replay, the library:
 * RunTimeline; report: its Runs table).
 */
const logs: { name: string; path: string; what: string; last: (lines: string[]) => number }[] = [
  {
    name: 'gctrace lines after the last dump',
    path: join(samplesDir, 'programs/lowgogc-go1.22-p2-gctrace-100ms.log'),
    what: 'ends on two gctrace cycles',
    last: (lines) => lines.findLastIndex((l) => l.startsWith('gc ')) + 1,
  },
  {
    name: 'the last scheddetail dump’s P, M and G lines',
    path: join(samplesDir, 'go1.26/netpoll-p2-detail-200ms.log'),
    what: 'ends on a G line',
    last: (lines) => lines.findLastIndex((l) => /^ {2}[PMG]\d+:/.test(l)) + 1,
  },
  {
    name: 'a crash dump’s P, M and G lines, the panic and its traceback',
    path: join(repoRoot, 'test/fixtures/procspanic-go1.26-p6-crash-100ms.log'),
    what: 'ends on the traceback',
    last: (lines) => lines.findLastIndex((l) => l.startsWith('\tmain.go') || l.startsWith('\t/')) + 1,
  },
];

describe('a run’s lines, the same in every command', () => {
  for (const { name, path, what, last } of logs) {
    test(name, () => {
      const text = readFileSync(path, 'utf8');
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      const expected = last(lines);
      // The log is what the case says: its last line is the run's.
      expect(expected, what).toBe(lines.length);
      // (A gctrace cycle may come before the first dump: the run starts at its SCHED line.)
      const first = lines.findIndex((l) => l.startsWith('SCHED ')) + 1;

      // analyze and check: the byte scanner's rows and snapshots through the streaming engine.
      const streamed = analyzeStreamed(text).runs;
      expect(streamed.map((r) => [r.firstLine, r.lastLine])).toEqual([[first, expected]]);

      // The general key=value readers, line by line, through the same engine.
      const general = new TraceAnalyzer();
      const p = createParser({
        onSnapshot: (s) => general.push(s),
        onTrailingGc: (stream, run, gc, line) => general.trailingGc(stream, run, gc, line),
        fastPaths: false,
      });
      for (const l of lines) p.push(l);
      p.end();
      expect(general.result().runs.map((r) => [r.firstLine, r.lastLine])).toEqual([[first, expected]]);

      // Timelines in memory (check --min-skill, replay, the library) and the report's Runs table.
      const { snapshots, trailingGc } = parseText(text);
      const timelines = buildTimelines(snapshots, trailingGc);
      expect(timelines.map((tl) => [tl.firstLine, tl.lastLine])).toEqual([[first, expected]]);
      expect(checkTrace(timelines).runs.map((r) => [r.firstLine, r.lastLine])).toEqual([[first, expected]]);
      expect(buildReportData(timelines).runs.map((r) => [r.firstLine, r.lastLine])).toEqual([[first, expected]]);
    });
  }
});
