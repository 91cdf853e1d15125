import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { analyzeRun } from '../../src/findings/trace-analyzer.js';
import { parseText } from '../../src/parse/index.js';
import type { RunTimeline } from '../../src/trace/timeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { analyzeStreamed } from '../helpers/analyze-streamed.js';
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

/**
 * CPU-bound work in phases drops its backlog for a dump and takes it up again (a batch job's serial
 * step between parallel ones): one saturation through single dumps without the backlog; two dumps in
 * a row without it end it.
 */
describe('saturation in phases', () => {
  /**
   * One dump of a pattern, 100 ms apart from 0 ms, at 4 Ps. B: every P busy, 3 waiting per P; C: 3 of
   * 4 Ps idle beside 6 waiting while an M spins; '-': every P busy, nothing waiting; '.': 3 Ps idle,
   * one running, nothing waiting (a serial step); 'o': every P idle.
   */
  const dump = (c: string, i: number) =>
    c === 'B'
      ? `SCHED ${i * 100}ms: gomaxprocs=4 idleprocs=0 threads=6 spinningthreads=0 idlethreads=1 runqueue=4 [2 2 2 2]`
      : c === 'C'
        ? `SCHED ${i * 100}ms: gomaxprocs=4 idleprocs=3 threads=6 spinningthreads=1 idlethreads=0 runqueue=0 [6 0 0 0]`
        : c === '-'
          ? `SCHED ${i * 100}ms: gomaxprocs=4 idleprocs=0 threads=6 spinningthreads=0 idlethreads=1 runqueue=0 [0 0 0 0]`
          : c === '.'
            ? `SCHED ${i * 100}ms: gomaxprocs=4 idleprocs=3 threads=6 spinningthreads=0 idlethreads=4 runqueue=0 [0 0 0 0]`
            : `SCHED ${i * 100}ms: gomaxprocs=4 idleprocs=4 threads=6 spinningthreads=0 idlethreads=5 runqueue=0 [0 0 0 0]`;
  /** The saturation findings of a pattern of dumps. */
  const run = (pattern: string | readonly string[]) =>
    analyzeRun(buildTimelines(parseText(`${[...pattern].map(dump).join('\n')}\n`).snapshots)[0]!).filter(
      (f) => f.kind === 'saturation',
    );

  test('backlog gone at single dumps: one episode over all of them, its dumps counted apart', () => {
    const [f, more] = run('.BB.BB.BB.BB.');
    if (f?.kind !== 'saturation') throw new Error('no saturation');
    expect(more).toBeUndefined();
    expect([f.tMs, f.tEndMs]).toEqual([100, 1100]);
    expect(f.evidence).toMatchObject({ dumps: 8, gapDumps: 3, waitingMean: 12, backlogPerP: 3 });
    expect(f.confidence).toBe('likely');
    expect(f.explanation).toContain('at least one goroutine per P waited in 8 of 11 dumps (in phases');
    // The reason is the closed episode's, as its evidence counts it: the first hit's (at 700 ms, its
    // fifth backlog dump) said "5 of 7", which the episode's 11 dumps left behind.
    expect(f.confidenceReason).toBe(
      'no idle P and a backlog in 8 of 11 dumps, never gone for more than one dump in a row, or 2 in which a P still ran; between dumps it is not seen',
    );
  });

  test('two dumps in a row without the backlog end it, unless a P ran in both (a serial step) between busy Ps; single ones, even every other dump, do not', () => {
    expect(run('BBooBBooBBooBBooBB')).toEqual([]);
    expect(run('BBo.BB.oBBooBB.oBB')).toEqual([]);
    // Beside idle Ps (the CPU-starved reading) a running P is no serial step.
    expect(run('CC..CC..CC..CC..CC')).toEqual([]);
    expect(run('BB..CC..BB..CC..BB')).toEqual([]);
    const [serial, other] = run('oBB..BB-.BB..BBo');
    expect(other).toBeUndefined();
    expect(serial?.evidence).toMatchObject({ dumps: 8, gapDumps: 6 });
    expect(serial?.explanation).toContain('or at 2 in a row in which a P still ran, a serial step');
    expect(run('BB...BB...BB...BB')).toEqual([]);
    const [every] = run('.B.B.B.B.B.B.B.B.B');
    expect(every?.evidence).toMatchObject({ dumps: 9, gapDumps: 8 });
    // The share is the episode's: a long backlog carries later single gaps, then ends at a double one.
    const [f, more] = run('.BBBBBB.B.BooBB');
    if (f?.kind !== 'saturation') throw new Error('no saturation');
    expect(more).toBeUndefined();
    expect(f.evidence).toMatchObject({ dumps: 8, gapDumps: 2 });
    expect([f.tMs, f.tEndMs]).toEqual([100, 1000]);
  });

  test('a backlog in every dump is still "consecutive", and certain after 10', () => {
    // The first dump has none before it to be compared with: the streak starts at the second.
    const [f] = run('.BBBBBBBBBBBB');
    if (f?.kind !== 'saturation') throw new Error('no saturation');
    expect(f.evidence).toMatchObject({ dumps: 12, gapDumps: 0 });
    expect(f.confidence).toBe('certain');
    expect(f.explanation).toContain('no P was idle in 12 consecutive dumps');
  });

  test('the GOMAXPROCS=4 → 2 → 6 → 3 → 8 capture: one episode across the changes (five before)', () => {
    const tl = timeline('go1.26/resize-20ms.log');
    const sat = analyzeRun(tl).filter((f) => f.kind === 'saturation');
    expect(sat).toHaveLength(1);
    const changes = tl.points.filter((p, i) => i > 0 && p.gomaxprocs !== tl.points[i - 1]!.gomaxprocs);
    expect(changes.length).toBeGreaterThanOrEqual(4);
    for (const c of changes) expect(c.tMs!).toBeGreaterThan(sat[0]!.tMs!);
  });

  test('any pattern: an episode spans its backlog and gap dumps only, at least 4 backlog dumps, no two gaps in a row but a serial step between busy Ps', () => {
    let episodes = 0;
    let inPhases = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom('B', 'C', '-', '.', 'o'), { minLength: 2, maxLength: 40 }), (cells) => {
        const backlog = (i: number) => i > 0 && (cells[i] === 'B' || cells[i] === 'C');
        for (const f of run(cells)) {
          if (f.kind !== 'saturation') continue;
          const from = f.tMs! / 100;
          const to = f.tEndMs! / 100;
          const inside = [...cells.keys()].filter((i) => i >= from && i <= to);
          const hits = inside.filter(backlog);
          expect(backlog(from) && backlog(to)).toBe(true);
          expect(f.evidence.dumps).toBe(hits.length);
          expect(f.evidence.gapDumps).toBe(inside.length - hits.length);
          expect(f.evidence.dumps).toBeGreaterThanOrEqual(4);
          for (const i of inside) {
            if (i <= from || backlog(i) || backlog(i - 1)) continue;
            // The second of two gap dumps: both had a P running, between backlog dumps of busy Ps.
            expect(cells[i] !== 'o' && cells[i - 1] !== 'o', cells.join('')).toBe(true);
            expect(
              backlog(i - 2) && cells[i - 2] === 'B' && backlog(i + 1) && cells[i + 1] === 'B',
              cells.join(''),
            ).toBe(true);
          }
          expect(f.evidence.cpuStarvedDumps).toBe(hits.filter((i) => cells[i] === 'C').length);
          episodes++;
          if (f.evidence.gapDumps > 0) inPhases++;
        }
      }),
      { numRuns: 400 },
    );
    // The generated patterns reach both kinds of episode.
    expect(episodes).toBeGreaterThan(20);
    expect(inPhases).toBeGreaterThan(5);
  });
});

/**
 * A long episode's means are the episode's, however long it lasts: merged hit by hit with the mean
 * rounded at every step, an episode of 5,000 dumps at 2 waiting goroutines then 5,000 at 20 read
 * 2 on average instead of 11 (each later dump moved the mean by less than the rounding).
 */
describe('saturation means over long episodes', () => {
  const dump = (t: number, waiting: number) =>
    `SCHED ${t}ms: gomaxprocs=2 idleprocs=0 threads=4 spinningthreads=0 idlethreads=0 runqueue=${waiting} [0 0]`;

  function bothPaths(lines: string[]) {
    const text = `${lines.join('\n')}\n`;
    const byPoints = saturationOf(buildTimelines(parseText(text).snapshots)[0]!);
    const byRows = analyzeStreamed(text).findings.find((f) => f.kind === 'saturation');
    if (byRows?.kind !== 'saturation') throw new Error('no saturation finding from the batches');
    return [byPoints, byRows];
  }

  // The run's first dump (SCHED 0ms, the process starting) has no interval before it and is not
  // one of the episode's: 10,000 dumps after it.
  test('5,000 dumps at 2 waiting then 5,000 at 20: 11 on average, 5.5 per P', () => {
    const lines: string[] = [];
    for (let i = 0; i <= 10_000; i++) lines.push(dump(i * 10, i <= 5000 ? 2 : 20));
    for (const f of bothPaths(lines)) {
      expect(f.evidence).toMatchObject({ dumps: 10_000, waitingMean: 11, backlogPerP: 5.5, waitingSum: 110_000 });
      expect(f.explanation).toContain('on average 11 runnable goroutines waited (5.5 per running P');
    }
  });

  test('any backlog sequence: the mean is the dumps’ mean', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 2, max: 400 }), { minLength: 60, maxLength: 3000 }), (waiting) => {
        const lines = waiting.map((w, i) => dump(i * 10, w));
        const episode = waiting.slice(1);
        const mean = episode.reduce((a, b) => a + b, 0) / episode.length;
        for (const f of bothPaths(lines)) {
          expect(f.evidence.dumps).toBe(episode.length);
          expect(Math.abs(f.evidence.waitingMean - mean)).toBeLessThanOrEqual(0.05 + 1e-9);
          expect(Math.abs(f.evidence.backlogPerP - mean / 2)).toBeLessThanOrEqual(0.05 + 1e-6);
        }
      }),
      { numRuns: 40 },
    );
  });
});
