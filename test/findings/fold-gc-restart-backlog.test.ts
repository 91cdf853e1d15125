import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { foldGcRestartBacklog } from '../../src/findings/checks/gc-folds.js';
import type { Finding, FindingOf } from '../../src/findings/finding.js';
import { parseText } from '../../src/parse/index.js';
import { analyzeTrace } from '../../src/pipeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';

const gc = (tMs: number, tEndMs: number, sustained = true): FindingOf<'gc-pressure'> =>
  ({
    kind: 'gc-pressure',
    stream: '',
    run: 0,
    tMs,
    tEndMs,
    explanation: '',
    evidence: { sustained },
  }) as unknown as FindingOf<'gc-pressure'>;
const saturation = (
  tMs: number,
  tEndMs: number,
  {
    dumps = 10,
    cpuStarvedDumps,
    waitingPeak = 8,
    idleprocsPeak = 14,
    gomaxprocs = 16,
  }: {
    dumps?: number;
    cpuStarvedDumps?: number;
    waitingPeak?: number;
    idleprocsPeak?: number;
    gomaxprocs?: number;
  } = {},
): Finding =>
  ({
    kind: 'saturation',
    stream: '',
    run: 0,
    tMs,
    tEndMs,
    evidence: { dumps, cpuStarvedDumps: cpuStarvedDumps ?? dumps, waitingPeak, idleprocsPeak, gomaxprocs },
  }) as unknown as Finding;

test('a backlog beside idle Ps, never more than one per P, within sustained GC is the stops’ and restarts’ doing: folded into the GC episode', () => {
  const cycles = gc(4, 2004);
  expect(foldGcRestartBacklog([cycles, saturation(529, 1304)])).toEqual([cycles]);
  expect(cycles.evidence.restartBacklog).toEqual({ dumps: 10, waitingPeak: 8, idleprocsPeak: 14 });
  // A second episode adds to the first.
  foldGcRestartBacklog([cycles, saturation(1500, 1900, { dumps: 3, waitingPeak: 12, idleprocsPeak: 9 })]);
  expect(cycles.evidence.restartBacklog).toEqual({ dumps: 13, waitingPeak: 12, idleprocsPeak: 14 });
});

test('saturation stays where the program had more runnable goroutines than Ps, a dump had every P busy, or the GC does not cover it', () => {
  const cycles = gc(4, 2004);
  const cases = [
    // More waiting than Ps: more than one stop queues.
    saturation(529, 1304, { waitingPeak: 17 }),
    // One dump of the episode had every P busy beside the backlog.
    saturation(529, 1304, { dumps: 10, cpuStarvedDumps: 9 }),
    // Its first dump came before the cycles were back to back.
    saturation(2, 1304),
    saturation(529, 2100),
  ];
  for (const sat of cases) expect(foldGcRestartBacklog([cycles, sat])).toEqual([cycles, sat]);
  // Cycles that were no sustained pressure (a single long pause) explain no backlog.
  const pause = gc(4, 2004, false);
  const sat = saturation(529, 1304);
  expect(foldGcRestartBacklog([pause, sat])).toEqual([pause, sat]);
  expect(cycles.evidence.restartBacklog).toBeUndefined();
});

const analyzeFile = (path: string) => {
  const { snapshots, trailingGc } = parseText(readFileSync(path, 'utf8'));
  return analyzeTrace(buildTimelines(snapshots, trailingGc));
};

test('Go 1.9, 8 allocating goroutines at 16 Ps on 2 CPUs: GC pressure alone, its words giving both readings of the queue beside idle Ps', () => {
  // 541 cycles in 2 s; 5 to 8 goroutines on the global queue at most dumps while 10 to 14 Ps idled.
  const { findings, headline } = analyzeFile('samples/labelled/go1.9/gcalloc-p16-gctrace-50ms.log');
  expect(findings.map((f) => f.kind)).toEqual(['gc-pressure']);
  expect(headline?.kind).toBe('gc-pressure');
  const f = findings[0] as FindingOf<'gc-pressure'>;
  expect(f.evidence.restartBacklog).toEqual({ dumps: 11, waitingPeak: 8, idleprocsPeak: 14 });
  expect(f.explanation).toMatch(/up to 8 runnable goroutines waited beside up to 14 idle Ps/);
  expect(f.explanation).toMatch(/gopreempt_m → goschedImpl/);
});

test('a program with more runnable goroutines than Ps keeps its saturation beside GC pressure', () => {
  // Mark assists at 56 Ps on Go 1.26: 268 goroutines waited beside idle Ps.
  const { findings } = analyzeFile('samples/programs/gcassist-go1.26-p56-gctrace-200ms.log');
  expect(findings.map((f) => f.kind).sort()).toEqual(expect.arrayContaining(['gc-pressure', 'saturation']));
  const gcFinding = findings.find((f) => f.kind === 'gc-pressure') as FindingOf<'gc-pressure'>;
  expect(gcFinding.evidence.restartBacklog).toBeUndefined();
});
