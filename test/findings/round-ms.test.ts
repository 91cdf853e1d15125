import fc from 'fast-check';
import { expect, test } from 'vitest';
import { roundMs } from '../../src/findings/check.js';

// roundMs keeps three significant digits under 0.1 ms by arithmetic; it must give exactly what the
// string round trip gives (the evidence in JSON and the words are printed from it).
const viaString = (x: number) => Number(x.toPrecision(3));

test('under 0.1 ms, the same double as Number(x.toPrecision(3)) on any value', () => {
  fc.assert(
    fc.property(fc.double({ min: 0, max: 0.1, noNaN: true, maxExcluded: true }), (x) => {
      expect(roundMs(x)).toBe(viaString(x));
    }),
    { numRuns: 200_000 },
  );
});

test('on decimal ties and powers of ten, where scaling errs first', () => {
  const xs: number[] = [];
  for (let e = -12; e <= -2; e++)
    for (let k = 100; k <= 999; k++) {
      const d = k * 10 ** e;
      // The decimal itself, a tie of the fourth digit, and the doubles beside both.
      for (const x of [d, d + 5 * 10 ** (e - 1)]) xs.push(x, x * (1 + 2 ** -52), x * (1 - 2 ** -52));
    }
  for (let e = -300; e <= -2; e++) xs.push(10 ** e, 10 ** e * (1 - 2 ** -52), 9.995 * 10 ** e);
  xs.push(Number.MIN_VALUE, 5e-324, 1e-308, 0.0999999, 0.09995);
  const wrong = xs.filter((x) => x > 0 && x < 0.1 && roundMs(x) !== viaString(x));
  expect(wrong).toEqual([]);
});

test('from 0.1 ms, to the µs', () => {
  expect([roundMs(0.1), roundMs(0.12345), roundMs(12.3456789), roundMs(0)]).toEqual([0.1, 0.123, 12.346, 0]);
});
