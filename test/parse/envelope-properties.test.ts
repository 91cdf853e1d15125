import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrapLines, unwrapOne } from './envelope-helpers.js';

// Text a program may print on one line: any characters but line ends, with the characters
// envelopes are built from made likely.
const text = fc
  .array(
    fc.oneof(
      fc.constantFrom(' ', '|', '[', ']', ':', '{', '"', '\\', '-', 'T', 'Z', 'P', 'F', '\x1b', '\t', 'é', '0', '9'),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join('').replace(/[\r\n\u2028\u2029]/g, ''));

/** Text that reads as a plain line on its own: only such text can round-trip through an envelope unchanged. */
const plainText = text.filter((t) => unwrapOne(t).envelope === 'none' && !t.startsWith('\uFEFF'));

const ts = fc.constantFrom('2026-11-27T06:41:02.123456789Z', '2026-11-27T06:41:02Z', '2026-11-27T07:41:02.5+01:00');
const name = fc.constantFrom('api-1', 'worker_2', 'db.primary-10', 'x-1');

/** An envelope that can sit inside another one. */
type Wrap = (t: string) => { wrapped: string; stream: string };
const innerWrap: fc.Arbitrary<Wrap> = fc.oneof(
  ts.map((s) => (t: string) => ({ wrapped: `${s} ${t}`, stream: '' })),
  name.map((n) => (t: string) => ({ wrapped: `${n.padEnd(12)} | ${t}`, stream: n })),
  name.map((n) => (t: string) => ({ wrapped: `\x1b[35m${n}  | \x1b[0m${t}`, stream: n })),
  fc.tuple(name, fc.nat(99999)).map(([n, pid]) => (t: string) => ({
    wrapped: `Nov 27 06:41:02 node-7 ${n}[${pid}]: ${t}`,
    stream: n,
  })),
  name.map((n) => (t: string) => ({ wrapped: `[pod/${n}-7f9/app] ${t}`, stream: `pod/${n}-7f9/app` })),
);

/** The outermost layer: one logical line as one or more physical lines. */
type OuterWrap = (t: string) => string[];
const chunked = (t: string, cuts: number[]): string[] => {
  const at = [...new Set(cuts.map((c) => c % (t.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const c of at) {
    if (c > from) out.push(t.slice(from, c));
    from = Math.max(from, c);
  }
  out.push(t.slice(from));
  return out;
};
const outerWrap: fc.Arbitrary<OuterWrap> = fc.oneof(
  fc.constant((t: string) => [t]),
  fc.constant((t: string) => [`${t}\r`]),
  fc
    .tuple(ts, fc.constantFrom('stdout', 'stderr'), fc.array(fc.nat(), { maxLength: 4 }))
    .map(([s, ch, cuts]) => (t: string) => {
      const parts = chunked(t, cuts);
      return parts.map((p, i) => `${s} ${ch} ${i === parts.length - 1 ? 'F' : 'P'} ${p}`);
    }),
  fc
    .tuple(ts, fc.constantFrom('stdout', 'stderr'), fc.array(fc.nat(), { maxLength: 4 }))
    .map(([s, ch, cuts]) => (t: string) => {
      const parts = chunked(`${t}\n`, cuts).filter((p) => p !== ''); // docker writes no empty record
      return parts.map((p) => JSON.stringify({ log: p, stream: ch, time: s }));
    }),
);

const wrappedLine = fc
  .record({ t: plainText, inner: fc.array(innerWrap, { maxLength: 2 }), outer: outerWrap })
  .map(({ t, inner, outer }) => {
    let wrapped = t;
    const streams: string[] = [];
    for (const w of inner) {
      const r = w(wrapped);
      wrapped = r.wrapped;
      if (r.stream !== '') streams.unshift(r.stream);
    }
    return { text: t, stream: streams.join(':'), physical: outer(wrapped) };
  });

describe('envelope round trip (property)', () => {
  it('unwrapping a wrapped line gives back its text and stream', () => {
    fc.assert(
      fc.property(wrappedLine, ({ text: t, stream, physical }) => {
        const { out, diagnostics } = unwrapLines(physical);
        expect(diagnostics).toEqual([]);
        expect(out).toHaveLength(1);
        expect(out[0]).toMatchObject({ text: t, stream, line: 1, physicalLines: physical.length });
      }),
      { numRuns: 500 },
    );
  });

  it('a sequence of wrapped lines: same texts, every physical line covered exactly once', () => {
    fc.assert(
      fc.property(fc.array(wrappedLine, { maxLength: 12 }), (items) => {
        const physical = items.flatMap((i) => i.physical);
        const { out } = unwrapLines(physical);
        expect(out.reduce((n, l) => n + l.physicalLines, 0)).toBe(physical.length);
        // Single-chunk items come out in order; only chunked lines may be delayed by chunks in between, and here none interleave.
        expect(out.map((l) => l.text)).toEqual(items.map((i) => i.text));
        let line = 1;
        expect(out.map((l) => l.line)).toEqual(
          items.map((i) => {
            const at = line;
            line += i.physical.length;
            return at;
          }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('any input at all: never throws, covers every line once, emits nothing empty-handed', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(text, fc.string()), { maxLength: 30 }), (lines) => {
        const { out, diagnostics } = unwrapLines(lines);
        expect(out.reduce((n, l) => n + l.physicalLines, 0)).toBe(lines.length);
        const starts = out.map((l) => l.line);
        expect(new Set(starts).size).toBe(starts.length);
        for (const d of diagnostics) expect(d.code).toBe('unterminated-partial');
      }),
      { numRuns: 500 },
    );
  });
});
