import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';

/** Bytes held in memory before they go to the file (as Spool's text). */
const FLUSH_AT = 1 << 20;
const READ_CHUNK = 1 << 20;

/**
 * Values written one after another to a temporary file, structured-clone exact (NaN, -0 and
 * undefined survive, unlike JSON), and read back in order by another thread or later: memory stays
 * flat however many there are. Whoever chose the path removes the file.
 */
export class RecordWriter {
  private parts: Buffer[] = [];
  private size = 0;
  private fd: number;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(value: unknown): void {
    const body = serialize(value);
    const head = Buffer.allocUnsafe(4);
    head.writeUInt32LE(body.length);
    this.parts.push(head, body);
    this.size += 4 + body.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.parts.length > 0) writeSync(this.fd, Buffer.concat(this.parts));
    this.parts = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** The values a RecordWriter wrote to `path`, in order. */
export function* readRecords(path: string): Generator<unknown> {
  const fd = openSync(path, 'r');
  try {
    let buf = Buffer.alloc(0);
    let pos = 0;
    const chunk = Buffer.allocUnsafe(READ_CHUNK);
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, pos);
      pos += n;
      if (n === 0) break;
      buf = buf.length === 0 ? Buffer.from(chunk.subarray(0, n)) : Buffer.concat([buf, chunk.subarray(0, n)]);
      let at = 0;
      while (buf.length - at >= 4) {
        const len = buf.readUInt32LE(at);
        if (buf.length - at - 4 < len) break;
        yield deserialize(buf.subarray(at + 4, at + 4 + len));
        at += 4 + len;
      }
      buf = buf.subarray(at);
    }
  } finally {
    closeSync(fd);
  }
}
