import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Kernel } from '../../src/sim/kernel.js';
import { EventQueue } from '../../src/sim/event-queue.js';
import { Random } from '../../src/sim/random.js';

describe('EventQueue', () => {
  it('pops in (time, priority, sequence) order for any input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 3 })), { maxLength: 3000 }),
        (items) => {
          const q = new EventQueue();
          items.forEach(([t, p], i) => q.push(t, p, 0, i));
          const expected = items.map(([t, p], i) => ({ t, p, i })).sort((x, y) => x.t - y.t || x.p - y.p || x.i - y.i);
          const got: number[] = [];
          while (q.pop()) got.push(q.poppedArg);
          expect(got).toEqual(expected.map((e) => e.i));
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('Kernel', () => {
  it('runs same-time events FIFO, urgent priority first, and stops exactly at runUntil', () => {
    const log: string[] = [];
    const k: Kernel = new Kernel(2, (kind, a) => {
      if (kind === 0) log.push(`a${a}@${k.now}`);
      else {
        log.push(`b${a}@${k.now}`);
        if (a < 3) k.after(5, 1, a + 1);
      }
    });
    k.at(10, 0, 1);
    k.at(10, 0, 2);
    k.at(10, 1, 0, 0); // priority 0 runs before the two priority-1 events at t=10
    k.at(30, 0, 9);
    expect(k.peek()).toBe(10);
    k.runUntil(25);
    expect(log).toEqual(['b0@10', 'a1@10', 'a2@10', 'b1@15', 'b2@20', 'b3@25']);
    expect(k.now).toBe(25);
    expect(k.events).toBe(6);
    expect(k.step()).toBe(true);
    expect(log.at(-1)).toBe('a9@30');
    expect(k.step()).toBe(false);
  });

  it('refuses to schedule in the past or without a handler', () => {
    const k = new Kernel(1, () => {});
    k.runUntil(100);
    expect(() => k.at(50, 0)).toThrow(/before now/);
    expect(() => k.after(1, 7)).toThrow(/no handler/);
    expect(() => k.runUntil(10)).toThrow(/before now/);
  });
});

describe('Random', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const sa = Array.from({ length: 100 }, () => a.uint32());
    expect(Array.from({ length: 100 }, () => b.uint32())).toEqual(sa);
    expect(Array.from({ length: 100 }, () => c.uint32())).not.toEqual(sa);
  });

  it('is roughly uniform and its exponential has the requested mean', () => {
    const r = new Random(7);
    const buckets = new Array(10).fill(0);
    let sum = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      buckets[r.int(10)]++;
      sum += r.exp(3);
    }
    for (const b of buckets) expect(Math.abs(b - n / 10)).toBeLessThan(n / 100);
    expect(sum / n).toBeGreaterThan(2.9);
    expect(sum / n).toBeLessThan(3.1);
  });
});
