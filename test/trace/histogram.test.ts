import fc from 'fast-check';
import { expect, test } from 'vitest';
import { IntHistogram } from '../../src/trace/histogram.js';

/** Nearest-rank percentile of a sorted copy: the definition the histogram must meet. */
function nearestRank(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(1, Math.ceil(q * s.length)) - 1]!;
}

test('percentiles equal nearest rank over the sorted samples, small, large and negative values', () => {
  const value = fc.oneof(fc.nat(20), fc.nat(600), fc.integer({ min: -50, max: 1e9 }));
  fc.assert(
    fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), (xs) => {
      const h = new IntHistogram();
      for (const x of xs) h.add(x);
      const s = h.summary();
      expect([s.p50, s.p90, s.p99]).toEqual([nearestRank(xs, 0.5), nearestRank(xs, 0.9), nearestRank(xs, 0.99)]);
      expect(s.max).toBe(Math.max(...xs));
      expect(h.quantile(0.25)).toBe(nearestRank(xs, 0.25));
    }),
    { numRuns: 500 },
  );
});

test('an empty histogram summarises to zeros', () => {
  expect(new IntHistogram().summary()).toEqual({ p50: 0, p90: 0, p99: 0, max: 0, mean: 0 });
});

test('percentiles hold past the buffer of large values, asked for between adds', () => {
  // More large values than the pending buffer holds (4096), so that some go to the counts.
  const value = fc.oneof(fc.integer({ min: 512, max: 700 }), fc.integer({ min: -5, max: 5000 }));
  fc.assert(
    fc.property(fc.array(value, { minLength: 4097, maxLength: 9000 }), fc.nat(9000), (xs, cut) => {
      const h = new IntHistogram();
      const at = Math.min(cut, xs.length);
      for (let i = 0; i < at; i++) h.add(xs[i]!);
      if (at > 0) expect(h.quantile(0.5)).toBe(nearestRank(xs.slice(0, at), 0.5));
      h.addAll(xs, at);
      const s = h.summary();
      expect([s.p50, s.p90, s.p99]).toEqual([nearestRank(xs, 0.5), nearestRank(xs, 0.9), nearestRank(xs, 0.99)]);
      h.clear();
      h.addAll(xs.slice(0, 3));
      expect(h.quantile(0.9)).toBe(nearestRank(xs.slice(0, 3), 0.9));
    }),
    { numRuns: 60 },
  );
});
