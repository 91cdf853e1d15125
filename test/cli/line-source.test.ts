import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { describeSource, readByteBlocks, readLineBatches, readLines } from '../../src/cli/line-source.js';
import { InputError } from '../../src/messages.js';
import { samplesDir } from '../helpers/samples.js';

const tmp = mkdtempSync(join(tmpdir(), 'gosched-line-source-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
}

async function collect(source: string): Promise<string[]> {
  const out: string[] = [];
  for await (const l of readLines(source)) out.push(l);
  return out;
}

async function failure(source: string): Promise<InputError> {
  try {
    await collect(source);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error(`${source} was read without an error`);
}

/** Runs `fn` with process.stdin replaced by a stream of `data`: readLines('-') reads process.stdin. */
async function withStdin<T>(data: Buffer, fn: () => Promise<T>): Promise<T> {
  const saved = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  Object.defineProperty(process, 'stdin', {
    value: Readable.from([data.subarray(0, 3), data.subarray(3)]),
    configurable: true,
  });
  try {
    return await fn();
  } finally {
    Object.defineProperty(process, 'stdin', saved);
  }
}

const realLog = join(samplesDir, 'go1.26', 'overflow-p1-10ms-a.log');
const realLines = readFileSync(realLog, 'utf8').split('\n').slice(0, -1);

describe('readLines', () => {
  it('reads a real log line by line, without terminators', async () => {
    expect(await collect(realLog)).toEqual(realLines);
  });

  it('handles CRLF, a last line without newline, empty lines and a UTF-8 BOM', async () => {
    const p = file('crlf.log', '\uFEFFSCHED 0ms: a\r\n\r\n  P0: x\r\nlast');
    expect(await collect(p)).toEqual(['SCHED 0ms: a', '', '  P0: x', 'last']);
    expect(await collect(file('one.log', 'only\n'))).toEqual(['only']);
  });

  it('keeps multi-byte characters and lines intact across 1 MiB read chunks', async () => {
    const line = `é€ ${'x'.repeat(997)}`; // 1003 bytes + \n: lines straddle every chunk edge
    const lines = Array.from({ length: 4000 }, (_, i) => `${i} ${line}`);
    const p = file('big.log', `${lines.join('\n')}\n`);
    expect(await collect(p)).toEqual(lines);
    let batches = 0;
    for await (const b of readLineBatches(p)) batches += b.length > 0 ? 1 : 0;
    expect(batches).toBeGreaterThan(2);
  });

  it('gives the bytes of every block right when read buffers are used again (lines across several chunks)', async () => {
    const lines = Array.from({ length: 9000 }, (_, i) =>
      i % 1500 === 7 ? `${i} ${'y'.repeat(900_000)}` : `${i} ${'x'.repeat(i % 700)}`,
    );
    const text = lines.join('\n');
    const p = file('reused.log', `${text}\n`);
    const parts: Buffer[] = [];
    // Each block copied as it comes, as a consumer reads it before asking for the next.
    for await (const b of readByteBlocks(p)) parts.push(Buffer.from(b.bytes), Buffer.from('\n'));
    expect(Buffer.concat(parts).toString()).toBe(`${text}\n`);
  });

  it('yields nothing for an empty file (the caller reports it)', async () => {
    expect(await collect(file('empty.log', ''))).toEqual([]);
    expect(await collect(file('empty.gz', gzipSync('')))).toEqual([]);
  });

  it('gunzips by magic bytes, not by name', async () => {
    const gz = gzipSync(readFileSync(realLog));
    expect(await collect(file('named-plain.log', gz))).toEqual(realLines);
    expect(await collect(file('not-gzip.gz', 'SCHED 0ms: gomaxprocs=1\n'))).toEqual(['SCHED 0ms: gomaxprocs=1']);
  });

  it('reads the gzip sample in samples/envelopes back to its source log', async () => {
    expect(await collect(join(samplesDir, 'envelopes', 'overflow-p1-10ms-a.log.gz'))).toEqual(realLines);
  });

  it('reads every member of a multi-member gzip (as `cat a.gz b.gz` makes)', async () => {
    const a = realLines.slice(0, 20).join('\n') + '\n';
    const b = realLines.slice(20).join('\n') + '\n';
    expect(await collect(file('multi.log.gz', Buffer.concat([gzipSync(a), gzipSync(b)])))).toEqual(realLines);
  });

  it("reads stdin for '-', plain and gzipped", async () => {
    const text = Buffer.from(`${realLines.join('\n')}\n`);
    expect(await withStdin(text, () => collect('-'))).toEqual(realLines);
    expect(await withStdin(gzipSync(text), () => collect('-'))).toEqual(realLines);
  });

  it('stops reading when the consumer stops', async () => {
    const seen: string[] = [];
    for await (const l of readLines(realLog)) {
      seen.push(l);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(realLines.slice(0, 3));
  });
});

describe('file handles', () => {
  const openFds = (): number => readdirSync('/proc/self/fd').length;

  it.runIf(existsSync('/proc/self/fd'))(
    'are closed after a full read, an early stop, a binary file and a corrupt gzip',
    async () => {
      const big = `${realLines.join('\n')}\n`.repeat(200);
      const plain = file('leak.log', big);
      const gz = file('big.log.gz', gzipSync(big));
      const bin = file('leak.bin', Buffer.from(Array.from({ length: 100 }, (_, i) => 1 + (i % 7))));
      const gzBig = gzipSync(big);
      const bad = file('leak.gz', Buffer.concat([gzBig.subarray(0, 10), Buffer.from('not deflate data'.repeat(300))]));
      const cut = file('cut.gz', gzBig.subarray(0, 5000));
      const before = openFds();
      for (let i = 0; i < 10; i++) {
        await collect(realLog);
        for (const src of [plain, gz]) {
          let n = 0;
          for await (const _ of readLines(src)) if (++n === 5000) break;
          expect(n).toBe(5000);
        }
        await expect(collect(bin)).rejects.toThrow(InputError);
        await expect(collect(bad)).rejects.toThrow(/corrupt gzip data/);
        expect((await collect(cut)).length).toBeGreaterThan(0);
      }
      expect(openFds()).toBe(before);
    },
  );
});

describe('unreadable input', () => {
  it.each([
    ['a missing file', () => join(tmp, 'nope.log'), 'no such file'],
    ['a directory', () => tmp, 'is a directory'],
    [
      'UTF-16 with a byte order mark',
      () => file('utf16.log', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('SCHED 0ms: x\n', 'utf16le')])),
      'UTF-16 text, not UTF-8 (convert it first, e.g. iconv -f UTF-16 -t UTF-8)',
    ],
    [
      'UTF-16 without one',
      () => file('utf16be.log', Buffer.from('SCHED 0ms: gomaxprocs=1\n', 'utf16le')),
      'UTF-16 text, not UTF-8 (convert it first, e.g. iconv -f UTF-16 -t UTF-8)',
    ],
    [
      'mostly control bytes',
      () => file('ctl.bin', Buffer.from(Array.from({ length: 9000 }, (_, i) => (i % 3 === 0 ? 65 : 1 + (i % 7))))),
      'binary file, not a text log',
    ],
    [
      'binary inside gzip',
      () => file('bin.gz', gzipSync(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]))),
      'binary file, not a text log',
    ],
  ])('%s', async (_what, source, reason) => {
    const s = source();
    const err = await failure(s);
    expect(err.reason).toBe(reason);
    expect(err.source).toBe(s);
    expect(err.message).toBe(`${s}: ${reason}`);
  });

  it('a corrupt gzip', async () => {
    const gz = gzipSync(readFileSync(realLog));
    const garbage = Buffer.concat([
      gz.subarray(0, 10),
      Buffer.from('this is not deflate data at all, not at all'.repeat(10)),
    ]);
    expect((await failure(file('garbage.gz', garbage))).reason).toMatch(/^corrupt gzip data: /);
  });

  it('a gzip file cut short gives the lines it held, the last one as far as it goes', async () => {
    const text = readFileSync(realLog, 'utf8');
    const gz = gzipSync(text);
    const got = await collect(file('truncated.gz', gz.subarray(0, gz.length >> 1)));
    const lines = text.split('\n');
    expect(got.length).toBeGreaterThan(10);
    expect(got.length).toBeLessThan(lines.length);
    // every line but the last is whole; the last is the start of the next one
    expect(got.slice(0, -1)).toEqual(lines.slice(0, got.length - 1));
    expect(lines[got.length - 1]!.startsWith(got[got.length - 1]!)).toBe(true);
  });

  it.skipIf(process.getuid?.() === 0)('permission denied', async () => {
    const p = file('secret.log', 'SCHED 0ms: x\n');
    chmodSync(p, 0o000);
    expect((await failure(p)).reason).toBe('permission denied');
  });

  it("names stdin '<stdin>'", async () => {
    expect(describeSource('-')).toBe('<stdin>');
    expect(describeSource('a/b.log')).toBe('a/b.log');
    const err = await withStdin(Buffer.from([0, 1, 2, 3, 0]), () => failure('-'));
    expect(err.message).toBe('<stdin>: binary file, not a text log');
  });
});
