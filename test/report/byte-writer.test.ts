import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { putNumber } from '../../src/report/byte-writer.js';

const buf = Buffer.alloc(64);
const written = (v: number): string => buf.toString('latin1', 0, putNumber(buf, 0, v));

describe('putNumber', () => {
  it('writes every multiple of 0.001 up to 3000 as String does', () => {
    const wrong: number[] = [];
    for (let m = 0; m <= 3_000_000; m++) if (written(m / 1000) !== String(m / 1000)) wrong.push(m / 1000);
    expect(wrong).toEqual([]);
  });

  it('writes rounded means and shares up to 2^31 / 1000 as String does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (m) => {
        expect(written(m / 1000)).toBe(String(m / 1000));
      }),
      { numRuns: 20_000 },
    );
  });

  it('writes any other number as String does', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.maxSafeInteger()),
        (v) => {
          expect(written(v)).toBe(String(v));
        },
      ),
      { numRuns: 20_000 },
    );
    for (const v of [2147483.647, 2147483.648, 0.0005, 1e21, 1e-7, -0.5, 0.1 + 0.2, -0])
      expect(written(v)).toBe(String(v));
  });
});
