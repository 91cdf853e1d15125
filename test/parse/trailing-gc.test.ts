import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { TraceAnalyzer } from '../../src/findings/trace-analyzer.js';
import { createParser, parseText } from '../../src/parse/index.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import type { GcSample } from '../../src/trace/gc-sample.js';
import { samplesDir } from '../helpers/samples.js';

/**
 * gctrace lines after a run's last SCHED line belong to that run (gcMarkTermination prints a cycle
 * as it ends): a real Go 1.22 log that ends on two cycles, one with a 401 ms pause, restarted once.
 */
const log = readFileSync(join(samplesDir, 'programs/lowgogc-go1.22-p2-gctrace-100ms.log'));
const lines = log.toString('utf8').split('\n');
const lastSched = lines.findLastIndex((l) => l.startsWith('SCHED ')) + 1;
const trailing = lines.filter((l, i) => i + 1 > lastSched && l.startsWith('gc ')).length;
const twice = Buffer.concat([log, log]);
const perCopy = lines.length - 1;

describe('cycles printed after a run’s last dump', () => {
  test('go to that run, at a restart and at the end of input, never to the next run’s first dump', () => {
    expect(trailing).toBe(2);
    const { snapshots, trailingGc } = parseText(twice.toString('utf8'));
    expect(trailingGc.map((t) => [t.run, t.line, t.gc.cycles, t.gc.lastCycle])).toEqual([
      [0, perCopy, 2, 60],
      [1, 2 * perCopy, 2, 60],
    ]);
    // The second process printed its cycle 1 before its first dump (`gc 1 @0.000s` comes before
    // `SCHED 0ms`): that dump takes it, the numbering having started again; the first run's 59 and 60 trail it.
    const firstOfRun1 = snapshots.find((s) => s.run === 1)!;
    expect(lines[0]).toMatch(/^gc 1 @0\.000s/);
    expect([firstOfRun1.gc?.firstCycle, firstOfRun1.gc?.lastCycle]).toEqual([1, 1]);
    const cyclesOnDumps = snapshots.reduce((n, s) => n + (s.gc?.cycles ?? 0), 0);
    const gcLines = lines.filter((l) => l.startsWith('gc ')).length;
    // Every cycle is counted once: on a dump, or trailing its run.
    expect(cyclesOnDumps + trailingGc.reduce((n, t) => n + t.gc.cycles, 0)).toBe(2 * gcLines);
  });

  test('from bytes in columns, a run’s rows all come before its trailing cycles, and those before the next run’s rows', () => {
    const events: string[] = [];
    const parser = createParser({
      onSnapshot: (s) => events.push(`dump ${s.run}`),
      onSummaryBatch: (b) => {
        for (let r = 0; r < b.size; r++) events.push(`dump ${b.run[r]}`);
      },
      onTrailingGc: (_stream, run, gc: GcSample) => events.push(`trailing ${run} ${gc.lastCycle}`),
      dropGcPhases: true,
    });
    parser.pushBytes(twice, true);
    parser.end();
    const at = (e: string) => events.indexOf(e);
    expect(events.filter((e) => e.startsWith('trailing'))).toEqual(['trailing 0 60', 'trailing 1 60']);
    expect(events.lastIndexOf('dump 0')).toBeLessThan(at('trailing 0 60'));
    expect(at('trailing 0 60')).toBeLessThan(at('dump 1'));
    expect(events.at(-1)).toBe('trailing 1 60');
  });

  test('a run’s line range goes on to its trailing cycles, streamed and in memory alike', () => {
    const text = log.toString('utf8');
    const { snapshots, trailingGc } = parseText(text);
    const analyzer = new TraceAnalyzer();
    const parser = createParser({
      onSnapshot: (s) => analyzer.push(s),
      onTrailingGc: (stream, run, gc, line) => analyzer.trailingGc(stream, run, gc, line),
    });
    parser.pushBlock(text.slice(0, -1), true);
    parser.end();
    const runs = analyzer.result().runs;
    expect(runs.map((r) => [r.firstLine, r.lastLine])).toEqual([[2, perCopy]]);
    expect(lastSched).toBeLessThan(perCopy);
    const [tl] = buildTimelines(snapshots, trailingGc);
    expect([tl!.firstLine, tl!.lastLine]).toEqual([2, perCopy]);
  });
});
