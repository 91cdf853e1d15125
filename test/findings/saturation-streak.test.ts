import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyzeRun } from '../../src/findings/trace-analyzer.js';
import { parseText } from '../../src/parse/index.js';
import type { RunTimeline } from '../../src/trace/timeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { samplesDir } from '../helpers/samples.js';

function timeline(rel: string): RunTimeline {
  return buildTimelines(parseText(readFileSync(join(samplesDir, rel), 'utf8')).snapshots)[0]!;
}

function saturationOf(tl: RunTimeline) {
  const f = analyzeRun(tl).find((x) => x.kind === 'saturation');
  if (f?.kind !== 'saturation') throw new Error('no saturation finding');
  return f;
}

/**
 * A saturation episode is reported once its backlog has lasted 500 ms; its first finding stands for
 * every dump of the streak from the start, not only the dump where it was reported.
 */
describe('saturation reports the whole streak', () => {
  test('32 Ps starting on 2 cores: the dumps with idle Ps beside the backlog are counted and named', () => {
    const tl = timeline('go1.26/oversub-p32-20ms-b.log');
    const f = saturationOf(tl);
    const inEpisode = tl.points.filter((p) => p.tMs !== null && p.tMs >= f.tMs! && p.tMs <= f.tEndMs!);
    const withIdle = inEpisode.filter((p) => p.idleprocs > 0);
    expect(f.evidence.dumps).toBe(inEpisode.length);
    expect(withIdle.length).toBeGreaterThan(5);
    expect(f.evidence.cpuStarvedDumps).toBe(withIdle.length);
    expect(f.evidence.idleprocsPeak).toBe(Math.max(...withIdle.map((p) => p.idleprocs)));
    // not "no P was idle in 41 consecutive dumps"
    expect(f.explanation).toContain(
      `in the other ${withIdle.length} up to ${f.evidence.idleprocsPeak} of 32 Ps were idle`,
    );
  });

  test('the GOMAXPROCS=1 overflow: the peaks are the streak’s, 37 overflows’ 4773 in the global queue', () => {
    const tl = timeline('go1.26/overflow-p1-10ms-a.log');
    const f = saturationOf(tl);
    const inEpisode = tl.points.filter((p) => p.tMs !== null && p.tMs >= f.tMs! && p.tMs <= f.tEndMs!);
    const waiting = inEpisode.map((p) => p.runqueue + p.runq.reduce((a, b) => a + b, 0));
    expect(f.evidence.globalPeak).toBe(Math.max(...inEpisode.map((p) => p.runqueue)));
    expect(f.evidence.globalPeak).toBe(4773);
    expect(f.evidence.waitingPeak).toBe(Math.max(...waiting));
    const mean = waiting.reduce((a, b) => a + b, 0) / waiting.length;
    expect(f.evidence.waitingMean).toBeCloseTo(mean, 0);
  });
});

describe('idle-with-work and imbalance report their whole streak too', () => {
  const run = (lines: string[]) => buildTimelines(parseText(`${lines.join('\n')}\n`).snapshots)[0]!;

  test('idle Ps beside work with no M spinning: the peaks are the streak’s, not the reporting dump’s', () => {
    const dump = (t: number, idle: number, global: number) =>
      `SCHED ${t}ms: gomaxprocs=4 idleprocs=${idle} threads=6 spinningthreads=0 idlethreads=0 runqueue=${global} [0 0 0 0]`;
    const f = analyzeRun(run([dump(0, 0, 0), dump(10, 3, 40), dump(20, 2, 30), dump(30, 1, 20)])).find(
      (x) => x.kind === 'idle-with-work',
    );
    if (f?.kind !== 'idle-with-work') throw new Error('no idle-with-work');
    expect(f.evidence).toMatchObject({ idleprocs: 1, idleprocsPeak: 3, waiting: 20, waitingPeak: 40, dumps: 3 });
    expect(f.explanation).toContain('Up to 3 of 4 Ps stayed idle for 3 consecutive dumps while up to 40');
  });

  test('one ring leading on 100 busy Ps (less than one waiting goroutine per P): its peak over the streak', () => {
    const rings = (lead: number) => [lead, ...new Array(99).fill(0)].join(' ');
    const dump = (t: number, lead: number) =>
      `SCHED ${t}ms: gomaxprocs=100 idleprocs=0 threads=102 spinningthreads=0 idlethreads=0 runqueue=0 [${rings(lead)}]`;
    const f = analyzeRun(run([dump(0, 0), dump(50, 95), dump(100, 80), dump(150, 70)])).find(
      (x) => x.kind === 'imbalance',
    );
    if (f?.kind !== 'imbalance') throw new Error('no imbalance');
    expect(f.evidence).toMatchObject({ maxLocal: 70, maxLocalPeak: 95 });
  });
});
