import { describe, expect, test } from 'vitest';
import type { Finding, FindingOf } from '../../src/findings/finding.js';
import { RunChecker } from '../../src/findings/runner.js';
import type { GcSample } from '../../src/trace/gc-sample.js';
import type { TimelinePoint } from '../../src/trace/timeline.js';
import { timelinePoint } from '../helpers/timeline-point.js';

function pt(i: number, gc?: GcSample): TimelinePoint {
  return { ...timelinePoint(i * 100, 0, [0, 0, 0, 0]), ...(gc !== undefined ? { gc } : {}) };
}

/** Three cycles in the 100 ms before dump i: 8% of 4 Ps' time (heavy), or 0.05% (cheap). */
function cycles(i: number, cheap: boolean): GcSample {
  return {
    cycles: 3,
    firstCycle: 3 * i - 2,
    firstAtMs: i * 100 - 100,
    lastCycle: 3 * i,
    lastAtMs: i * 100 - 10,
    lastEndMs: i * 100 - 5,
    cpuPercent: 6,
    stwMs: cheap ? 0.05 : 0.6,
    stwLongestMs: 0.1,
    stwLongestCycle: 3 * i,
    stwLongestAtMs: i * 100 - 10,
    stwLongestPhase: 'sweep termination',
    stwCpuMs: cheap ? 0.1 : 1.2,
    markMs: 9,
    assistCpuMs: cheap ? 0 : 1.5,
    backgroundCpuMs: cheap ? 0.1 : 30,
    idleCpuMs: 0,
    heapGoalMB: 4,
    firstGoalMB: 4,
    heapLiveMB: 2,
    forced: 0,
  };
}

function gcPressure(points: TimelinePoint[]): FindingOf<'gc-pressure'>[] {
  const c = new RunChecker('', 0);
  let prev: TimelinePoint | undefined;
  for (const p of points) {
    c.step(prev, p);
    prev = p;
  }
  return c.finish().filter((f: Finding): f is FindingOf<'gc-pressure'> => f.kind === 'gc-pressure');
}

describe("gc-pressure: the episode's count covers its window", () => {
  test('a cheap interval inside the merge gap counts its cycles in the episode that spans it', () => {
    // Heavy cycles in the intervals before dumps 1–5 and 7–11, cheap ones before dump 6: the
    // episode runs on over dump 6 (its next hit is 400 ms after the last), so its 33 cycles all count.
    const f = gcPressure(Array.from({ length: 12 }, (_, i) => pt(i, i === 0 ? undefined : cycles(i, i === 6))));
    expect(f).toHaveLength(1);
    const e = f[0]!;
    expect([e.tMs, e.tEndMs]).toEqual([0, 1100]);
    expect(e.evidence.cycles).toBe(33);
    expect(e.evidence.spanMs).toBe(1100);
    expect(e.evidence.cyclesPerSecond).toBe(30);
    expect(e.episode.hits).toBe(11);
    expect(e.evidence.stwMs).toBe(6.05);
    expect(e.explanation).toMatch(/^GC pressure, 33 GC cycles at 30 per second/);
  });

  test('cheap intervals past the merge gap stay out: two episodes, each counting its own cycles', () => {
    // Heavy before dumps 1–5 and 17–21, cheap before 6–16 (1.1 s): the episodes do not touch.
    const f = gcPressure(
      Array.from({ length: 22 }, (_, i) => pt(i, i === 0 ? undefined : cycles(i, i >= 6 && i <= 16))),
    );
    const episodes = f.map((x) => [x.tMs, x.tEndMs, x.evidence.cycles]).sort((a, b) => a[0]! - b[0]!);
    expect(episodes).toEqual([
      [0, 500, 15],
      [1600, 2100, 15],
    ]);
  });

  test('a long pause before the streak is sustained opens the episode at the streak, each dump counted once', () => {
    // Heavy cycles before dumps 1–6, the one before dump 2 with a 12 ms pause: a hit of its own at
    // dump 2 (the streak's first two dumps), then the streak is sustained at dump 3. The runtime's
    // cumulative share is i% at i × 100 ms: GC's time per P up to dump i is i² ms.
    const heavy = (i: number): GcSample => ({
      ...cycles(i, false),
      cpuPercent: i,
      lastEndMs: i * 100,
      ...(i === 2 ? { stwLongestMs: 12, stwMs: 12.5 } : {}),
    });
    const f = gcPressure(Array.from({ length: 7 }, (_, i) => pt(i, i === 0 ? undefined : heavy(i))));
    expect(f).toHaveLength(1);
    const e = f[0]!;
    // From the first cycle's window, where its words' figures begin, not from the pause's dump.
    expect([e.tMs, e.tEndMs]).toEqual([0, 600]);
    expect(e.evidence.stwWindow).toEqual({ fromMs: 0, toMs: 600 });
    expect(e.evidence.cycles).toBe(18);
    expect(e.episode.hits).toBe(6);
    // Each hit's GC time from the figure before its own dumps, which partition the episode's 36 ms:
    // the pause's hit counts its stopped time (13.1 ms, above its 4 ms), then 9−4, 16−9, 25−16, 36−25.
    expect(e.evidence.runtimeFrom).toEqual({ atMs: 0, percent: 0 });
    expect(e.impact).toBeCloseTo(13.1 + 5 + 7 + 9 + 11, 6);
  });
});
