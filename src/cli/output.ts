import {
  closeSync,
  copyFileSync,
  fdatasyncSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { OutputError, PipeClosed, systemReason } from './errors.js';
import { interruptedBy } from './interruption.js';

/**
 * A text sink for stdout or a file. Writes are synchronous (so a write error surfaces at the call that
 * caused it, and a command that produces text faster than the reader takes it waits instead of
 * buffering without bound), batched in 64 KiB blocks.
 *
 * A file is written to a temporary file beside it and renamed over it by `close()`, so an existing
 * file is replaced only when the run succeeds, and an interrupted run never leaves half a file.
 * On stdout, EPIPE (the reader stopped, e.g. `| head -1`) throws PipeClosed, which ends the run with 0.
 */
export interface Output {
  /** The output as the user named it (`<stdout>`, or the path). */
  readonly name: string;
  /** Text, or bytes already encoded (UTF-8). */
  write(text: string | Uint8Array): void;
  /**
   * Bytes written out before it returns, after what is buffered, and never kept: the caller may
   * reuse them (a writer's buffer). For large blocks, it saves a copy.
   */
  writeNow(bytes: Uint8Array): void;
  /** Kept for callers that pace themselves; writes already go out every 64 KiB. */
  flush(): Promise<void>;
  /** Writes what is buffered and, for a file, renames the temporary file over the target. */
  close(): Promise<void>;
}

const BLOCK = 1 << 16;
const STDOUT = '<stdout>';

/** Temporary files not yet renamed; removed on exit whatever happens. */
const pending = new Set<string>();
let exitHookInstalled = false;

function removePending(): void {
  for (const p of pending) {
    try {
      unlinkSync(p);
    } catch {
      // already gone
    }
  }
  pending.clear();
}

/** Removes every temporary output not yet renamed (the funnel calls it when a run fails). */
export function abandonOutputs(): void {
  removePending();
}

/** Writes all of `buf` to `fd`; EAGAIN (a non-blocking pipe that is full) waits a millisecond and retries. */
function writeAll(fd: number, buf: Uint8Array, name: string): void {
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off, buf.length - off);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
        continue;
      }
      if (code === 'EPIPE' && name === STDOUT) throw new PipeClosed();
      throw new OutputError(name, systemReason(err));
    }
  }
}

class FdOutput implements Output {
  private buf: (string | Uint8Array)[] = [];
  private size = 0;
  private bytes = false;
  constructor(
    readonly name: string,
    private fd: number,
  ) {}

  write(text: string | Uint8Array): void {
    this.buf.push(text);
    this.size += text.length;
    if (typeof text !== 'string') this.bytes = true;
    if (this.size >= BLOCK) this.drain();
  }

  writeNow(bytes: Uint8Array): void {
    this.drain();
    if (this.fd === 1 && Object.hasOwn(process.stdout, 'write')) process.stdout.write(Buffer.from(bytes));
    else writeAll(this.fd, bytes, this.name);
  }

  protected drain(): void {
    if (this.size === 0) return;
    const chunk = this.bytes
      ? Buffer.concat(this.buf.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)))
      : Buffer.from((this.buf as string[]).join(''));
    this.buf = [];
    this.size = 0;
    this.bytes = false;
    // A program that embeds runCli (or a test) and replaced process.stdout.write gets the text there.
    if (this.fd === 1 && Object.hasOwn(process.stdout, 'write')) process.stdout.write(chunk);
    else writeAll(this.fd, chunk, this.name);
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  async close(): Promise<void> {
    this.drain();
    if (this.fd > 2) {
      closeSync(this.fd);
      this.fd = -1;
    }
  }
}

class FileOutput extends FdOutput {
  private closed = false;
  constructor(
    override readonly name: string,
    private readonly target: string,
    private readonly temp: string,
    private readonly fdOf: number,
  ) {
    super(name, fdOf);
  }

  override async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.drain();
      // A full disk or a quota can surface only when the data reaches the device.
      fdatasyncSync(this.fdOf);
    } catch (err) {
      this.discard();
      throw err instanceof OutputError ? err : new OutputError(this.name, systemReason(err));
    }
    closeSync(this.fdOf);
    if (interruptedBy() !== undefined) {
      // An interrupted run replaces no file: the existing one (if any) stays as it was.
      this.discard();
      process.stderr.write(`gosched: ${this.name} left unchanged (interrupted by ${interruptedBy()})\n`);
      return;
    }
    try {
      renameSync(this.temp, this.target);
      pending.delete(this.temp);
    } catch (err) {
      this.discard();
      throw new OutputError(this.name, systemReason(err));
    }
  }

  private discard(): void {
    try {
      closeSync(this.fdOf);
    } catch {
      // already closed
    }
    try {
      unlinkSync(this.temp);
    } catch {
      // already gone
    }
    pending.delete(this.temp);
  }
}

let stdout: FdOutput | undefined;

/**
 * Opens stdout (no path, or `-`) or a file. `append` keeps what the file holds (copied into the
 * temporary file first), as `--summary` needs for $GITHUB_STEP_SUMMARY.
 */
export function openOutput(path: string | undefined, opts: { append?: boolean } = {}): Output {
  if (path === undefined || path === '-') {
    stdout ??= new FdOutput(STDOUT, 1);
    return stdout;
  }
  let target = path;
  try {
    const st = statSync(path, { throwIfNoEntry: false });
    if (st?.isDirectory()) throw new OutputError(path, 'is a directory');
    if (st !== undefined && !st.isFile()) {
      // A device, a FIFO or a terminal (/dev/full, /dev/stdout, a named pipe): written in place,
      // since renaming over it would replace the device with a file.
      return new FdOutput(path, openSync(path, opts.append ? 'a' : 'w'));
    }
    // Through a symlink, the file it points at is replaced, not the link.
    if (st !== undefined) target = realpathSync(path);
  } catch (err) {
    throw err instanceof OutputError ? err : new OutputError(path, systemReason(err));
  }
  if (!exitHookInstalled) {
    process.on('exit', removePending);
    exitHookInstalled = true;
  }
  const temp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}-${Math.random().toString(36).slice(2, 8)}.gosched-tmp`,
  );
  let fd: number;
  try {
    // A folder that does not exist yet is made, as for report's default reports/ (CI artifact paths).
    mkdirSync(dirname(target), { recursive: true });
    if (opts.append) {
      try {
        copyFileSync(target, temp);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    fd = openSync(temp, opts.append ? 'a' : 'wx', 0o644);
  } catch (err) {
    // The temporary file failed: name the output the user gave, with the reason for its folder.
    throw new OutputError(path, systemReason(err));
  }
  pending.add(temp);
  return new FileOutput(path, target, temp, fd);
}

/** Writes one whole text to a file through a temporary file (for outputs produced in one piece). */
export async function writeOutputFile(path: string, text: string, opts: { append?: boolean } = {}): Promise<void> {
  const out = openOutput(path, opts);
  out.write(text);
  await out.close();
}
