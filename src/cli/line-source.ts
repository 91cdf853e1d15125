import { isUtf8 } from 'node:buffer';
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { InputError } from '../messages.js';
import { stopReading, stopRequested } from './interruption.js';
import { note } from './terminal.js';

const CHUNK = 1 << 20;
/**
 * Gzip expansion is streamed, never held; above this ratio (after the first 64 MiB) the input is
 * refused. Real schedtrace logs compress 10-60:1 (the samples: see README); a gzip bomb 1000:1 and more.
 */
export const MAX_GZIP_RATIO = 500;
const GZIP_RATIO_AFTER = 64 << 20;
/** How much decoded input is looked at to tell a text log from a binary file. */
const SNIFF_BYTES = 8192;

/** The name shown for a source in messages and outputs. */
/** Where `-` points: the CLI passes stdin on as this path (see run-cli.ts). */
export const STDIN_PATH = '/dev/stdin';

function isStdin(source: string): boolean {
  return source === '-' || source === STDIN_PATH;
}

export function describeSource(source: string): string {
  return isStdin(source) ? '<stdin>' : source;
}

function reasonFor(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return `cannot read: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/**
 * More than 10% control bytes other than NUL, tab, line ends, form feed, backspace and ESC. NUL bytes
 * alone do not make a file binary: `copytruncate` log rotation leaves runs of them in real logs, and
 * the lines that hold them are reported one by one.
 */
function looksBinary(head: Buffer): boolean {
  let odd = 0;
  for (const b of head)
    if ((b < 32 && b !== 0 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 8 && b !== 27) || b === 127) odd++;
  return odd * 10 > head.length;
}

/** A UTF-16 byte order mark, or ASCII text with a NUL after (or before) most characters. */
function looksUtf16(head: Buffer): boolean {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)))
    return true;
  const pairs = Math.floor(Math.min(head.length, 512) / 2);
  if (pairs < 4) return false;
  let le = 0;
  let be = 0;
  for (let i = 0; i < pairs; i++) {
    const a = head[2 * i] as number;
    const b = head[2 * i + 1] as number;
    if (b === 0 && a !== 0) le++;
    if (a === 0 && b !== 0) be++;
  }
  return le > pairs * 0.8 || be > pairs * 0.8;
}

/** A byte range of a file: [start, end). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Whether a file's first bytes are those of a plain text log (not gzip, not binary, not UTF-16),
 * as readByteBlocks would find them: what lets a caller read parts of it by range.
 */
export function plainTextHead(head: Buffer): boolean {
  const isGzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  return !isGzip && !looksUtf16(head) && !looksBinary(head.subarray(0, SNIFF_BYTES));
}

/**
 * The read buffers of one source that its reader has read through, for the next reads. A fresh
 * buffer per read made V8 collect the whole heap every few dozen MiB (each one counts as external
 * memory). Only the byte reader hands buffers back, once no block of them is in use, and only
 * fileChunks' own: gzip input is never handed back, as the gunzip stream may still hold it.
 */
class ChunkPool {
  private readonly own = new WeakSet<Buffer>();
  private readonly free: Buffer[] = [];

  take(): Buffer {
    const b = this.free.pop();
    if (b !== undefined) return b;
    // Bytes to spare past the end of the buffer: the scheddetail scanner compares keys as whole
    // words that may reach past the end of a block (byte-detail.ts).
    const fresh = Buffer.allocUnsafe(CHUNK + 16).subarray(0, CHUNK);
    this.own.add(fresh);
    return fresh;
  }

  /** A chunk read through (any chunk: only the pool's own are kept). */
  give(chunk: Buffer): void {
    if (this.own.has(chunk) && this.free.length < 4) this.free.push(chunk);
  }
}

async function* fileChunks(fh: FileHandle, range: ByteRange | undefined, pool: ChunkPool): AsyncGenerator<Buffer> {
  let pos = range?.start ?? 0;
  const read = () => {
    const len = range === undefined ? CHUNK : Math.min(CHUNK, range.end - pos);
    const r = fh.read(pool.take(), 0, len, range === undefined ? null : pos);
    pos += len;
    // Handled here too: a read that fails while the reader is busy elsewhere is not an unhandled
    // rejection; its error is thrown where it is awaited.
    r.catch(() => {});
    return r;
  };
  // The next chunk is read while the reader works on this one (the read runs off the main thread).
  let next: ReturnType<typeof read> | null = read();
  try {
    while (!stopRequested()) {
      const { bytesRead, buffer } = await next;
      next = null;
      if (bytesRead === 0) return;
      next = read();
      yield bytesRead === CHUNK ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    // A read still in flight finishes before the file closes.
    if (next !== null) await next.catch(() => {});
    await fh.close();
  }
}

/** The chunks of a stream; a stop signal ends them at once, even while waiting for the next chunk. */
async function* streamChunks(stream: Readable): AsyncGenerator<Buffer> {
  const it = stream[Symbol.asyncIterator]();
  const stopped = new Promise<IteratorResult<unknown>>((resolve) => {
    const done = (): void => resolve({ done: true, value: undefined });
    if (stopReading.aborted) done();
    else stopReading.addEventListener('abort', done, { once: true });
  });
  try {
    for (;;) {
      const r = await Promise.race([it.next(), stopped]);
      if (r.done) return;
      const chunk = r.value;
      yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    }
  } finally {
    if (stopReading.aborted) stream.pause();
    else await it.return?.();
  }
}

/** Raw bytes of a file or of stdin; open errors become InputError. */
async function rawChunks(
  source: string,
  name: string,
  range?: ByteRange,
  pool = new ChunkPool(),
): Promise<AsyncGenerator<Buffer>> {
  if (isStdin(source)) return streamChunks(process.stdin);
  let fh: FileHandle;
  try {
    fh = await open(source, 'r');
  } catch (err) {
    throw new InputError(name, reasonFor(err));
  }
  try {
    // open() succeeds on a directory on Linux; reading it is what fails.
    if ((await fh.stat()).isDirectory()) throw new InputError(name, 'is a directory');
  } catch (err) {
    await fh.close();
    throw err instanceof InputError ? err : new InputError(name, reasonFor(err));
  }
  return fileChunks(fh, range, pool);
}

/** Gunzips when the first two bytes are the gzip magic 1f 8b (concatenated members included), whatever the name. */
async function* decompressed(raw: AsyncGenerator<Buffer>, name: string): AsyncGenerator<Buffer> {
  const first = await raw.next();
  if (first.done) return;
  const head = first.value;
  if (!(head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b)) {
    try {
      yield head;
      yield* raw;
    } finally {
      await raw.return(undefined); // closes the file when the reader stops early
    }
    return;
  }
  // zlib is loaded for gzip input only (start-up of every other command).
  const { createGunzip } = await import('node:zlib');
  const gunzip = createGunzip({ chunkSize: CHUNK });
  let fed = 0;
  let out = 0;
  const feed = (async () => {
    try {
      let chunk: Buffer | undefined = head;
      while (chunk !== undefined) {
        if (gunzip.destroyed) return; // the reader stopped early
        fed += chunk.length;
        if (!gunzip.write(chunk)) {
          await new Promise<void>((resolve) => {
            const done = (): void => {
              gunzip.off('drain', done).off('close', done);
              resolve();
            };
            gunzip.once('drain', done).once('close', done);
          });
        }
        const r = await raw.next();
        chunk = r.done ? undefined : r.value;
      }
      if (!gunzip.destroyed) gunzip.end();
    } catch (err) {
      gunzip.destroy(err as Error);
    }
  })();
  try {
    for await (const chunk of gunzip) {
      out += (chunk as Buffer).length;
      if (out > GZIP_RATIO_AFTER && out > fed * MAX_GZIP_RATIO)
        throw new InputError(
          name,
          `gzip data expands more than ${MAX_GZIP_RATIO}:1 (${out} bytes from ${fed}); a text log does not, refusing it as a likely gzip bomb`,
        );
      yield chunk as Buffer;
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    // A gzip file cut short (copied while still written, a rotation, a partial download): what it
    // held has been read, and the parser accounts for its last, partial line.
    if (code === 'Z_BUF_ERROR' && out > 0) {
      note(
        `gosched: ${name}: the gzip data ends early (cut off after ${fed} compressed bytes); read the ${out} bytes it held`,
      );
      return;
    }
    if (code?.startsWith('Z_')) throw new InputError(name, `corrupt gzip data: ${(err as Error).message}`);
    throw err instanceof Error && 'code' in err ? new InputError(name, reasonFor(err)) : err;
  } finally {
    gunzip.destroy();
    await feed;
    await raw.return(undefined);
  }
}

/** Passes the bytes on once the first 8 KB (or the whole input, if shorter) look like text. */
async function* textOnly(bytes: AsyncGenerator<Buffer>, name: string): AsyncGenerator<Buffer> {
  let head: Buffer = Buffer.alloc(0);
  // next() by hand: leaving a for-await loop early would close `bytes`.
  while (head.length < SNIFF_BYTES) {
    const r = await bytes.next();
    if (r.done) break;
    head = head.length === 0 ? r.value : Buffer.concat([head, r.value]);
  }
  if (looksUtf16(head)) {
    await bytes.return(undefined);
    throw new InputError(name, 'UTF-16 text, not UTF-8 (convert it first, e.g. iconv -f UTF-16 -t UTF-8)');
  }
  if (looksBinary(head.subarray(0, SNIFF_BYTES))) {
    await bytes.return(undefined);
    throw new InputError(name, 'binary file, not a text log');
  }
  try {
    if (head.length > 0) yield head;
    yield* bytes;
  } finally {
    await bytes.return(undefined);
  }
}

function toLines(text: string, first: boolean): string[] {
  const lines = text.split('\n');
  if (text.includes('\r')) {
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i] as string;
      if (l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
    }
  }
  if (first && (lines[0] as string).charCodeAt(0) === 0xfeff) lines[0] = (lines[0] as string).slice(1);
  return lines;
}

/**
 * A block of the text of a source: whole lines joined by \n (no final \n), or, when `unreadable`
 * is set, one line that could not be read (too long, NUL bytes, not UTF-8) and is not passed on:
 * the parser counts it as malformed with this reason, so every line stays accounted for.
 */
export interface TextBlock {
  text: string;
  /** The block may start with a byte order mark. */
  first: boolean;
  unreadable?: string;
}

/** Longer lines are skipped without being held (a schedtrace line of 1024 Ps is about 10 KB). */
export const MAX_LINE_BYTES = 1 << 20;

/**
 * Bytes that are not UTF-8 (an application writing Latin-1 into the same stderr) as UTF-8, each
 * invalid sequence read as U+FFFD: the SCHED fields are ASCII, so a dump with such text after or
 * around it is still read, and an application line stays foreign. Lines are unchanged (LF is ASCII).
 */
function asUtf8(bytes: Buffer): Buffer {
  return isUtf8(bytes) ? bytes : Buffer.from(bytes.toString('utf8'), 'utf8');
}

/**
 * The blocks of `buf[start, end)` (whole lines): one block when it holds no NUL (the common, fast
 * case), else the runs of lines without one, each line with a NUL as an unreadable block.
 */
function* cleanBlocks(buf: Buffer, start: number, end: number, first: boolean): Generator<ByteBlock> {
  const region = buf.subarray(start, end);
  if (!region.includes(0)) {
    yield { bytes: asUtf8(region), first };
    return;
  }
  let runStart = 0;
  let s = 0;
  while (s <= region.length) {
    let nl = region.indexOf(10, s);
    if (nl === -1) nl = region.length;
    if (region.subarray(s, nl).includes(0)) {
      if (s > runStart) yield { bytes: asUtf8(region.subarray(runStart, s - 1)), first };
      yield { bytes: EMPTY, first: false, unreadable: 'line holds NUL bytes; skipped' };
      first = false;
      runStart = nl + 1;
    }
    s = nl + 1;
  }
  if (runStart <= region.length) yield { bytes: asUtf8(region.subarray(runStart)), first };
}

/** A TextBlock as bytes: whole lines of UTF-8 (invalid bytes read as U+FFFD), each ending in \n but the last. */
export interface ByteBlock {
  bytes: Buffer;
  first: boolean;
  unreadable?: string;
}

const EMPTY = Buffer.alloc(0);

/** readByteBlocks decoded: the blocks as text. */
export async function* readTextBlocks(source: string): AsyncGenerator<TextBlock> {
  for await (const b of readByteBlocks(source)) {
    const t: TextBlock = { text: b.bytes.toString('utf8'), first: b.first };
    if (b.unreadable !== undefined) t.unreadable = b.unreadable;
    yield t;
  }
}

/**
 * The bytes of a source in blocks of whole lines (about 1 MiB each), the lines joined by \n and the
 * block without a final \n: the fast way through a big file, since a parser can walk the bytes as read
 * (Parser.pushBytes) instead of a string per line. Lines over MAX_LINE_BYTES or with NUL bytes come as
 * unreadable blocks (invalid UTF-8 is read as U+FFFD: asUtf8); the rest of an overlong line is skipped as it is read, never held.
 * Stops early (as if the input ended) when a SIGINT or SIGTERM arrives.
 * `range`: only those bytes of a file, read as they stand (no gzip, no text check: see plainTextHead).
 */
export async function* readByteBlocks(source: string, range?: ByteRange): AsyncGenerator<ByteBlock> {
  const name = describeSource(source);
  const pool = new ChunkPool();
  const raw = await rawChunks(source, name, range, pool);
  // A range is part of a plain text file whose head was checked already (plainTextHead).
  const bytes = range === undefined ? textOnly(decompressed(raw, name), name) : raw;
  let tail: Buffer | null = null;
  /** The chunk before this one: handed back once the line carried over from it is read. */
  let prev: Buffer | null = null;
  /** Bytes of the overlong line being skipped, or -1 when not skipping. */
  let skipping = -1;
  let first = range === undefined || range.start === 0;
  const overlong = (n: number): ByteBlock => ({
    bytes: EMPTY,
    first: false,
    unreadable: `line longer than ${MAX_LINE_BYTES / (1 << 20)} MiB (${n} bytes); skipped`,
  });
  try {
    for await (const chunk of bytes) {
      if (isStdin(source) ? stopReading.aborted : stopRequested()) break;
      let start = 0;
      if (skipping >= 0) {
        const nl = chunk.indexOf(10);
        if (nl === -1) {
          skipping += chunk.length;
          continue;
        }
        yield overlong(skipping + nl);
        first = false;
        skipping = -1;
        start = nl + 1;
      } else if (tail !== null) {
        // Cut at \n bytes: in UTF-8 that is always a character boundary, so the line carried over
        // from the last chunk is completed on its own, without copying the whole new chunk after it.
        const nl = chunk.indexOf(10);
        const total = tail.length + (nl === -1 ? chunk.length : nl);
        if (total > MAX_LINE_BYTES) {
          tail = null;
          if (nl === -1) {
            skipping = total;
            continue;
          }
          yield overlong(total);
          first = false;
          start = nl + 1;
        } else if (nl === -1) {
          tail = Buffer.concat([tail, chunk]);
          continue;
        } else {
          const line = Buffer.concat([tail, chunk.subarray(0, nl)]);
          yield* cleanBlocks(line, 0, line.length, first);
          first = false;
          tail = null;
          start = nl + 1;
        }
      }
      // Nothing holds the chunk before any more: its blocks were read, its last line was copied.
      if (prev !== null) pool.give(prev);
      prev = chunk;
      const last = chunk.lastIndexOf(10);
      if (last < start) {
        if (start < chunk.length) {
          if (chunk.length - start > MAX_LINE_BYTES) skipping = chunk.length - start;
          else tail = chunk.subarray(start);
        }
        continue;
      }
      if (last + 1 < chunk.length) {
        if (chunk.length - last - 1 > MAX_LINE_BYTES) skipping = chunk.length - last - 1;
        else tail = chunk.subarray(last + 1);
      } else tail = null;
      yield* cleanBlocks(chunk, start, last, first);
      first = false;
    }
  } catch (err) {
    // Read errors after opening (EIO, EISDIR on a special file): still the input's fault.
    if (err instanceof InputError || !(err instanceof Error && 'code' in err)) throw err;
    throw new InputError(name, reasonFor(err));
  }
  if (skipping >= 0) yield overlong(skipping);
  else if (tail !== null) yield* cleanBlocks(tail, 0, tail.length, first);
}

/**
 * The lines of a source, one array per block read (about 1 MiB).
 * Lines come without their terminator (\n or \r\n) and without a UTF-8 byte order mark.
 */
export async function* readLineBatches(source: string): AsyncGenerator<string[]> {
  // Unreadable lines are left out here; readTextBlocks reports them.
  for await (const block of readTextBlocks(source))
    if (block.unreadable === undefined) yield toLines(block.text, block.first);
}

/**
 * Reads a file path, or `-` for stdin, line by line in constant memory. Lines come without their
 * terminator (\n or \r\n); a last line without one is still a line. Gzip is recognised by its magic
 * bytes, not its name. Throws InputError (the CLI's exit code 2) when the input cannot be read,
 * is a directory, is not gzip data after a gzip header, or is binary rather than a text log.
 * An empty input yields no lines.
 */
export function readLines(source: string): AsyncIterable<string> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<string> {
      // Hand out lines from the current batch without an async generator step per line (measured: about 2x faster).
      const batches = readLineBatches(source);
      let batch: string[] = [];
      let i = 0;
      const next = async (): Promise<IteratorResult<string>> => {
        while (i >= batch.length) {
          const r = await batches.next();
          if (r.done === true) return { value: undefined, done: true };
          batch = r.value;
          i = 0;
        }
        return { value: batch[i++] as string, done: false };
      };
      return {
        next: () => (i < batch.length ? Promise.resolve({ value: batch[i++] as string, done: false }) : next()),
        return: async () => {
          await batches.return(undefined);
          return { value: undefined, done: true };
        },
      };
    },
  };
}
