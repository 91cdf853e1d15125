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
});
