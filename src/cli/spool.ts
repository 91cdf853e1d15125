import { appendFileSync, closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Output } from './output.js';

/**
 * Text held in memory before it goes to the file. Small on purpose: measured on 200,000 restarts,
 * holding 16 MiB of run sections raised analyze's peak RSS from 170 MB to 520-590 MB.
 */
const FLUSH_AT = 1 << 20;
const READ_CHUNK = 1 << 20;

/**
 * Text that belongs in the middle of an output but is known before what comes ahead of it (the
 * per-run sections of `analyze`, which follow the headline that only the last run decides). It
 * waits in memory up to `flushAt` characters (1 Mi by default), then in a temporary file, so memory
 * stays flat whatever its length. No file stays open between writes: a command may hold a spool per
 * open run of thousands of streams without running out of file descriptors.
 */
export class Spool {
  private parts: string[] = [];
  private size = 0;
  private dir: string | null = null;
  private file: string | null = null;
  /** Nothing written yet. */
  empty = true;

  constructor(private readonly flushAt = FLUSH_AT) {}

  write(text: string): void {
    this.empty = false;
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.flushAt) this.spill();
  }

  /**
   * Bytes (UTF-8 text) straight to the file, after the text written before them: for a writer that
   * builds its text as bytes in a buffer of its own and hands over a megabyte at a time.
   */
  writeBytes(bytes: Uint8Array): void {
    this.empty = false;
    if (this.parts.length > 0) this.spill();
    appendFileSync(this.fileName(), bytes);
  }

  private spill(): void {
    appendFileSync(this.fileName(), this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }

  private fileName(): string {
    if (this.file === null) {
      this.dir = mkdtempSync(join(tmpdir(), 'gosched-'));
      this.file = join(this.dir, 'spool');
    }
    return this.file;
  }

  /** The spilled bytes, a chunk at a time, in order. */
  private *fileChunks(): Generator<Buffer> {
    if (this.file === null) return;
    const fd = openSync(this.file, 'r');
    try {
      const buf = Buffer.allocUnsafe(READ_CHUNK);
      for (let pos = 0; ; ) {
        const n = readSync(fd, buf, 0, buf.length, pos);
        if (n === 0) break;
        pos += n;
        yield buf.subarray(0, n);
      }
    } finally {
      closeSync(fd);
    }
  }

  /** Writes everything spooled to `out`, in order, then removes the temporary file. */
  async copyTo(out: Output): Promise<void> {
    try {
      // Written out before the next chunk is read into the same buffer: no copy.
      for (const chunk of this.fileChunks()) out.writeNow(chunk);
      for (const p of this.parts) out.write(p);
      this.parts = [];
    } finally {
      this.dispose();
    }
  }

  /**
   * Every line spooled (text written as lines ending in a newline), in order, without reading the
   * file whole; the spool is disposed of afterwards.
   */
  *lines(): Generator<string> {
    try {
      let rest = '';
      const decoder = new TextDecoder();
      for (const chunk of this.fileChunks()) {
        const text = rest + decoder.decode(chunk, { stream: true });
        const cut = text.lastIndexOf('\n');
        rest = text.slice(cut + 1);
        if (cut >= 0) yield* text.slice(0, cut).split('\n');
      }
      const text = rest + decoder.decode() + this.parts.join('');
      this.parts = [];
      const body = text.endsWith('\n') ? text.slice(0, -1) : text;
      if (body !== '') yield* body.split('\n');
    } finally {
      this.dispose();
    }
  }

  dispose(): void {
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
    this.file = null;
    this.parts = [];
    this.size = 0;
  }
}
