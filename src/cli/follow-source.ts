import { createWriteStream, type WriteStream } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../messages.js';
import { describeSource, STDIN_PATH } from './line-source.js';

const CHUNK = 1 << 16;

/**
 * Cuts bytes into blocks of whole lines (joined by \n, no final \n), as the parser's pushBlock takes
 * them. A line still without its \n waits for the next bytes, or for `end()`.
 */
export class LineSplitter {
  private tail: Buffer | null = null;
  private first = true;

  constructor(private readonly onBlock: (text: string, first: boolean) => void) {}

  push(chunk: Buffer): void {
    let start = 0;
    if (this.tail !== null) {
      const nl = chunk.indexOf(10);
      if (nl === -1) {
        this.tail = Buffer.concat([this.tail, chunk]);
        return;
      }
      this.emit(Buffer.concat([this.tail, chunk.subarray(0, nl)]).toString('utf8'));
      this.tail = null;
      start = nl + 1;
    }
    const last = chunk.lastIndexOf(10);
    if (last < start) {
      if (start < chunk.length) this.tail = Buffer.from(chunk.subarray(start));
      return;
    }
    if (last + 1 < chunk.length) this.tail = Buffer.from(chunk.subarray(last + 1));
    this.emit(chunk.toString('utf8', start, last));
  }

  /** The bytes after the last \n, as a line of their own (end of input, or the file was rotated). */
  end(): void {
    if (this.tail !== null && this.tail.length > 0) this.emit(this.tail.toString('utf8'));
    this.tail = null;
  }

  private emit(text: string): void {
    const first = this.first;
    this.first = false;
    this.onBlock(text, first);
  }
}

export interface FollowOptions {
  /** How often a file at its end is checked for growth, rotation and truncation. */
  pollMs: number;
  /** Stops following (Ctrl-C); the promise then resolves. */
  signal: AbortSignal;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

async function readAll(
  fh: FileHandle,
  pos: number,
  onChunk: (b: Buffer) => void,
  signal: AbortSignal,
): Promise<number> {
  for (;;) {
    if (signal.aborted) return pos;
    const buf = Buffer.allocUnsafe(CHUNK);
    const { bytesRead } = await fh.read(buf, 0, CHUNK, pos);
    if (bytesRead === 0) return pos;
    pos += bytesRead;
    onChunk(buf.subarray(0, bytesRead));
  }
}

/** The file starts with gzip's magic bytes (1f 8b). False when it cannot be read (followFile then says why). */
export async function isGzipFile(path: string): Promise<boolean> {
  try {
    const fh = await open(path, 'r');
    try {
      const head = Buffer.alloc(2);
      const { bytesRead } = await fh.read(head, 0, 2, 0);
      return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
    } finally {
      await fh.close();
    }
  } catch {
    return false;
  }
}

/**
 * Follows a file as `tail -F` does: reads it from the start, then waits for more. When the path
 * comes to name another file (rotation: rename and create, logrotate's default), the rest of the old
 * file is read and the new one is read from its start; when the file shrinks (truncation: copytruncate,
 * `> file`), reading starts again at its beginning. A path that is briefly missing is waited for.
 */
export async function followFile(path: string, onChunk: (b: Buffer) => void, o: FollowOptions): Promise<void> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
    if ((await fh.stat()).isDirectory()) {
      await fh.close();
      throw new InputError(path, 'is a directory');
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(path, code === 'ENOENT' ? 'no such file' : `cannot read: ${(err as Error).message}`);
  }
  let pos = 0;
  let ino = (await fh.stat()).ino;
  try {
    while (!o.signal.aborted) {
      pos = await readAll(fh, pos, onChunk, o.signal);
      await sleep(o.pollMs, o.signal);
      if (o.signal.aborted) break;
      const now = await stat(path).catch(() => null);
      if (now !== null && now.ino !== ino) {
        pos = await readAll(fh, pos, onChunk, o.signal);
        const next = await open(path, 'r').catch(() => null);
        if (next === null) continue;
        await fh.close();
        fh = next;
        ino = (await fh.stat()).ino;
        pos = 0;
        continue;
      }
      const size = (await fh.stat()).size;
      if (size < pos) pos = 0;
    }
  } finally {
    await fh.close();
  }
}

/**
 * Reads a stream (stdin, a pipe, a child's output) to its end, or until `signal`; with `gunzip`,
 * input that starts with gzip's magic bytes is decompressed.
 */
export function followStream(
  stream: Readable,
  onChunk: (b: Buffer) => void,
  signal: AbortSignal,
  gunzip = true,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let unzip: ReturnType<typeof createGunzip> | null = null;
    let sniffed = !gunzip;
    const finish = (): void => {
      stream.off('data', onData).off('end', finish).off('error', onError);
      signal.removeEventListener('abort', finish);
      resolve();
    };
    const onError = (err: Error): void => {
      stream.off('data', onData).off('end', finish).off('error', onError);
      reject(new InputError(describeSource(STDIN_PATH), `cannot read: ${err.message}`));
    };
    const onData = (chunk: Buffer | string): void => {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (!sniffed) {
        sniffed = true;
        if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) {
          unzip = createGunzip();
          unzip.on('data', onChunk);
          unzip.on('error', (e) => onError(e));
          stream.off('end', finish);
          stream.on('end', () => unzip?.end());
          unzip.on('end', finish);
        }
      }
      if (unzip !== null) unzip.write(b);
      else onChunk(b);
    };
    stream.on('data', onData).on('end', finish).on('error', onError);
    signal.addEventListener('abort', finish);
  });
}

/** A file opened for writing before anything starts, so a bad path is one clear line (exit 2), not a crash later. */
export async function openWriteStream(path: string): Promise<WriteStream> {
  const stream = createWriteStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (err) => reject(new InputError(path, `cannot write: ${err.message}`)));
  });
  // Later write errors (disk full) end up here rather than as an uncaught exception.
  stream.on('error', (err) => process.stderr.write(`gosched: ${path}: cannot write: ${err.message}\n`));
  return stream;
}
