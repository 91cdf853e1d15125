import { describe, expect, test } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { noteRecurrence, recurrenceWords } from '../../src/findings/recurrence.js';

const at = (kind: Finding['kind'], tMs: number, tEndMs: number): Finding =>
  ({ kind, tMs, tEndMs, explanation: '' }) as unknown as Finding;

describe('noteRecurrence', () => {
  test('episodes of a single dump each are said to be so, not to cover 0 s', () => {
    const fs = [at('local-overflow', 816, 816), at('local-overflow', 1523, 1523), at('local-overflow', 2544, 2544)];
    noteRecurrence(fs, {});
    expect(fs[0]!.recurrence?.coveredMs).toBe(0);
    expect(recurrenceWords('local-overflow', fs[0]!.recurrence!)).toBe(
      'This is one of 3 local-overflow episodes in this run, from 0.8 s to 2.5 s, each seen at a single dump: the condition comes back, it is not a one-off.',
    );
  });
  test('three or more episodes of a kind: counted, their span, the time they cover (overlaps once), the period', () => {
    const fs = [at('saturation', 60_000, 70_000), at('saturation', 0, 10_000), at('saturation', 30_000, 45_000)];
    fs.push(at('local-overflow', 1000, 2000), at('local-overflow', 1500, 3000), at('local-overflow', 9000, 9000));
    noteRecurrence(fs, {});
    expect(fs[0]!.recurrence).toEqual({
      episodes: 3,
      timed: 3,
      fromMs: 0,
      toMs: 70_000,
      coveredMs: 35_000,
      everyMs: 30_000,
    });
    // Starts 500 and 7500 ms apart: no period; the two overlapping spans count once.
    expect(fs[3]!.recurrence).toEqual({
      episodes: 3,
      timed: 3,
      fromMs: 1000,
      toMs: 9000,
      coveredMs: 2000,
      everyMs: null,
    });
    expect(recurrenceWords('saturation', fs[0]!.recurrence!)).toBe(
      'This is one of 3 saturation episodes in this run, from 0 s to 70 s, together 35 s of those 70 s, one starting about every 30 s: the condition comes back, it is not a one-off.',
    );
  });

  test('episodes that together last under a second say how many ms, not "0 s"', () => {
    // The AfterFunc waves of novel12's timerstorm at Go 1.22: five overflow episodes of 10–25 ms.
    const fs = [
      at('local-overflow', 106, 130),
      at('local-overflow', 508, 515),
      at('local-overflow', 912, 918),
      at('local-overflow', 1310, 1315),
      at('local-overflow', 1712, 1715),
    ];
    noteRecurrence(fs, {});
    expect(recurrenceWords('local-overflow', fs[0]!.recurrence!)).toBe(
      'This is one of 5 local-overflow episodes in this run, from 0.1 s to 1.7 s, together 45 ms of those 1.6 s, one starting about every 0.4 s: the condition comes back, it is not a one-off.',
    );
  });

  test('two episodes, a run’s own crash or restart, or a finding without times: no note', () => {
    const fs = [
      at('saturation', 0, 1),
      at('saturation', 5, 6),
      at('restart', 0, 0),
      at('restart', 0, 0),
      at('restart', 0, 0),
    ];
    fs.push(
      { ...at('imbalance', 0, 0), tMs: null, tEndMs: null } as unknown as Finding,
      at('imbalance', 1, 2),
      at('imbalance', 3, 4),
    );
    noteRecurrence(fs, {});
    expect(fs.filter((f) => f.recurrence !== undefined)).toEqual([]);
  });

  test('episodes counted past the cap add to the count, and the words say whose times they give', () => {
    const fs = [at('saturation', 0, 1000), at('saturation', 10_000, 11_000)];
    noteRecurrence(fs, { saturation: 198 });
    expect(fs[1]!.recurrence).toMatchObject({ episodes: 200, timed: 2, coveredMs: 2000 });
    // Two starts are too few to call a period.
    expect(fs[1]!.recurrence!.everyMs).toBeNull();
    expect(recurrenceWords('saturation', fs[1]!.recurrence!)).toContain(
      'one of 200 saturation episodes in this run, from 0 s to 11 s (times of the first 2), together 2 s of those 11 s:',
    );
  });
});
