import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readByteBlocks } from '../../src/cli/line-source.js';
import { findCuts } from '../../src/cli/parallel-analyze.js';
import { realSampleLogs, samplesDir } from '../helpers/samples.js';

let dir = '';
let log = '';
let bytes: Buffer;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gosched-cuts-'));
  // Every real sample once, whole: restarts after SCHED lines, G lines, gctrace lines and tracebacks.
  bytes = Buffer.concat(
    realSampleLogs().map((f) => {
      const b = readFileSync(join(samplesDir, f));
      return b[b.length - 1] === 10 ? b : Buffer.concat([b, Buffer.from('\n')]);
    }),
  );
  log = join(dir, 'every.log');
  writeFileSync(log, bytes);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('cuts fall on restarts right after a schedtrace line, in order, one per part', async () => {
  process.env.GOSCHED_JOBS_MIN_CHUNK_BYTES = '1';
  try {
    const cuts = await findCuts(log, 16);
    expect(cuts.length).toBeGreaterThanOrEqual(12);
    expect(cuts.length).toBeLessThanOrEqual(15);
    let last = 0;
    for (const c of cuts) {
      expect(c).toBeGreaterThan(last);
      last = c;
      expect(bytes.subarray(c, c + 10).toString()).toBe('SCHED 0ms:');
      const prev = bytes.subarray(bytes.lastIndexOf(10, c - 2) + 1, c).toString();
      expect(prev).toMatch(/^(SCHED \d+ms:| {2}[PMG]\d+: )/);
    }
  } finally {
    delete process.env.GOSCHED_JOBS_MIN_CHUNK_BYTES;
  }
});

test('without the override, a log under 2 MiB is one part', async () => {
  // The samples' first 2 MiB less a byte, cut after a line: restarts enough, too small to cut.
  const small = join(dir, 'small.log');
  writeFileSync(small, bytes.subarray(0, bytes.lastIndexOf(10, 2 * 1024 * 1024 - 2) + 1));
  expect(
    bytes
      .subarray(0, 2 * 1024 * 1024)
      .toString()
      .split('\nSCHED 0ms:').length,
  ).toBeGreaterThan(8);
  expect(await findCuts(small, 8)).toEqual([]);
});

test('the lines of the parts read by range are the lines of the whole file, in order', async () => {
  const read = async (range?: { start: number; end: number }): Promise<string[]> => {
    const lines: string[] = [];
    for await (const b of readByteBlocks(log, range)) {
      if (b.unreadable !== undefined) lines.push(`<${b.unreadable}>`);
      else lines.push(...b.bytes.toString().split('\n'));
    }
    return lines;
  };
  process.env.GOSCHED_JOBS_MIN_CHUNK_BYTES = '1';
  const cuts = await findCuts(log, 4);
  delete process.env.GOSCHED_JOBS_MIN_CHUNK_BYTES;
  expect(cuts).toHaveLength(3);
  const bounds = [0, ...cuts, bytes.length];
  const parts: string[][] = [];
  for (let i = 0; i + 1 < bounds.length; i++) parts.push(await read({ start: bounds[i]!, end: bounds[i + 1]! }));
  for (const p of parts.slice(1)) expect(p[0]).toMatch(/^SCHED 0ms:/);
  const whole = await read();
  expect(whole.length).toBeGreaterThan(5000);
  expect(parts.flat()).toEqual(whole);
});
