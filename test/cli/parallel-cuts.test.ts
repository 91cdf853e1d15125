import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readByteBlocks } from '../../src/cli/line-source.js';
import { analyzeChunk } from '../../src/cli/analyze-chunk.js';
import { findCuts, mergeable } from '../../src/cli/parallel-analyze.js';
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

test('in a container log the cuts fall on lines whose text, inside the envelope, is a restart after schedtrace', async () => {
  // Every sample once, each line as containerd writes it; some lines as json-file and
  // `--timestamps` would, and one foreign CRI line, to mix the envelopes.
  const lines = bytes.toString('utf8').split('\n');
  lines.pop();
  const t = '2026-12-04T10:00:00.123456789Z';
  const text = lines
    .map((l, i) =>
      i % 7 === 3
        ? `${JSON.stringify({ log: `${l}\n`, stream: 'stderr', time: t })}\n`
        : i % 7 === 5
          ? `${t} ${l}\n`
          : `${t} stderr F ${l}\n`,
    )
    .join('');
  const cri = join(dir, 'every.cri.log');
  writeFileSync(cri, text);
  process.env.GOSCHED_JOBS_MIN_CHUNK_BYTES = '1';
  try {
    const cuts = await findCuts(cri, 16);
    expect(cuts.length).toBeGreaterThanOrEqual(12);
    const b = Buffer.from(text);
    const textOf = (start: number) => {
      const line = b.subarray(start, b.indexOf(10, start)).toString();
      return line.startsWith('{') ? JSON.parse(line).log : line.replace(/^\S+ (stderr F )?/, '');
    };
    for (const c of cuts) {
      expect(b[c - 1]).toBe(10);
      expect(textOf(c)).toMatch(/^SCHED 0ms:/);
      expect(textOf(b.lastIndexOf(10, c - 2) + 1)).toMatch(/^(SCHED \d+ms:| {2}[PMG]\d+: )/);
    }
  } finally {
    delete process.env.GOSCHED_JOBS_MIN_CHUNK_BYTES;
  }
});

test('parts cut in a container log merge only with the unnamed stream alone and no line open at the cut', async () => {
  // One capture restarted 200 times, as containerd writes it.
  const one = readFileSync(join(samplesDir, 'go1.26/oversub-p2-20ms-a.log'), 'utf8').trimEnd().split('\n');
  const cri = join(dir, 'restarts.cri.log');
  writeFileSync(
    cri,
    Array(200)
      .fill(one.map((l) => `2026-12-04T10:00:00.123456789Z stderr F ${l}\n`).join(''))
      .join(''),
  );
  process.env.GOSCHED_JOBS_MIN_CHUNK_BYTES = '1';
  const [cut] = await findCuts(cri, 2);
  delete process.env.GOSCHED_JOBS_MIN_CHUNK_BYTES;
  const size = readFileSync(cri).length;
  const part = (start: number, end: number, i: number) =>
    analyzeChunk({ path: cri, range: { start, end }, json: false, records: join(dir, `part-${i}`) }, () => {});
  const before = await part(0, cut!, 0);
  const after = await part(cut!, size, 1);
  expect(mergeable(before, after)).toBe(true);
  expect(mergeable({ ...before, partialAtEnd: true }, after)).toBe(false);
  expect(mergeable({ ...before, unnamedOnly: false }, after)).toBe(false);
  expect(mergeable(before, { ...after, unnamedOnly: false })).toBe(false);
});
