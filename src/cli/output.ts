import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { InputError } from '../messages.js';

/** A text sink for stdout or a file that buffers small writes and honours back-pressure. */
export interface Output {
  /** Text, or bytes already encoded (UTF-8). */
  write(text: string | Uint8Array): void;
  /** Waits until the buffered text has been handed to the OS (call every few thousand lines). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export function openOutput(path: string | undefined): Output {
  const stream: Writable = path === undefined || path === '-' ? process.stdout : createWriteStream(path);
  let buf: (string | Uint8Array)[] = [];
  let bytes = false;
  let size = 0;
  let failed: Error | undefined;
  stream.on('error', (err) => {
    failed = err;
  });
  const drain = async (): Promise<void> => {
    if (failed) throw new InputError(path ?? '<stdout>', `cannot write: ${failed.message}`);
    if (size === 0) return;
    const chunk = bytes
      ? Buffer.concat(buf.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)))
      : (buf as string[]).join('');
    buf = [];
    size = 0;
    bytes = false;
    if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', resolve));
  };
  return {
    write(text) {
      buf.push(text);
      size += text.length;
      if (typeof text !== 'string') bytes = true;
    },
    flush: () => (size > 1 << 16 ? drain() : Promise.resolve()),
    async close() {
      await drain();
      if (stream !== process.stdout)
        await new Promise<void>((resolve, reject) =>
          stream.end((err?: Error | null) => (err ? reject(err) : resolve())),
        );
      if (failed) throw new InputError(path ?? '<stdout>', `cannot write: ${failed.message}`);
    },
  };
}
