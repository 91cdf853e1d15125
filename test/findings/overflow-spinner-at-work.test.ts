import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { FindingOf } from '../../src/findings/finding.js';
import { parseText } from '../../src/parse/index.js';
import { analyzeTrace } from '../../src/pipeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { samplesDir } from '../helpers/samples.js';

const overflowsOf = (text: string) => {
  const { snapshots, trailingGc } = parseText(text);
  return analyzeTrace(buildTimelines(snapshots, trailingGc)).findings.filter(
    (f): f is FindingOf<'local-overflow'> => f.kind === 'local-overflow',
  );
};
const labelled = (file: string) => readFileSync(join(samplesDir, 'labelled', file), 'utf8');

test('Go 1.22, 20,000 AfterFunc timers expiring at once on 4 Ps: three Ps idle while the spinning M spills, read as its own doing', () => {
  // 106-130 ms: idleprocs=3, spinningthreads=1, threads=5, idlethreads=3 (sysmon and one M at work),
  // the global queue 0 → 18,189 = 141×129 while P0's ring stood at 172-190.
  const [first] = overflowsOf(labelled('novel12-go1.22/timerstorm-p4-10ms.log'));
  expect(first).toMatchObject({ tMs: 106, evidence: { spinnerAtWorkDumps: 3, spinnerAtWorkIdlePeak: 3 } });
  expect(first!.explanation).toMatch(/the spinning M was the one putting the goroutines there/);
  expect(first!.explanation).toMatch(/wakep starts no M while one spins/);
  expect(first!.suggestion).toMatch(/^Many timers expired at once/);
});

test('a spill beside idle Ps is not read so where another M is at work; one dump beside a whole spill is enough', () => {
  const line = (t: number, idle: number, spinning: number, threads: number, idleThreads: number, global: number) =>
    `SCHED ${t}ms: gomaxprocs=4 idleprocs=${idle} threads=${threads} spinningthreads=${spinning} needspinning=0 idlethreads=${idleThreads} runqueue=${global} [200 0 0 0]`;
  const dumps = (spinning: number, threads: number, idleThreads: number, n: number) =>
    [
      line(0, 3, 0, 5, 3, 0),
      ...Array.from({ length: n }, (_, i) => line(10 * (i + 1), 3, spinning, threads, idleThreads, 129 * 20 * (i + 1))),
    ].join('\n');
  // The same counts as above: read.
  expect(overflowsOf(dumps(1, 5, 3, 2))[0]?.evidence.spinnerAtWorkDumps).toBe(2);
  // A second M at work beside the spinner (a woken M waiting for a CPU, or the spawner itself): not read.
  const twoAtWork = overflowsOf(dumps(1, 6, 3, 2));
  expect(twoAtWork.length).toBeGreaterThan(0);
  for (const f of twoAtWork) {
    expect(f.evidence.spinnerAtWorkDumps).toBe(0);
    expect(f.explanation).not.toMatch(/spinning M was the one/);
  }
  // No M counted spinning: the idle Ps are not the spinner's doing (nothing says why they stayed idle).
  for (const f of overflowsOf(dumps(0, 4, 3, 2))) expect(f.evidence.spinnerAtWorkDumps).toBe(0);
  // One dump: the 2,580 queued took as many puts, each calling wakep, and no P came up; a wakep in
  // flight at the dump lasts microseconds, not a spill.
  const [once] = overflowsOf(dumps(1, 5, 3, 1));
  expect(once?.explanation).toMatch(/At one of its dumps up to 3 Ps stayed idle/);
});

test('Go 1.26 at 128 Ps, dumps 200 ms apart (a program outside the corpus): each timer wave read at its one dump', () => {
  // 20,000 AfterFunc callbacks due within 50 ms: 127 Ps idle beside 10,062 and 18,060 queued.
  const text = readFileSync(join(samplesDir, 'programs', 'afterfunc-go1.26-p128-200ms.log'), 'utf8');
  const read = overflowsOf(text).filter((f) => f.evidence.spinnerAtWorkDumps > 0);
  expect(read.map((f) => [f.tMs, f.evidence.spinnerAtWorkIdlePeak]).sort()).toEqual([
    [1619, 127],
    [575, 127],
  ]);
});
