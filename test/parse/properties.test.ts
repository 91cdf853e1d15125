import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { realSampleLogs, samplesDir } from '../helpers/samples.js';

/** A pool of real lines from every era: summary lines, P/M/G lines, crash text. */
const realLines = (() => {
  const pool = new Set<string>();
  for (const rel of realSampleLogs()) {
    const lines = readFileSync(join(samplesDir, rel), 'utf8').split('\n');
    for (const l of lines.slice(0, 40)) if (l !== '') pool.add(l);
  }
  return [...pool];
})();

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 12 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 10 }) }),
  fc.record({
    kind: fc.constant('digits' as const),
    to: fc.constantFrom('', '-1', '4294967295', 'nil', 'x', '99999999999999999999999'),
  }),
  fc.record({ kind: fc.constant('join' as const) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(line: string, m: Mutation, next: string): string {
  const at = 'at' in m ? m.at % (line.length + 1) : 0;
  switch (m.kind) {
    case 'truncate':
      return line.slice(0, at);
    case 'insert':
      return line.slice(0, at) + m.text + line.slice(at);
    case 'delete':
      return line.slice(0, at) + line.slice(at + m.n);
    case 'digits':
      return line.replace(/\d+/, m.to);
    case 'join':
      return line + next;
  }
}

describe('random mutations of real lines', () => {
  test('never throw, and every line is accounted for', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ i: fc.nat(), m: fc.option(mutation, { nil: undefined }) }), {
          minLength: 1,
          maxLength: 40,
        }),
        (picks) => {
          const lines = picks.map(({ i, m }, k) => {
            const line = realLines[i % realLines.length]!;
            const next = realLines[(i + k + 1) % realLines.length]!;
            return m === undefined ? line : mutate(line, m, next).replace(/[\r\n]/g, ' ');
          });
          const r = parseText(`${lines.join('\n')}\n`);
          expect(r.counts.lines).toBe(lines.length);
          expect(r.counts.schedtrace + (r.counts.gctrace ?? 0) + r.counts.foreign + r.counts.malformed).toBe(
            lines.length,
          );
          for (const s of r.snapshots) {
            expect(Number.isFinite(s.gomaxprocs)).toBe(true);
            expect(s.line).toBeGreaterThanOrEqual(1);
            expect(s.line).toBeLessThanOrEqual(lines.length);
          }
        },
      ),
      { numRuns: 400, endOnFailure: true },
    );
  });

  test('unmutated real lines always parse into snapshots without malformed lines', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), (idx) => {
        const summaries = realLines.filter((l) => l.startsWith('SCHED') && l.includes('['));
        const lines = idx.map((i) => summaries[i % summaries.length]!);
        const r = parseText(lines.join('\n'));
        expect(r.snapshots.length).toBe(lines.length);
        expect(r.counts.malformed).toBe(0);
      }),
      { numRuns: 200, endOnFailure: true },
    );
  });
});
