import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { indented, writeIndentedArray } from '../../src/cli/format-analysis.js';
import { RunJsonWriter } from '../../src/cli/run-json.js';
import { TraceAnalyzer } from '../../src/findings/trace-analyzer.js';
import { parseText } from '../../src/parse/index.js';
import type { RunSummary } from '../../src/trace/run-summary.js';
import { realSampleLogs, samplesDir } from '../helpers/samples.js';

/** What `analyze --json` printed between `"runs": [\n` and `\n  ]` before the writer. */
function stringified(runs: readonly RunSummary[]): string {
  return runs.map((r) => `    ${indented(r, '    ')}`).join(',\n');
}

function written(runs: readonly RunSummary[], w = new RunJsonWriter()): string {
  for (const r of runs) w.run(r);
  return w.take().toString('utf8');
}

function runsOf(rel: string): RunSummary[] {
  const a = new TraceAnalyzer();
  for (const s of parseText(readFileSync(join(samplesDir, rel), 'utf8')).snapshots) a.push(s);
  return a.result().runs;
}

test('every sample run is written as JSON.stringify nests it', () => {
  const w = new RunJsonWriter();
  for (const rel of realSampleLogs()) {
    const runs = runsOf(rel);
    w.clear();
    expect(written(runs, w), rel).toBe(stringified(runs));
    expect(w.count).toBe(runs.length);
  }
});

const int = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer(), fc.maxSafeInteger(), fc.double());
const percentiles = fc.record({ p50: int, p90: int, p99: int, max: int, mean: fc.oneof(int, fc.double()) });
const summary: fc.Arbitrary<RunSummary> = fc.record({
  stream: fc.oneof(fc.constant(''), fc.string({ unit: 'binary' }), fc.string()),
  run: int,
  era: fc.constantFrom('unknown', 'go1.5', 'go1.21', 'go1.25'),
  firstLine: int,
  lastLine: int,
  snapshots: int,
  startMs: fc.option(int),
  endMs: fc.option(int),
  gomaxprocsValues: fc.array(int, { maxLength: 4 }),
  detail: fc.boolean(),
  global: percentiles,
  local: percentiles,
  idleShare: fc.double(),
  backlogDumps: int,
  threads: fc.record({ first: int, max: int, last: int }),
  spinning: fc.option(percentiles),
}) as fc.Arbitrary<RunSummary>;

test('any run summary is written as JSON.stringify nests it (odd numbers, hostile stream names)', () => {
  fc.assert(
    fc.property(fc.array(summary, { maxLength: 5 }), (runs) => {
      expect(written(runs)).toBe(stringified(runs));
    }),
    { numRuns: 500 },
  );
});

test('sections made elsewhere go between the written ones, in order', () => {
  const r = runsOf(realSampleLogs()[0]!)[0]!;
  const w = new RunJsonWriter();
  w.run(r);
  w.section(indented(r, '    '));
  w.run(r);
  expect(w.take().toString('utf8')).toBe(stringified([r, r, r]));
});

test('the buffer grows under long stream names and many runs', () => {
  const r = runsOf(realSampleLogs()[0]!)[0]!;
  const runs = Array.from({ length: 3000 }, (_, i) => ({ ...r, run: i, stream: 'é→'.repeat(i % 50) }));
  expect(written(runs)).toBe(stringified(runs));
});

test('findings and diagnostics written an element at a time read as the whole array stringified', () => {
  const arrays: object[][] = [];
  for (const rel of realSampleLogs()) {
    const a = new TraceAnalyzer();
    for (const s of parseText(readFileSync(join(samplesDir, rel), 'utf8')).snapshots) a.push(s);
    arrays.push(a.result().findings);
  }
  expect(arrays.some((f) => f.length > 1)).toBe(true);
  arrays.push([], [{ message: 'a → b, "quoted"\tand ±', nested: { list: [1, [2, {}]], none: null } }]);
  for (const items of arrays) {
    let text = '';
    writeIndentedArray((t) => (text += t), items);
    expect(text).toBe(indented(items, '  '));
  }
});
