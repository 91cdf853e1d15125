import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeBuckets, minMaxIndices } from '../../src/report/downsample.js';

describe('min/max downsampling', () => {
  it('places every time in a bucket, the last time in the last bucket', () => {
    const b = makeBuckets([0, 10, 20, 30, 100], 10);
    expect(b.width).toBe(10);
    expect(b.index).toEqual([0, 1, 2, 3, 9]);
  });

  it('keeps, in every bucket, a point holding its minimum and one holding its maximum', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.option(fc.integer({ min: -50, max: 500 }), { nil: null })),
          { minLength: 1, maxLength: 300 },
        ),
        fc.integer({ min: 1, max: 40 }),
        (pairs, count) => {
          const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
          const times = sorted.map(([t]) => t);
          const values = sorted.map(([, v]) => v);
          const { index } = makeBuckets(times, count);
          const kept = minMaxIndices(values, index);
          expect(kept).toEqual([...new Set(kept)].sort((a, b) => a - b));
          for (let b = 0; b < count; b++) {
            const inBucket = values.filter((v, i) => index[i] === b && v !== null) as number[];
            if (inBucket.length === 0) continue;
            const keptValues = kept.filter((i) => index[i] === b).map((i) => values[i]);
            expect(keptValues).toContain(Math.min(...inBucket));
            expect(keptValues).toContain(Math.max(...inBucket));
            expect(keptValues.length).toBeLessThanOrEqual(2);
          }
        },
      ),
    );
  });
});
